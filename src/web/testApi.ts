// The test API of the browser build (in place of ../testApi.ts, see esbuild.mjs): the public
// commands only, since no extension-host tests run in the web worker.
import type { trustedHandlers as NodeTrustedHandlers } from '../testApi';

export const trustedHandlers: typeof NodeTrustedHandlers = (_services, handlers) => handlers;
