// The flows chunk (dist/flows.js, see flows.ts), required on first use.
let loaded: typeof import('./flows.js') | undefined;

export function flows(): typeof import('./flows.js') {
  // A synchronous require of a bundle next to main.js (see esbuild.mjs): an import would inline it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./flows.js') as typeof import('./flows.js'));
}
