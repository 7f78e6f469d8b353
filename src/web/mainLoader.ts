// How the shell reaches main in the browser build (in place of ../mainLoader.ts, see esbuild.mjs):
// main imported as a module of dist/web/extension.js.
import * as main from '../main';

export const loadMain = (): typeof main => main;
