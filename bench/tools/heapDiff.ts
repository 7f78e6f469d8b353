// Compares two V8 heap snapshots (from BENCH_HEAP_SNAPSHOTS=1 npm run bench, or any .heapsnapshot):
// which kinds of objects grew, by count and by self size. Strings are grouped by shape, so token
// values (`vcp_…`) and token names kept alive show up as such.
//   node out/bench/tools/heapDiff.js before.heapsnapshot after.heapsnapshot [top]
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

type Groups = Map<string, { count: number; size: number }>;

function stringShape(value: string): string {
  if (/^vc[a-z]_[A-Za-z0-9]{8,}$/.test(value)) return '(string) token value vc?_…';
  if (/^tok_[A-Za-z0-9]+$/.test(value)) return '(string) token id tok_…';
  if (/^(mem|bench)-/.test(value)) return '(string) bench token name';
  if (/^value:tok_/.test(value)) return '(string) secret key value:tok_…';
  if (/Bearer /.test(value)) return '(string) containing "Bearer "';
  return '(string) other';
}

function groups(file: string): Groups {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const result: Groups = new Map();
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt]];
    const name = data.strings[data.nodes[i + nameAt]];
    const key =
      type === 'string' || type === 'concatenated string' || type === 'sliced string'
        ? stringShape(name)
        : type === 'object' || type === 'closure'
          ? `${type} ${name || '(anonymous)'}`
          : `(${type}) ${type === 'code' || type === 'hidden' || type === 'array' ? name.slice(0, 40) : ''}`.trim();
    const entry = result.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += data.nodes[i + sizeAt];
    result.set(key, entry);
  }
  return result;
}

function main(): void {
  const [before, after, topArg] = process.argv.slice(2);
  if (!before || !after) {
    console.error('usage: node out/bench/tools/heapDiff.js before.heapsnapshot after.heapsnapshot [top]');
    process.exit(2);
  }
  const a = groups(before);
  const b = groups(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys].map((key) => {
    const x = a.get(key) ?? { count: 0, size: 0 };
    const y = b.get(key) ?? { count: 0, size: 0 };
    return { key, count: y.count - x.count, size: y.size - x.size, after: y.count };
  });
  const total = rows.reduce((sum, row) => sum + row.size, 0);
  console.log(`self size delta, all objects: ${(total / 1024).toFixed(1)} KB`);
  console.log('  Δ KB     Δ count   count after  kind');
  for (const row of rows.sort((x, y) => y.size - x.size).slice(0, Number(topArg) || 40)) {
    console.log(`${(row.size / 1024).toFixed(1).padStart(7)}  ${String(row.count).padStart(9)}  ${String(row.after).padStart(11)}  ${row.key}`);
  }
}

main();
