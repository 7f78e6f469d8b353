// The client on the browser's fetch, which says less than Node's: a refused origin (CORS), a reset
// and a network that is down are all a bare TypeError, and a redirect not followed is status 0.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VercelClient, type FetchLike, type ResponseLike } from '../../../src/api/client';
import { VercelNetworkError, VercelRedirectError } from '../../../src/api/errors';
import { rejection } from './fetchImpls';

const TOKEN = `vcp_${'a1'.repeat(12)}`;
const failedToFetch: FetchLike = async () => {
  throw new TypeError('Failed to fetch');
};
const networkFailure = (host: string) => `Could not reach ${host} from this browser window (CORS or the network).`;

function client(fetch: FetchLike, withWords = true): VercelClient {
  return new VercelClient({ baseUrl: 'https://api.vercel.com', token: TOKEN, fetch, maxReadRetries: 0, ...(withWords && { networkFailure }) });
}

describe("the client on a browser's fetch", () => {
  test('a fetch that fails without an error code is told in the platform’s words, naming the host', async () => {
    const error = await rejection(client(failedToFetch).getUser());
    assert.ok(error instanceof VercelNetworkError);
    assert.equal(error.message, 'Could not reach api.vercel.com from this browser window (CORS or the network).');
    assert.equal(error.outcomeUnknown, false, 'a read changes nothing');
  });

  test('a create that fails so may have been sent: its outcome is unknown', async () => {
    const error = await rejection(client(failedToFetch).createToken({ name: 'x' }));
    assert.ok(error instanceof VercelNetworkError);
    assert.equal(error.outcomeUnknown, true);
  });

  test("without the platform's words (the Node host), the client's own stand, naming Node's error code", async () => {
    const refused: FetchLike = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    assert.equal((await rejection(client(refused, false).getUser())).message, 'Could not connect to api.vercel.com (ECONNREFUSED).');
    // Node's code wins over the platform's words: it says more.
    assert.equal((await rejection(client(refused).getUser())).message, 'Could not connect to api.vercel.com (ECONNREFUSED).');
    assert.equal((await rejection(client(failedToFetch, false).getUser())).message, 'The connection to api.vercel.com failed.');
  });

  test('an opaque redirect (status 0, no Location) is a redirect, not followed, and the body is not read', async () => {
    let read = false;
    const opaque: FetchLike = async () =>
      ({
        status: 0,
        headers: { get: () => null },
        text: async () => ((read = true), ''),
      }) satisfies ResponseLike;
    const error = await rejection(client(opaque).getUser());
    assert.ok(error instanceof VercelRedirectError, `got ${error.name}: ${error.message}`);
    assert.equal(error.targetHost, undefined);
    assert.equal(
      error.message,
      "Vercel's API answered with a redirect, which the browser does not show; redirects are not followed, so your token was not sent anywhere else.",
      'no "HTTP 0" for a status the browser made up',
    );
    assert.equal(read, false);
  });
});
