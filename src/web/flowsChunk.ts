// The flows of the browser build (in place of ../flowsChunk.ts, see esbuild.mjs): part of its one
// file, imported as a module.
import * as flowsModule from '../flows';

export function flows(): typeof import('../flows.js') {
  return flowsModule;
}
