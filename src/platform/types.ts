// What differs between the two extension hosts the extension runs in: Node (desktop, a remote, the
// server of code-server) and the browser's web worker (vscode.dev, the web-only hosts of
// code-server). Everything else is the same code; timers, TextEncoder and AbortController are in both.
import type { FetchLike } from '../api/client';

export interface Platform {
  readonly fetch: FetchLike;
  /**
   * The words for a request that got no answer at all, naming the host. Undefined: the client's own,
   * which name Node's error code (ECONNREFUSED, ENOTFOUND…); the browser gives no such code.
   */
  readonly networkFailure?: (host: string) => string;
}
