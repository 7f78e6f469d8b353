// The terminal commands of the browser build (in place of ../commands/useInTerminals.ts, see
// esbuild.mjs): a browser window has no integrated terminals of its own.
import type * as NodeTerminals from '../commands/useInTerminals';
import { sayNotOnTheWeb } from './unavailable';

export const useInTerminals: typeof NodeTerminals.useInTerminals = () => {
  sayNotOnTheWeb('terminals');
  return Promise.resolve(false);
};

export const stopUsingInTerminals: typeof NodeTerminals.stopUsingInTerminals = () => {
  sayNotOnTheWeb('terminals');
  return Promise.resolve(false);
};

/** New terminals never get a value here: nothing to stop. */
export const stopTerminals: typeof NodeTerminals.stopTerminals = () => Promise.resolve();
