// What the client tests share: both fetch implementations the client is run with, and a helper
// that expects a typed client failure.
import assert from 'node:assert/strict';
import type { FetchLike } from '../../../src/api/client';
import { VercelError } from '../../../src/api/errors';

/** Node's global fetch, and node-fetch v3 (what the extension ships). */
export const FETCH_IMPLS: { name: string; load: () => Promise<FetchLike> }[] = [
  { name: "Node's global fetch", load: async () => globalThis.fetch },
  {
    name: 'node-fetch v3',
    load: async () => {
      const { default: nodeFetch } = await import('node-fetch');
      return nodeFetch;
    },
  },
];

/** The VercelError the call fails with; fails the test if it succeeds or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<VercelError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VercelError, `expected a VercelError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail, but it succeeded');
}
