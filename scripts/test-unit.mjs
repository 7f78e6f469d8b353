// Runs the unit tests (compiled to out/test/unit) with node's test runner and closes with the
// `N passed, N failed` line CI reads. Exit code is the runner's.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = findTests('out/test/unit').sort();
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((f2) => f.includes(f2))) : files;
const child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...selected], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const count = (label) => Number((output.match(new RegExp(`ℹ ${label} (\\d+)`)) ?? [0, 0])[1]);
  const passed = count('pass');
  const failed = count('fail');
  const skipped = count('skipped') + count('todo');
  console.log(`unit: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? 1);
});
