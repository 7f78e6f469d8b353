// The browser bundles as `node esbuild.mjs --production` builds them: dist/web/extension.js (package.json
// `browser`), under 100 KB and holding no Node API, and its flows chunk dist/web/flows.js, which takes
// the shared modules from it; and the build check that fails the build when something of Node
// reaches them, run on deliberately bad input.
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
  browserChunkBuildOptions(options: { production: boolean }): esbuild.BuildOptions;
  WEB_MODULES: Record<string, string>;
  SHARED_WITH_CHUNKS: string[];
}

const script = async () => (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as BuildScript;

async function options(build: 'bundle' | 'chunk' = 'bundle'): Promise<esbuild.BuildOptions> {
  const loaded = await script();
  const base = (build === 'bundle' ? loaded.browserBuildOptions : loaded.browserChunkBuildOptions)({ production: true });
  // Its `[watch] build …` lines are for the editor's problem matcher, not for this output.
  return { ...base, plugins: (base.plugins ?? []).filter((plugin) => plugin.name !== 'esbuild-problem-matcher') };
}

/** The errors of a browser build of `contents` (a file in src/, so that it resolves as the real ones do). */
async function buildErrors(name: string, contents: string, build: 'bundle' | 'chunk' = 'bundle', external: string[] = []): Promise<string[]> {
  const base = await options(build);
  try {
    const result = await esbuild.build({
      ...base,
      external: [...(base.external ?? []), ...external],
      entryPoints: undefined,
      stdin: { contents, resolveDir: join(root, 'src'), sourcefile: `${name}.ts`, loader: 'ts' },
      outfile: join(dir, 'bad', build, `${name}.js`),
    });
    return result.errors.map((error) => error.text);
  } catch (error) {
    return ((error as { errors?: { text: string }[] }).errors ?? [{ text: String(error) }]).map((entry) => entry.text);
  }
}

/** Words of the sign-in, create and delete commands' own prompts, which only those commands show. */
const FLOWS_MARKERS = ['Paste a Vercel access token', 'Create Vercel Auth Token', 'Delete the Vercel token'];

let built: Promise<{ text: string; flows: string; files: string[] }> | undefined;

/** Both browser builds of esbuild.mjs, once for the tests of this file. */
function buildBoth(): Promise<{ text: string; flows: string; files: string[] }> {
  return (built ??= (async () => {
    for (const [build, file] of [['bundle', 'extension.js'], ['chunk', 'flows.js']] as const) {
      const result = await esbuild.build({ ...(await options(build)), outfile: join(dir, 'web', file) });
      assert.deepEqual(result.errors, []);
    }
    const read = (file: string) => readFileSync(join(dir, 'web', file), 'utf8');
    return { text: read('extension.js'), flows: read('flows.js'), files: readdirSync(join(dir, 'web')).sort() };
  })());
}

describe('the browser bundle', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('dist/web/extension.js is under 100 KB, requires nothing but vscode, and has neither node-fetch, the GitHub crypto nor the flows', async () => {
    const { text, files } = await buildBoth();
    assert.deepEqual(files, ['extension.js', 'flows.js'], 'the bundle and its flows chunk, nothing else');
    assert.ok(text.length > 50_000, 'the extension but its flows is in it');
    const bytes = Buffer.byteLength(text);
    assert.ok(bytes <= 100 * 1024, `the browser bundle stays within 100 KB (${bytes} B)`);
    assert.deepEqual([...new Set(text.match(/require\("[^"]*"\)/g))], ['require("vscode")']);
    for (const marker of ['node-fetch', 'bad public key size', 'personalization', ...FLOWS_MARKERS]) {
      assert.ok(!text.includes(marker), `the browser bundle holds ${marker}`);
    }
    // The web modules are in, in place of the Node host's.
    assert.match(text, /may refuse requests from a web page \(CORS\)/);
    assert.match(text, /is not available in VS Code for the web/);
    assert.ok(!text.includes('Add to .gitignore and Write'), 'the .env command of the Node host is not in it');
    // Its loader: read beside the bundle, evaluated with the shared modules.
    assert.ok(text.includes('"flows.js"') && text.includes('sharedWithChunks'), 'the bundle has the loader of its chunk');
    for (const key of (await script()).SHARED_WITH_CHUNKS) assert.ok(text.includes(JSON.stringify(key)), `the bundle does not hand out ${key}`);
  });

  test('dist/web/flows.js holds sign-in, create, rotate and delete, requires only vscode and ./main.js, and takes api/errors from the bundle', async () => {
    const { text, flows } = await buildBoth();
    for (const marker of FLOWS_MARKERS) assert.ok(flows.includes(marker), `the flows chunk lacks ${marker}`);
    assert.deepEqual([...new Set(flows.match(/require\("[^"]*"\)/g))].sort(), ['require("./main.js")', 'require("vscode")']);
    assert.ok(flows.includes('require("./main.js").sharedWithChunks["src/api/errors.ts"]'), 'the chunk takes api/errors from the bundle');
    // A copy of api/errors would be a second VercelApiError class, which instanceof does not know.
    assert.ok(text.includes('"VercelApiError"'), 'the bundle has api/errors (the marker below means something)');
    assert.ok(!flows.includes('"VercelApiError"'), 'the flows chunk bundles its own api/errors');
    // The web modules, in place of the Node host's, here too.
    assert.ok(!flows.includes('node-fetch') && !flows.includes('Add to .gitignore and Write'));
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

  test("the flows chunk's check lets ./main.js be required, and nothing else but vscode", async () => {
    // Left as requires (external), as the shared modules are in the chunk.
    const main = "export { sharedWithChunks } from './main.js';";
    assert.ok((await buildErrors('main-from-bundle', main, 'bundle', ['./main.js'])).some((text) => /requires something other than vscode,/.test(text)), 'the bundle may not require ./main.js');
    assert.deepEqual(await buildErrors('main-from-chunk', main, 'chunk', ['./main.js']), []);
    const errors = await buildErrors('other-from-chunk', "export { places } from './places.js';", 'chunk', ['./places.js']);
    assert.ok(errors.some((text) => /requires something other than vscode or \.\/main\.js/.test(text)), JSON.stringify(errors));
    // Node reaches the chunk no more than the bundle.
    assert.ok((await buildErrors('builtin-in-chunk', "import * as path from 'path';\nexport const x = path.join('a', 'b');", 'chunk')).some((text) => /path is a Node built-in/.test(text)));
  });

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
