// The places chunk (dist/places.js, see places.ts), required on first use.
// A synchronous require of a bundle next to main.js (see esbuild.mjs): an import would inline it.
export const places = (): typeof import('./places.js') =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./places.js') as typeof import('./places.js');
