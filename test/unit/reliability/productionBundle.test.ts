// The API client as it ships: bundled with node-fetch by esbuild with the options of
// `node esbuild.mjs --production` (minified), which is what `npm run package` puts in the VSIX.
// The other unit tests run the TypeScript output with node-fetch from node_modules; the real-host
// tests run whatever dist/ holds (a development build after `npm run test:integration`). This test
// makes sure faults are classified the same way in the minified bundle.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';
import type { FetchLike, VercelClient as VercelClientType, VercelClientOptions } from '../../../src/api/client';

const root = join(__dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'vercel-tokens-bundle-'));

interface Bundle {
  VercelClient: new (options: VercelClientOptions) => VercelClientType;
  fetch: FetchLike;
}

async function bundle(minify: boolean): Promise<Bundle> {
  const result = await esbuild.build({
    stdin: {
      contents: "export { VercelClient } from './src/api/client';\nexport { default as fetch } from 'node-fetch';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bundle-entry.ts',
    },
    // As esbuild.mjs: one CommonJS file for Node 20, minified for production.
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify,
    write: false,
    // esbuild.mjs replaces it with a stub; it is only loaded where ReadableStream is missing.
    external: ['vscode', 'web-streams-polyfill'],
    logLevel: 'silent',
  });
  const file = join(dir, `client-${minify ? 'production' : 'development'}.js`);
  writeFileSync(file, result.outputFiles[0].text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the bundle just written, at a path known only at run time
  return require(file) as Bundle;
}

describe('the API client bundled as in the VSIX', () => {
  let server: FakeVercel;
  before(async () => {
    server = await startFakeVercel();
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [build, minify] of [
    ['development build', false],
    ['production build (minified, shipped)', true],
  ] as const) {
    test(`${build}: a request that times out is a timeout ("did not answer within …"), and a read is not retried`, async () => {
      // BUG in the production build (src/api/client.ts toTypedError): node-fetch's AbortError gets its
      // `name` from `this.constructor.name`, which minification renames, so `name === 'AbortError'`
      // fails and a timeout becomes VercelNetworkError "The connection to … failed." — reads are then
      // retried 3 times (4 × the timeout plus back-off before the user hears anything) and the message
      // is wrong. Creates stay safe only because a network error after sending is "outcome unknown".
      const { VercelClient, fetch } = await bundle(minify);
      server.clearFaults();
      server.requests.length = 0;
      server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'hang', times: 'always' });
      const client = new VercelClient({ baseUrl: server.url, token: server.accountToken, fetch, timeoutMs: 200, sleep: async () => undefined });
      const error = await client.listTokens().then(
        () => assert.fail('listTokens resolved'),
        (caught: unknown) => caught as { kind?: string; message?: string; name?: string },
      );
      assert.deepEqual(
        { attempts: server.requests.filter((request) => request.path === '/v6/user/tokens').length, kind: error.kind, message: error.message },
        { attempts: 1, kind: 'timeout', message: 'Vercel did not answer within 0.2 s.' },
        'one attempt (a timed-out read is not retried), reported as a timeout',
      );
    });

    test(`${build}: the user cancelling is a cancellation`, async () => {
      const { VercelClient, fetch } = await bundle(minify);
      server.clearFaults();
      server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'hang' });
      const client = new VercelClient({ baseUrl: server.url, token: server.accountToken, fetch, timeoutMs: 5000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await client.createToken({ name: 'Cancelled' }, undefined, { signal: controller.signal }).then(
        () => assert.fail('createToken resolved'),
        (caught: unknown) => caught as { kind?: string; outcomeUnknown?: boolean },
      );
      assert.equal(error.kind, 'cancelled');
      assert.equal(error.outcomeUnknown, true, 'a cancelled create may have happened: the list is checked');
    });
  }
});
