// Turns measurements into rows with goals, a Markdown table and the JSON document.
import { summarize, type Summary } from './stats';

export type Unit = 'ms' | 'KB' | 'MB' | 'x' | '%';

export interface Goal {
  op: '<=' | '>=';
  value: number;
}

export interface Row {
  id: string;
  measure: string;
  unit: Unit;
  /** Repeated samples; or a single value (sizes, derived numbers). */
  summary?: Summary;
  value?: number;
  goal?: Goal;
  /** Whether the median (or value) is within the goal; undefined when there is no goal. */
  goalMet?: boolean;
  note?: string;
}

export function sampled(id: string, measure: string, unit: Unit, samples: readonly number[], goal?: Goal, note?: string): Row {
  const summary = summarize(samples);
  return { id, measure, unit, summary, goal, goalMet: goal ? within(summary.median, goal) : undefined, note };
}

export function single(id: string, measure: string, unit: Unit, value: number, goal?: Goal, note?: string): Row {
  return { id, measure, unit, value, goal, goalMet: goal ? within(value, goal) : undefined, note };
}

function within(value: number, goal: Goal): boolean {
  return goal.op === '<=' ? value <= goal.value : value >= goal.value;
}

function number(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'KB') return value.toFixed(1);
  // Ratios near a goal such as 2× need their decimal; large ones (a 65× peer ratio) do not.
  if (unit === 'x') return Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0);
  if (unit === '%') return value.toFixed(0);
  if (unit === 'MB') return value.toFixed(2);
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

const withUnit = (value: number, unit: Unit) =>
  unit === 'x' ? `${number(value, unit)}×` : unit === '%' ? `${number(value, unit)} %` : `${number(value, unit)} ${unit}`;

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| Measure | Median | p10 – p90 | min – max | n | Goal | Goal met |',
    '|---|---:|---:|---:|---:|---|---|',
  ];
  for (const row of rows) {
    const s = row.summary;
    const median = s ? withUnit(s.median, row.unit) : withUnit(row.value ?? Number.NaN, row.unit);
    const p = s ? `${number(s.p10, row.unit)} – ${number(s.p90, row.unit)}` : '';
    const m = s ? `${number(s.min, row.unit)} – ${number(s.max, row.unit)}` : '';
    const n = s ? String(s.n) : '1';
    const goal = row.goal ? `${row.goal.op === '<=' ? '≤' : '≥'} ${withUnit(row.goal.value, row.unit)}` : '';
    const met = row.goalMet === undefined ? '' : row.goalMet ? 'yes' : '**no**';
    const measure = row.note ? `${row.measure} <br><sub>${row.note}</sub>` : row.measure;
    lines.push(`| ${measure} | ${median} | ${p} | ${m} | ${n} | ${goal} | ${met} |`);
  }
  return lines.join('\n');
}

/** The same table for a terminal: fixed-width columns, notes on their own line. */
export function textTable(rows: Row[]): string {
  const header = ['Measure', 'Median', 'p10 – p90', 'min – max', 'n', 'Goal', 'Met'];
  const body = rows.map((row) => {
    const s = row.summary;
    return [
      row.measure,
      s ? withUnit(s.median, row.unit) : withUnit(row.value ?? Number.NaN, row.unit),
      s ? `${number(s.p10, row.unit)} – ${number(s.p90, row.unit)}` : '',
      s ? `${number(s.min, row.unit)} – ${number(s.max, row.unit)}` : '',
      s ? String(s.n) : '1',
      row.goal ? `${row.goal.op === '<=' ? '<=' : '>='} ${withUnit(row.goal.value, row.unit)}` : '',
      row.goalMet === undefined ? '' : row.goalMet ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((_, column) => Math.max(header[column].length, ...body.map((cells) => cells[column].length)));
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 || column >= 5 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(format)].join('\n');
}
