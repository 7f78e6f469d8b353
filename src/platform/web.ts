// The browser's web worker host (in place of ./node.ts in dist/web/extension.js, see esbuild.mjs).
import { l10n } from 'vscode';
import type { Platform } from './types';

export const platform: Platform = {
  // The browser's own fetch: the page's origin, CORS and the browser's network settings apply.
  fetch: (url, init) => fetch(url, init),
  // A browser reports an origin the server refuses (CORS) exactly as a network that is down: a
  // TypeError without any detail, so both are named.
  networkFailure: (host) =>
    l10n.t(
      'Could not reach {0} from this browser window: it may refuse requests from a web page (CORS), or the network is down. VS Code desktop, or a remote window (SSH, a dev container, Codespaces), reaches it from outside the browser.',
      host,
    ),
};
