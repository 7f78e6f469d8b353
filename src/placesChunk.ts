// The places chunk (dist/places.js, see places.ts), required on first use.
import { Emitter } from './core/events';

let loaded: typeof import('./places.js') | undefined;

export function places(): typeof import('./places.js') {
  if (!loaded) {
    // A synchronous require of a bundle next to main.js (see esbuild.mjs): an import would inline it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('./places.js') as typeof import('./places.js');
    // The chunk bundles its own copy of Emitter: its listeners' errors go to the same log.
    loaded.Emitter.onListenerError = Emitter.onListenerError;
  }
  return loaded;
}
