// Makes `require('vscode')` return the fake in ./vscode. Import this module FIRST in every test file
// of test/unit/extension, before anything that imports src/ (the output is CommonJS, so the hook
// must be in place before the first `require('vscode')` runs).
import Module = require('node:module');
import * as fakeVscode from './vscode';

const FAKE_PATH = require.resolve('./vscode');

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve & { vscodeFakeInstalled?: boolean } };

if (!moduleInternals._resolveFilename.vscodeFakeInstalled) {
  const original = moduleInternals._resolveFilename;
  const patched: Resolve & { vscodeFakeInstalled?: boolean } = function (this: unknown, request, parent, isMain, options) {
    if (request === 'vscode') return FAKE_PATH;
    return original.call(this, request, parent, isMain, options);
  };
  patched.vscodeFakeInstalled = true;
  moduleInternals._resolveFilename = patched;
}

// The fake module is already loaded (imported above); make sure the cache entry is the one we use.
if (require.cache[FAKE_PATH]?.exports !== fakeVscode) {
  throw new Error('The vscode fake was loaded twice: import test/unit/support/installVscode first');
}

export { fakeVscode };
