// Writes l10n/bundle.l10n.json: every string that src/ passes to l10n.t() (vscode.l10n.t or
// @vscode/l10n), extracted by @vscode/l10n-dev as `vscode-l10n-dev export --outDir ./l10n ./src`
// would. The file is generated, hence untracked; a translation (bundle.l10n.de.json) is tracked.
// Skipped when nothing under src/ changed since the bundle was written (a deleted file changes its
// folder), because parsing is slow and every build and test run calls this.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'l10n', 'bundle.l10n.json');

/** The script files under `dir`, and the latest change to them or to a folder on the way. */
function scan(dir) {
  let latest = statSync(dir).mtimeMs;
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = scan(path);
      files.push(...inner.files);
      latest = Math.max(latest, inner.latest);
    } else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path);
      latest = Math.max(latest, statSync(path).mtimeMs);
    }
  }
  return { files, latest };
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

const { files, latest } = scan(join(root, 'src'));
const written = mtime(out);
const changed = Math.max(latest, mtime(fileURLToPath(import.meta.url)) ?? Infinity);
if (written === undefined || written < changed) {
  const { getL10nJson } = await import('@vscode/l10n-dev');
  // Only files that mention l10n can call it.
  const scripts = files
    .sort()
    .map((path) => ({ extension: extname(path), contents: readFileSync(path, 'utf8') }))
    .filter((script) => script.contents.includes('l10n'));
  const bundle = await getL10nJson(scripts);
  mkdirSync(join(root, 'l10n'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(bundle, undefined, 2)}\n`);
}
