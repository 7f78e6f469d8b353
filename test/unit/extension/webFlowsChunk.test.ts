// The browser build's loader of its flows chunk (src/web/flowsChunk.ts): dist/web/flows.js beside the
// bundle, read through VS Code's file system (code-server's `vscode-remote:`) or fetched (vscode.dev's
// https), evaluated with the shared modules of the running bundle. A chunk that cannot be read or
// evaluated is an error in words, and the next command tries again.
import '../support/installVscode';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import * as errors from '../../../src/api/errors';
import * as nodeLoader from '../../../src/flowsChunk';

type Loader = typeof import('../../../src/web/flowsChunk');

const LOADER = require.resolve('../../../src/web/flowsChunk');

/** A loader with nothing cached, as at start-up. */
function freshLoader(): Loader {
  delete require.cache[LOADER];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module, for its state
  return require(LOADER) as Loader;
}

const dir = mkdtempSync(join(tmpdir(), 'vercel-tokens-web-chunk-'));
const extension = join(dir, 'extension');
const chunkFile = join(extension, 'dist', 'web', 'flows.js');
mkdirSync(join(extension, 'dist', 'web'), { recursive: true });

const writeChunk = (source: string) => writeFileSync(chunkFile, source);
/** What a chunk does with the require it is handed: the same modules as the bundle's. */
const CHUNK = "module.exports = { marker: 'the chunk', errors: require('./main.js').sharedWithChunks['src/api/errors.ts'], vscode: require('vscode') };";

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `an Error, not ${String(error)}`);
    return error;
  }
  assert.fail('the load succeeded');
}

describe("the browser build's flows chunk loader", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('before start() has handed over the extension’s location, a load fails in words', async () => {
    const error = await rejection(freshLoader().loadFlows());
    assert.equal(error.message, "The extension's files could not be read: its location is not known yet.");
  });

  test('a missing chunk: the error names the file and says the files could not be read; the next load reads again', async () => {
    rmSync(chunkFile, { force: true });
    const loader = freshLoader();
    loader.setExtensionUri(vscode.Uri.file(extension));
    const error = await rejection(loader.loadFlows());
    assert.match(
      error.message,
      /^The extension's files could not be read \(file:\/\/\/.+\/extension\/dist\/web\/flows\.js\): Unable to read file .+\. Reload the window; if it happens again, reinstall the extension\.$/,
    );
    assert.ok(error.cause instanceof vscode.FileSystemError, 'the file system’s error is its cause');
    // The failure is not kept: once the file is there, the next command loads it.
    writeChunk(CHUNK);
    const flows = (await loader.loadFlows()) as unknown as { marker: string; errors: unknown; vscode: unknown };
    assert.equal(flows.marker, 'the chunk');
    assert.equal(flows.errors, errors, "the chunk's require('./main.js') answers with the bundle's own shared modules");
    assert.equal(flows.vscode, vscode, "the chunk's require('vscode') answers with the API");
  });

  test('loaded once: later loads, and loads at the same time, get the same module without reading again', async () => {
    writeChunk(CHUNK);
    const loader = freshLoader();
    loader.setExtensionUri(vscode.Uri.file(extension));
    const [first, second] = await Promise.all([loader.loadFlows(), loader.loadFlows()]);
    assert.equal(first, second);
    writeChunk("throw new Error('read again');");
    assert.equal(await loader.loadFlows(), first);
  });

  for (const [name, source, reason] of [
    ['throws while it is evaluated', "throw new Error('the chunk is broken');", /the chunk is broken/],
    ['is not JavaScript', 'this is not { JavaScript', /SyntaxError|Unexpected/],
    ['requires a module the bundle does not provide', "require('node:fs');", /it requires node:fs, which the browser bundle does not provide/],
  ] as const) {
    test(`a chunk that ${name}: the files could not be loaded, in words, with the reason`, async () => {
      writeChunk(source);
      const loader = freshLoader();
      loader.setExtensionUri(vscode.Uri.file(extension));
      const error = await rejection(loader.loadFlows());
      assert.match(error.message, /^The extension's files could not be loaded \(file:\/\/\/.+\/dist\/web\/flows\.js\): .+\. Reload the window; if it happens again, reinstall the extension\.$/);
      assert.match(error.message, reason);
    });
  }

  test('an https or http location (vscode.dev) is fetched; an HTTP error is a read failure', async () => {
    const requested: string[] = [];
    const server: Server = createServer((request, response) => {
      requested.push(request.url ?? '');
      if (request.url === '/ext/dist/web/flows.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(CHUNK);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const missing = freshLoader();
      missing.setExtensionUri(vscode.Uri.parse(`http://127.0.0.1:${port}/gone`));
      const error = await rejection(missing.loadFlows());
      assert.equal(
        error.message,
        `The extension's files could not be read (http://127.0.0.1:${port}/gone/dist/web/flows.js): HTTP 404. Reload the window; if it happens again, reinstall the extension.`,
      );
      const loader = freshLoader();
      loader.setExtensionUri(vscode.Uri.parse(`http://127.0.0.1:${port}/ext`));
      const flows = (await loader.loadFlows()) as unknown as { marker: string };
      assert.equal(flows.marker, 'the chunk');
      assert.deepEqual(requested, ['/gone/dist/web/flows.js', '/ext/dist/web/flows.js']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("the Node host's loader resolves the synchronous require of the flows module", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module that dist/flows.js bundles
    assert.equal(await nodeLoader.loadFlows(), require('../../../src/flows'));
  });
});
