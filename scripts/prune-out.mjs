// Removes compiled files in out/ whose TypeScript source is gone, so a deleted test stops running.
// (Not a full clean: other test runs may be reading out/ at the same time.)
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function prune(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      prune(path);
      continue;
    }
    const source = relative('out', path).replace(/\.js(\.map)?$|\.d\.ts$/, '');
    if (source === relative('out', path)) continue;
    if (!existsSync(`${source}.ts`)) rmSync(path);
  }
}

prune('out');
