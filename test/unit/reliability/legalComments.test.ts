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

interface BuildScript {
  buildOptions(options: { production: boolean }): esbuild.BuildOptions;
}

async function buildProduction(): Promise<{ text: string; shell: string; places: string; github: string; files: string[] }> {
  // A computed specifier: esbuild.mjs is plain JavaScript outside the TypeScript project.
  const script = (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as BuildScript;
  const options = script.buildOptions({ production: true });
  const result = await esbuild.build({
    ...options,
    outdir: dir,
    // Its `[watch] build …` lines are for the editor's problem matcher, not for this output.
    plugins: (options.plugins ?? []).filter((plugin) => plugin.name !== 'esbuild-problem-matcher'),
  });
  assert.deepEqual(result.errors, []);
  return {
    text: readFileSync(join(dir, 'main.js'), 'utf8'),
    shell: readFileSync(join(dir, 'extension.js'), 'utf8'),
    places: readFileSync(join(dir, 'places.js'), 'utf8'),
    github: readFileSync(join(dir, 'github.js'), 'utf8'),
    files: readdirSync(dir).sort(),
  };
}

describe('the production bundle keeps third-party license notices', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("node-fetch's polyfills are not bundled (Node's own Blob and File are used); any /*! notice is kept at the end of its bundle", async () => {
    const { text, shell, places, github, files } = await buildProduction();
    assert.deepEqual(files, ['extension.js', 'github.js', 'main.js', 'places.js'], 'no LEGAL.txt or source map beside them: the VSIX ships these four only');
    assert.ok(!shell.includes('node-fetch') && shell.includes('require("./main.js")'), 'the activation shell bundles nothing: it requires main.js');
    // esbuild.mjs gives node-fetch Node's globals for fetch-blob, and replaces its FormData support.
    for (const polyfill of ['fetch-blob', 'node-domexception', 'formdata-polyfill', 'web-streams-polyfill']) {
      assert.ok(![text, places, github].some((bundle) => bundle.includes(polyfill)), `${polyfill} is bundled`);
    }
    assert.ok(text.includes('globalThis.Blob') && text.includes('globalThis.File'), "node-fetch's Blob is Node's own");
    for (const bundle of [text, places, github]) {
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
});
