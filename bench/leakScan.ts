// The leak scan over whole documents, timed in the bench's own Node process (no VS Code involved):
// what the leak diagnostics run over an open editor's text after each change. Three 1 MB texts, each
// scanned many times after a warm-up, in turn: source code, source code with non-ASCII text (a
// two-byte string in V8), and a text full of near misses (values too short, too long, glued to an
// identifier, with other letters), each holding a few real-shaped values.
//
//   node out/bench/leakScan.js   prints the timings (after `npx tsc -p bench/tsconfig.json`)
import { performance } from 'node:perf_hooks';
import { findTokenCandidates } from '../src/domain/leakScan';
import { mulberry32 } from '../test/unit/support/random';
import { sampled, type Row } from './lib/report';
import { percentile } from './lib/stats';

const BYTES = 1024 * 1024;
const WARMUP_ROUNDS = 30;
const SAMPLE_ROUNDS = 200;
/** The goal: one 1 MB document scanned in at most this many milliseconds. */
const GOAL_MS = 5;

interface Text {
  id: string;
  measure: string;
  text: string;
  /** The real-shaped values put in it: the scan must find exactly these. */
  values: number;
}

interface Timing {
  id: string;
  measure: string;
  bytes: number;
  values: number;
  samples: number[];
}

const SEED = 20261205;
let random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alphanumerics = (length: number) => Array.from({ length }, () => pick([...ALPHANUMERIC])).join('');
const tokenValue = () => `${pick(['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'])}${alphanumerics(24)}`;

// Identifiers with `vc` inside, as real code has them (service, codec, package manager, VCS names).
const WORDS = [
  'token', 'value', 'request', 'response', 'options', 'result', 'handler', 'client', 'config', 'items', 'index',
  'svc', 'svcClient', 'avcodecContext', 'vcpkgRoot', 'vcsType', 'rvc_mode', 'mvcController', 'vcxprojPath', 'libvcd',
];
const ASCII_COMMENTS = ['retry once on a timeout', 'the svc layer answers 429 here', 'vcpkg and vcs paths come from the env', 'see VCP_ notes'];
const OTHER_COMMENTS = ['Zoë’s déploiement', '東京のトークンを更新する', 'ключ для деплоя', 'release 🚀 ✅', 'مفتاح النشر'];

function sourceLine(comments: readonly string[]): string {
  const word = () => pick(WORDS);
  return pick([
    () => `import { ${word()}, ${word()} } from './${word()}';`,
    () => `export async function ${word()}(${word()}: string, ${word()} = {}): Promise<void> {`,
    () => `  const ${word()} = await ${word()}.${word()}('${word()}/${word()}', { ${word()}: ${Math.floor(random() * 1000)} });`,
    () => `  // ${pick(comments)}`,
    () => `  if (!${word()}) throw new Error(\`${pick(comments)}: \${${word()}}\`);`,
    () => `  return { ${word()}: ${word()}.${word()}, ${word()}: "${word()}-${word()}" };`,
    () => '}',
    () => '',
  ])();
}

function valueLine(): string {
  return pick([
    () => `  const token = "${tokenValue()}";`,
    () => `# VERCEL_TOKEN=${tokenValue()}`,
    () => `  fetch(\`https://api.example.test/v1?token=${tokenValue()}\`);`,
  ])();
}

/** `vcp_` near misses, none of them a value. */
function nearMissLine(): string {
  const miss = () =>
    pick([
      () => `vcp_${alphanumerics(19)}`,
      () => `x${tokenValue()}`,
      () => `my_${tokenValue()}`,
      () => `vcp_${alphanumerics(201)}`,
      () => `vcz_${alphanumerics(24)}`,
      () => `VCP_${alphanumerics(24)}`,
      // A digit before the `_`: a body ending in `vcp` would make `vcp_` a prefix of its own.
      () => `${tokenValue()}9_old`,
      () => `vcp_vck_vci_${alphanumerics(10)}`,
      () => `vc${alphanumerics(6)}`,
    ])();
  return Array.from({ length: 4 }, () => `${miss()}${pick([' ', ', ', '=', '"', '(', ':'])}`).join('');
}

/** Lines until 1 MB of UTF-8 (padded with spaces to exactly that), with `values` value lines spread out. */
function document(line: () => string, values: number): string {
  const lines: string[] = [];
  let bytes = 0;
  let placed = 0;
  for (;;) {
    const due = placed < values && bytes >= ((placed + 1) * BYTES) / (values + 1);
    const next = due ? valueLine() : line();
    if (bytes + Buffer.byteLength(next) + 1 > BYTES) break;
    lines.push(next);
    bytes += Buffer.byteLength(next) + 1;
    if (due) placed++;
  }
  const text = lines.join('\n') + '\n';
  const padded = text + ' '.repeat(BYTES - Buffer.byteLength(text));
  // Flat, as a document's getText() is: built by appending, V8 would hold it as a rope.
  return Buffer.from(padded, 'utf8').toString('utf8');
}

function texts(): Text[] {
  // The same texts on every call, so that every run measures the same documents.
  random = mulberry32(SEED);
  const made: Text[] = [
    { id: 'leakScan.source', measure: 'Leak scan: 1 MB of source code (ASCII), a few values in it', text: document(() => sourceLine(ASCII_COMMENTS), 5), values: 5 },
    {
      id: 'leakScan.source.nonAscii',
      measure: '  the same with non-ASCII comments (a two-byte string)',
      text: document(() => sourceLine(random() < 0.5 ? OTHER_COMMENTS : ASCII_COMMENTS), 5),
      values: 5,
    },
    { id: 'leakScan.nearMisses', measure: '  1 MB full of vcp_ near misses (short, long, glued, other letters)', text: document(nearMissLine, 5), values: 5 },
  ];
  for (const { id, text, values } of made) {
    const found = findTokenCandidates(text).length;
    if (Buffer.byteLength(text) !== BYTES) throw new Error(`${id}: ${Buffer.byteLength(text)} bytes, not ${BYTES}`);
    if (found !== values) throw new Error(`${id}: the scan found ${found} values where ${values} were put`);
  }
  return made;
}

function timeTexts(): Timing[] {
  const all = texts();
  const timings = all.map(({ id, measure, values }): Timing => ({ id, measure, bytes: BYTES, values, samples: [] }));
  let found = 0;
  // In turn, so that drift on the machine spreads over every text.
  for (let round = 0; round < WARMUP_ROUNDS + SAMPLE_ROUNDS; round++) {
    all.forEach(({ text }, index) => {
      const started = performance.now();
      found += findTokenCandidates(text).length;
      const ms = performance.now() - started;
      if (round >= WARMUP_ROUNDS) timings[index].samples.push(ms);
    });
  }
  if (found !== (WARMUP_ROUNDS + SAMPLE_ROUNDS) * all.reduce((sum, { values }) => sum + values, 0)) throw new Error('the leak scan found other values while timed');
  return timings;
}

const summaryOf = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
};

/** Scanning a 1 MB document: the median and p95 of the slowest of the three texts. */
export async function benchLeakScan(): Promise<{ medianMs: number; p95Ms: number; bytes: number }> {
  const slowest = timeTexts()
    .map((timing) => ({ ...summaryOf(timing.samples), bytes: timing.bytes }))
    .sort((a, b) => b.medianMs - a.medianMs)[0];
  return slowest;
}

/** The bench table's rows: one per text, each with the goal. */
export async function leakScanRows(): Promise<Row[]> {
  return timeTexts().map(({ id, measure, values, samples }) =>
    sampled(id, measure, 'ms', samples, { op: '<=', value: GOAL_MS }, `p95 ${summaryOf(samples).p95Ms.toFixed(2)} ms; ${values} values found in ${BYTES} bytes`),
  );
}

if (require.main === module) {
  void (async () => {
    for (const { id, samples, bytes } of timeTexts()) console.log(id, { ...summaryOf(samples), bytes, n: samples.length });
    console.log('benchLeakScan', await benchLeakScan());
  })();
}
