// The production bundle as `node esbuild.mjs --production` builds it (esbuild.mjs's own options,
// written to a temporary folder instead of dist/) keeps the license notices of the packages it
// bundles, and writes the four bundles the VSIX ships (dist/extension.js, dist/main.js and the chunks
// loaded on first use, dist/places.js and dist/github.js) and nothing else.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'vercel-tokens-legal-'));
const webDir = mkdtempSync(join(tmpdir(), 'vercel-tokens-legal-web-'));

interface BuildScript {
  nodeBuildOptions(options: { production: boolean }): esbuild.BuildOptions[];
  browserChunkBuildOptions(options: { production: boolean }): esbuild.BuildOptions;
  sharedModuleOf(resolveDir: string, path: string, shared?: string[]): string | undefined;
  SHARED_WITH_CHUNKS: string[];
}

interface Bundles {
  text: string;
  shell: string;
  flows: string;
  places: string;
  github: string;
  files: string[];
  shared: string[];
  /** Each chunk's bundled inputs (esbuild's metafile), by its file name: flows.js, places.js, github.js, web/flows.js. */
  chunkInputs: Map<string, string[]>;
  script: BuildScript;
}

let built: Promise<Bundles> | undefined;

/** Both builds of esbuild.mjs (start-up, chunks), once for every test of this file. */
function buildProduction(): Promise<Bundles> {
  return (built ??= (async () => {
    // A computed specifier: esbuild.mjs is plain JavaScript outside the TypeScript project.
    const script = (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as BuildScript;
    const chunkInputs = new Map<string, string[]>();
    const record = (metafile: esbuild.Metafile | undefined, name: (output: string) => string) => {
      for (const [output, { inputs }] of Object.entries(metafile?.outputs ?? {})) chunkInputs.set(name(output), Object.keys(inputs));
    };
    // Its `[watch] build …` lines are for the editor's problem matcher, not for this output.
    const quiet = (options: esbuild.BuildOptions) => (options.plugins ?? []).filter((plugin) => plugin.name !== 'esbuild-problem-matcher');
    for (const options of script.nodeBuildOptions({ production: true })) {
      const result = await esbuild.build({ ...options, outdir: dir, plugins: quiet(options) });
      assert.deepEqual(result.errors, []);
      record(result.metafile, (output) => output.split('/').at(-1) ?? output);
    }
    // The browser's chunk, written elsewhere: the five files above are the Node host's.
    const web = script.browserChunkBuildOptions({ production: true });
    const webResult = await esbuild.build({ ...web, outfile: join(webDir, 'flows.js'), plugins: quiet(web) });
    assert.deepEqual(webResult.errors, []);
    record(webResult.metafile, () => 'web/flows.js');
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return {
      text: read('main.js'),
      shell: read('extension.js'),
      flows: read('flows.js'),
      places: read('places.js'),
      github: read('github.js'),
      files: readdirSync(dir).sort(),
      shared: script.SHARED_WITH_CHUNKS,
      chunkInputs,
      script,
    };
  })());
}

describe('the production bundle keeps third-party license notices', () => {
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(webDir, { recursive: true, force: true });
  });

  test("node-fetch's polyfills are not bundled (Node's own Blob and File are used); any /*! notice is kept at the end of its bundle", async () => {
    const { text, shell, flows, places, github, files } = await buildProduction();
    assert.deepEqual(files, ['extension.js', 'flows.js', 'github.js', 'main.js', 'places.js'], 'no LEGAL.txt or source map beside them: the VSIX ships these five only');
    assert.ok(!shell.includes('node-fetch') && shell.includes('require("./main.js")'), 'the activation shell bundles nothing: it requires main.js');
    // esbuild.mjs gives node-fetch Node's globals for fetch-blob, and replaces its FormData support.
    for (const polyfill of ['fetch-blob', 'node-domexception', 'formdata-polyfill', 'web-streams-polyfill']) {
      assert.ok(![text, flows, places, github].some((bundle) => bundle.includes(polyfill)), `${polyfill} is bundled`);
    }
    assert.ok(text.includes('globalThis.Blob') && text.includes('globalThis.File'), "node-fetch's Blob is Node's own");
    for (const bundle of [text, flows, places, github]) {
      const notices = [...bundle.matchAll(/\/\*!/g)].map((match) => match.index);
      const block = bundle.lastIndexOf('/*! Bundled license information:');
      assert.ok(notices.every((index) => index >= block && block >= 0), 'a /*! notice outside the "Bundled license information" block at the end');
    }
    const total = statSync(join(dir, 'extension.js')).size + statSync(join(dir, 'main.js')).size;
    assert.ok(total < 130 * 1024, `the two bundles loaded at start-up stay under 130 KB together (${total} B)`);
  });

  test('the sealed box and its crypto are only in the GitHub chunk, which the places chunk requires, which main.js requires on first use', async () => {
    const { text, places, github } = await buildProduction();
    assert.ok(text.includes('require("./places.js")'), 'main.js requires the places chunk');
    assert.ok(places.includes('require("./github.js")'), 'the places chunk requires the GitHub chunk');
    // Strings of tweetnacl ("bad public key size") and of noble's BLAKE2b ("personalization"), which minifying keeps.
    for (const marker of ['bad public key size', 'personalization']) {
      assert.ok(github.includes(marker), `the GitHub chunk lacks ${marker}`);
      assert.ok(!text.includes(marker), `main.js holds ${marker}`);
      assert.ok(!places.includes(marker), `places.js holds ${marker}`);
    }
    assert.ok(!text.includes('setEnvVariable') && !text.includes('Save Token as GitHub Actions Secret'), 'main.js holds the places commands');
    assert.ok(!github.includes('node-fetch') && !github.includes('require("vscode")'), 'the chunk bundles neither node-fetch nor vscode');
  });

  test('the flows chunk holds create, rotate, delete and sign-in, main.js requires it on first use, and every chunk takes the shared modules from main.js', async () => {
    const { text, flows, places, github, shared } = await buildProduction();
    assert.ok(text.includes('require("./flows.js")'), 'main.js requires the flows chunk');
    // Words of the create, rotate and sign-in commands' own prompts, which only those commands show.
    for (const marker of ['Create Vercel Auth Token', 'Rotate which token?', 'Paste a Vercel access token']) {
      assert.ok(flows.includes(marker), `the flows chunk lacks ${marker}`);
    }
    assert.ok(!text.includes('Paste a Vercel access token'), 'main.js holds the sign-in command');
    // A copy of a shared module would make a second VercelApiError class, or an unconfigured l10n.
    for (const [name, chunk] of [['flows', flows], ['places', places], ['github', github]] as const) {
      assert.ok(chunk.includes('require("./main.js").sharedWithChunks['), `the ${name} chunk takes nothing from main.js`);
      assert.ok(!chunk.includes('"VercelApiError"'), `the ${name} chunk bundles its own api/errors`);
    }
    for (const key of shared) assert.ok(text.includes(JSON.stringify(key)), `main.js does not hand out ${key}`);
  });
  test("no chunk bundles a module of SHARED_WITH_CHUNKS (esbuild's metafile): each takes them as from-main: modules", async () => {
    const { chunkInputs, shared } = await buildProduction();
    for (const chunk of ['flows.js', 'places.js', 'github.js', 'web/flows.js']) {
      const inputs = chunkInputs.get(chunk);
      assert.ok(inputs?.length, `the metafile lists ${chunk}'s inputs`);
      // @vscode/l10n is bundled from its folder: any file of it counts.
      const copies = inputs.filter((input) => shared.some((module) => input === module || (!module.startsWith('src/') && input.startsWith(`node_modules/${module}/`))));
      assert.deepEqual(copies, [], `${chunk} bundles its own copy`);
    }
    assert.ok(chunkInputs.get('flows.js')?.some((input) => input.startsWith('from-main:')), 'the flows chunk takes the shared modules from main.js');
    assert.ok(chunkInputs.get('web/flows.js')?.some((input) => input.startsWith('from-main:')), 'so does the browser one');
  });

  test('an import of a shared module is caught however it is written: .js, no extension, .ts, or a folder for its index.ts', async () => {
    const { script } = await buildProduction();
    const api = join(root, 'src', 'api');
    for (const path of ['./errors.js', './errors', './errors.ts']) assert.equal(script.sharedModuleOf(api, path), 'src/api/errors.ts', path);
    assert.equal(script.sharedModuleOf(join(root, 'src', 'core'), '../api/errors.ts'), 'src/api/errors.ts');
    assert.equal(script.sharedModuleOf(api, './client.js'), undefined, 'a module that is not shared');
    assert.equal(script.sharedModuleOf(root, '@vscode/l10n/dist/browser.js'), '@vscode/l10n');
    // A folder's index: src/integrations/github/index.ts, as if it were shared.
    const integrations = join(root, 'src', 'integrations');
    assert.equal(script.sharedModuleOf(integrations, './github', ['src/integrations/github/index.ts']), 'src/integrations/github/index.ts');
    assert.equal(script.sharedModuleOf(integrations, './github/index.js', ['src/integrations/github/index.ts']), 'src/integrations/github/index.ts');
  });
});
