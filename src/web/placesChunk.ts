// The places of the browser build (in place of ../placesChunk.ts, see esbuild.mjs): part of
// dist/web/extension.js, imported as a module.
import * as webPlaces from './places';

export function places(): typeof import('../places.js') {
  // Each web module exports what its Node one does (test/unit/web/ checks it); the classes are stand-ins.
  return webPlaces as unknown as typeof import('../places.js');
}
