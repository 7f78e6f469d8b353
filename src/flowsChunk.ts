// The flows chunk (dist/flows.js, see flows.ts), required on first use.
import type * as vscode from 'vscode';

let loaded: typeof import('./flows.js') | undefined;

/** Where the browser build reads its chunk from (./web/flowsChunk.ts); a require here needs no location. */
export function setExtensionUri(_uri: vscode.Uri): void {}

/** Asynchronous because the browser build's loader is; here, the synchronous require of a file next to main.js. */
export function loadFlows(): Promise<typeof import('./flows.js')> {
  try {
    // An import would inline it (see esbuild.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return Promise.resolve((loaded ??= require('./flows.js') as typeof import('./flows.js')));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
