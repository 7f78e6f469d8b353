// The Node extension host. The browser build (esbuild.mjs) puts ./web.ts in place of this module.
import type { Platform } from './types';

export const platform: Platform = {
  // node-fetch is loaded on the first request, not at activation.
  fetch: async (url, init) => {
    const { default: fetch } = await import('node-fetch');
    return fetch(url, init);
  },
};
