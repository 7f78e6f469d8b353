// The production bundle as `node esbuild.mjs --production` builds it (esbuild.mjs's own options,
// written to a temporary folder instead of dist/) keeps the license notices of the packages it
// bundles, and writes the two bundles the VSIX ships (dist/extension.js and dist/main.js) and nothing else.
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

async function buildProduction(): Promise<{ text: string; shell: string; files: string[] }> {
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
  return { text: readFileSync(join(dir, 'main.js'), 'utf8'), shell: readFileSync(join(dir, 'extension.js'), 'utf8'), files: readdirSync(dir).sort() };
}

describe('the production bundle keeps third-party license notices', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the /*! notices of fetch-blob, formdata-polyfill and node-domexception are at the end of the bundle that holds them', async () => {
    const { text, shell, files } = await buildProduction();
    assert.deepEqual(files, ['extension.js', 'main.js'], 'no LEGAL.txt or source map beside them: the VSIX ships these two only');
    assert.ok(!shell.includes('node-fetch') && shell.includes('require("./main.js")'), 'the activation shell bundles nothing: it requires main.js');
    const start = text.lastIndexOf('/*! Bundled license information:');
    assert.ok(start > 0, 'a "Bundled license information" block');
    const tail = text.slice(start);
    for (const notice of [
      '/*! fetch-blob. MIT License. Jimmy Wärting',
      '/*! formdata-polyfill. MIT License. Jimmy Wärting',
      '/*! node-domexception. MIT License. Jimmy Wärting',
    ]) {
      // esbuild nests each kept comment as `(*! … *)` inside its block.
      assert.ok(tail.includes(notice.replace('/*!', '(*!')), `${notice} … is kept`);
    }
    const total = statSync(join(dir, 'extension.js')).size + statSync(join(dir, 'main.js')).size;
    assert.ok(total < 130 * 1024, `the two bundles stay under 130 KB together (${total} B)`);
  });
});
