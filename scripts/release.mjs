// `npm run release`: packages vercel-tokens-<version>.vsix (vsce runs vscode:prepublish: lint, type
// check, production bundle) and prints its path, size and SHA-256, to publish beside the file.
// A version without its own CHANGELOG section is refused: its notes would be missing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
if (!changelog.includes(`\n## [${version}] - `)) {
  console.error(`release: CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section for package.json's version.`);
  process.exit(1);
}

const file = join(root, `${name}-${version}.vsix`);
// vsce's own script through this node, so no shell is needed to find it.
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const packaged = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', file], { cwd: root, stdio: 'inherit' });
if (packaged.status !== 0) {
  console.error(`release: vsce package failed (${packaged.error?.message ?? `exit code ${packaged.status}`}).`);
  process.exit(1);
}

const bytes = readFileSync(file);
console.log(`\n${file}`);
console.log(`  size    ${bytes.length} bytes (${(bytes.length / 1024).toFixed(1)} KB)`);
console.log(`  sha256  ${createHash('sha256').update(bytes).digest('hex')}`);
