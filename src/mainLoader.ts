// How the activation shell reaches main. In the Node build, a synchronous require of the second
// bundle, a file next to the shell (an import would inline it); the browser build, whose shell and
// main are one bundle, puts ./web/mainLoader.ts in its place (esbuild.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const loadMain = (): typeof import('./main') => require('./main.js') as typeof import('./main');
