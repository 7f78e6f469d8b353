// The places chunk (dist/places.js, see places.ts), required on first use.
let loaded: typeof import('./places.js') | undefined;

export function places(): typeof import('./places.js') {
  // A synchronous require of a bundle next to main.js (see esbuild.mjs): an import would inline it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./places.js') as typeof import('./places.js'));
}
