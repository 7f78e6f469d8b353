// The browser bundle (dist/web/extension.js, package.json `browser`) as `node esbuild.mjs --production`
// builds it: one file under 100 KB holding no Node API, and the build check that fails the build
// when something of Node reaches it, run on deliberately bad input.
import '../support/installVscode';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'vercel-tokens-web-'));

interface BuildScript {
  browserBuildOptions(options: { production: boolean }): esbuild.BuildOptions;
  WEB_MODULES: Record<string, string>;
}

const script = async () => (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as BuildScript;

async function options(): Promise<esbuild.BuildOptions> {
  const base = (await script()).browserBuildOptions({ production: true });
  // Its `[watch] build …` lines are for the editor's problem matcher, not for this output.
  return { ...base, plugins: (base.plugins ?? []).filter((plugin) => plugin.name !== 'esbuild-problem-matcher') };
}

/** The errors of a browser build of `contents` (a file in src/, so that it resolves as the real ones do). */
async function buildErrors(name: string, contents: string): Promise<string[]> {
  const base = await options();
  try {
    const result = await esbuild.build({
      ...base,
      entryPoints: undefined,
      stdin: { contents, resolveDir: join(root, 'src'), sourcefile: `${name}.ts`, loader: 'ts' },
      outfile: join(dir, 'bad', `${name}.js`),
    });
    return result.errors.map((error) => error.text);
  } catch (error) {
    return ((error as { errors?: { text: string }[] }).errors ?? [{ text: String(error) }]).map((entry) => entry.text);
  }
}

describe('the browser bundle', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is one file under 100 KB, requires nothing but vscode, and has neither node-fetch nor the GitHub crypto', async () => {
    const result = await esbuild.build({ ...(await options()), outfile: join(dir, 'web', 'extension.js') });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(readdirSync(join(dir, 'web')), ['extension.js'], 'one self-contained file: a web worker cannot require a sibling');
    const text = readFileSync(join(dir, 'web', 'extension.js'), 'utf8');
    assert.ok(text.length > 50_000, 'the whole extension is in it');
    const bytes = Buffer.byteLength(text);
    assert.ok(bytes <= 100 * 1024, `the browser bundle stays within 100 KB (${bytes} B)`);
    assert.deepEqual([...new Set(text.match(/require\("[^"]*"\)/g))], ['require("vscode")']);
    for (const marker of ['node-fetch', 'bad public key size', 'personalization']) {
      assert.ok(!text.includes(marker), `the browser bundle holds ${marker}`);
    }
    // The web modules are in, in place of the Node host's.
    assert.match(text, /may refuse requests from a web page \(CORS\)/);
    assert.match(text, /is not available in VS Code for the web/);
    assert.ok(!text.includes('Add to .gitignore and Write'), 'the .env command of the Node host is not in it');
  });

  for (const [name, source, expected] of [
    ['node-prefix', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /node:fs is a Node built-in and may not reach the browser bundle \(imported by src\/node-prefix\.ts\)/],
    ['bare-builtin', "import * as path from 'path';\nexport const x = path.join('a', 'b');", /path is a Node built-in/],
    ['subpath-builtin', "import { promisify } from 'util';\nimport { readFile } from 'fs/promises';\nexport const x = [promisify, readFile];", /fs\/promises is a Node built-in/],
    ['node-fetch', "export const load = () => import('node-fetch');", /node-fetch is the Node host's HTTP client/],
    ['buffer-global', "export const encode = (text: string) => Buffer.from(text).toString('base64');", /the Node global Buffer is used in the browser bundle/],
    ['process-global', 'export const home = () => process.env.HOME;', /the Node global process is used in the browser bundle/],
    ['dynamic-require', "declare const require: (id: string) => unknown;\nexport const load = (id: string) => require(id);", /requires something other than vscode/],
  ] as const) {
    test(`the build fails on Node in it: ${name}`, async () => {
      const errors = await buildErrors(name, source);
      assert.ok(errors.some((text) => expected.test(text)), `expected an error matching ${expected}, got ${JSON.stringify(errors)}`);
    });
  }

  test('the same check passes code that only uses what browsers have', async () => {
    const errors = await buildErrors(
      'fine',
      "import vscode = require('vscode');\nexport const x = () => [new TextEncoder().encode('a'), btoa('a'), setTimeout(() => undefined, 1), vscode.l10n, globalThis.fetch];",
    );
    assert.deepEqual(errors, []);
  });

  test('each web module exports what the Node module it replaces exports', async () => {
    for (const [nodeModule, webModule] of Object.entries((await script()).WEB_MODULES)) {
      const out = (file: string) => join(root, 'out', file.replace(/\.ts$/, '.js'));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled modules, at paths known only here
      const [node, web] = [require(out(nodeModule)) as object, require(out(webModule)) as object];
      assert.deepEqual(Object.keys(web).sort(), Object.keys(node).sort(), `${webModule} in place of ${nodeModule}`);
    }
  });
});
