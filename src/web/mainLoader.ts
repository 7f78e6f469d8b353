// How the shell reaches main in the browser build (in place of ../mainLoader.ts, see esbuild.mjs):
// one file, main imported as a module of it.
import * as main from '../main';

export const loadMain = (): typeof main => main;
