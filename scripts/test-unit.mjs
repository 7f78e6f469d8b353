// Runs the unit tests (compiled to out/test/unit) with node's test runner and closes with the
// `N passed, N failed` line CI reads. Exit code is the runner's.
//
//   node scripts/test-unit.mjs [filter…] [--concurrency=N]
//
// Each test file is its own process, independent of the others. Most of a file's time is spent
// waiting (loopback HTTP, request timeouts that are real timers by design, the real Vercel CLI),
// so several files run at once: by default four per core (UNIT_TEST_CONCURRENCY or --concurrency
// overrides it). The files known to take longest start first, so that they do not finish last.
// A test that runs for more than a minute is cancelled (reported as such) instead of hanging the run.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** The longest to run: they wait on real request timeouts, spawn the Vercel CLI, or start the extension many times. */
const SLOW_FIRST = [
  'reliability/faultsReads',
  'reliability/faultsWrites',
  'reliability/timeouts',
  'fake-vercel/vercelCli',
  'reliability/badInput',
  'extension/createToken',
  'extension/commands',
];

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const args = process.argv.slice(2);
const concurrencyArg = args.find((arg) => arg.startsWith('--concurrency='));
const filter = args.filter((arg) => arg !== concurrencyArg);
const requested = Number(concurrencyArg?.slice('--concurrency='.length) ?? process.env.UNIT_TEST_CONCURRENCY);
const concurrency = Number.isInteger(requested) && requested > 0 ? requested : Math.min(16, availableParallelism() * 4);

const rank = (file) => {
  const index = SLOW_FIRST.findIndex((slow) => file.includes(slow));
  return index === -1 ? SLOW_FIRST.length : index;
};
const files = findTests('out/test/unit').sort();
const selected = (filter.length ? files.filter((f) => filter.some((f2) => f.includes(f2))) : files).sort((a, b) => rank(a) - rank(b));
const TEST_TIMEOUT_MS = 60_000;
const runnerArgs = ['--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, `--test-timeout=${TEST_TIMEOUT_MS}`];
const child = spawn(process.execPath, [...runnerArgs, ...selected], { stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const count = (label) => Number((output.match(new RegExp(`ℹ ${label} (\\d+)`)) ?? [0, 0])[1]);
  const passed = count('pass');
  const failed = count('fail');
  const cancelled = count('cancelled');
  const skipped = count('skipped') + count('todo');
  console.log(`unit: ${passed} passed, ${failed} failed${cancelled ? `, ${cancelled} cancelled` : ''}${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? 1);
});
