// Redirects are never followed: a 3xx from the API is an error that names where it pointed (the host,
// never the path), and the account token never reaches that other host or port. Over real loopback
// HTTP with both fetch implementations, a second server standing by at the redirect's target; then
// with a fake fetch for what a real server rarely sends.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VercelClient, type FetchLike, type RequestLogEntry, type ResponseLike } from '../../../src/api/client';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';
import { FETCH_IMPLS, rejection } from './fetchImpls';

const REDIRECT_STATUSES = [301, 302, 307, 308] as const;

/** A server at the redirect's target that records whatever reaches it and answers like Vercel would. */
interface Elsewhere {
  host: string;
  received: { method: string; url: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function startElsewhere(): Promise<Elsewhere> {
  const received: Elsewhere['received'] = [];
  const http: Server = createServer((req: IncomingMessage, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ user: { id: 'u_elsewhere', username: 'elsewhere' }, tokenId: 'tok_elsewhere' }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}



for (const impl of FETCH_IMPLS) {
  describe(`redirects with ${impl.name}`, () => {
    let server: FakeVercel;
    let elsewhere: Elsewhere;
    let fetchImpl: FetchLike;
    let logged: RequestLogEntry[];

    before(async () => {
      fetchImpl = await impl.load();
      server = await startFakeVercel();
      elsewhere = await startElsewhere();
    });
    after(async () => {
      await server.close();
      await elsewhere.close();
    });
    beforeEach(() => {
      server.reset();
      elsewhere.received.length = 0;
      logged = [];
    });

    const client = () =>
      new VercelClient({
        baseUrl: server.url,
        token: server.accountToken,
        fetch: fetchImpl,
        timeoutMs: 5000,
        sleep: async () => {},
        onRequest: (entry) => logged.push(entry),
      });

    const calls: { label: string; method: string; path: string; run: (c: VercelClient) => Promise<unknown> }[] = [
      { label: 'getUser', method: 'GET', path: '/v2/user', run: (c) => c.getUser() },
      { label: 'createToken', method: 'POST', path: '/v3/user/tokens', run: (c) => c.createToken({ name: 'redirected' }) },
      { label: 'deleteToken', method: 'DELETE', path: '/v3/user/tokens/:id', run: (c) => c.deleteToken('tok_redirected') },
    ];

    for (const status of REDIRECT_STATUSES) {
      for (const call of calls) {
        test(`${call.label} answered ${status} to another port: an error naming that host, nothing sent there`, async () => {
          const location = `http://${elsewhere.host}/steal/path?secret=query`;
          server.fail({ method: call.method, path: call.path, kind: 'redirect', status, location });

          const error = await rejection(call.run(client()));

          assert.deepEqual(elsewhere.received, [], 'the redirect was followed');
          assert.equal(error.kind, 'redirect');
          assert.equal(
            error.message,
            `Vercel's API answered with a redirect to ${elsewhere.host}; redirects are not followed, so your token was not sent there.`,
          );
          assert.doesNotMatch(error.message, /steal|secret|query/);
          // The server answered instead of acting, and a read changes nothing anyway.
          assert.equal(error.outcomeUnknown, false);
          assert.equal(server.requests.length, 1, 'a redirect is not retried');
          assert.deepEqual(
            logged.map((entry) => [entry.method, entry.status, entry.error]),
            [[call.method, status, error.message]],
          );
          assert.equal(server.tokens().some((token) => token.name === 'redirected'), false);
        });
      }
    }

    test('a relative redirect names the API host itself and is not followed either', async () => {
      server.fail({ path: '/v2/user', kind: 'redirect', status: 302, location: '/v2/user?again=1' });
      const error = await rejection(client().getUser());
      assert.equal(error.kind, 'redirect');
      assert.equal(
        error.message,
        `Vercel's API answered with a redirect to ${new URL(server.url).host}; redirects are not followed, so your token was not sent there.`,
      );
      assert.equal(server.requests.length, 1);
    });
  });
}

describe('redirects with a fake fetch', () => {
  interface Seen {
    url: string;
    redirect: unknown;
  }

  function redirectingFetch(status: number, location: string | null) {
    const seen: Seen[] = [];
    let bodyRead = false;
    const fetch: FetchLike = async (url, init) => {
      seen.push({ url, redirect: (init as { redirect?: unknown }).redirect });
      const response: ResponseLike = {
        status,
        headers: { get: (name) => (name.toLowerCase() === 'location' ? location : null) },
        text: async () => {
          bodyRead = true;
          return '';
        },
      };
      return response;
    };
    return { fetch, seen, bodyRead: () => bodyRead };
  }

  const client = (fetch: FetchLike) =>
    new VercelClient({ baseUrl: 'https://api.vercel.test', token: 'vcp_fakeFetchToken000000000', fetch, sleep: async () => {} });

  test('every request asks fetch not to follow redirects', async () => {
    const { fetch, seen } = redirectingFetch(302, 'https://evil.example:8443/x');
    await rejection(client(fetch).getUser());
    await rejection(client(fetch).createToken({ name: 'x' }));
    await rejection(client(fetch).deleteToken('tok_1'));
    assert.deepEqual(
      seen.map((call) => call.redirect),
      ['manual', 'manual', 'manual'],
    );
  });

  test("the message names host and port only, never the path or query", async () => {
    const { fetch, bodyRead } = redirectingFetch(307, 'https://evil.example:8443/collect?token=vcp_fakeFetchToken000000000#frag');
    const error = await rejection(client(fetch).createToken({ name: 'x' }));
    assert.equal(error.message, "Vercel's API answered with a redirect to evil.example:8443; redirects are not followed, so your token was not sent there.");
    assert.equal(error.outcomeUnknown, false, 'the server answered with a redirect instead of creating anything');
    assert.equal(bodyRead(), false, 'the body of a redirect is not read');
  });

  test('credentials in the Location are not repeated', async () => {
    const { fetch } = redirectingFetch(301, 'https://user:hunter2@evil.example/');
    const error = await rejection(client(fetch).getUser());
    assert.equal(error.message, "Vercel's API answered with a redirect to evil.example; redirects are not followed, so your token was not sent there.");
  });

  for (const [label, location] of [
    ['no Location', null],
    ['an unreadable Location', 'http://['],
    ['a Location that is not http(s)', 'javascript:alert(1)'],
  ] as const) {
    test(`a 3xx with ${label} is still a redirect error, naming no host`, async () => {
      const { fetch } = redirectingFetch(302, location);
      const error = await rejection(client(fetch).deleteToken('tok_1'));
      assert.equal(error.kind, 'redirect');
      assert.equal(
        error.message,
        "Vercel's API answered with a redirect (HTTP 302) to no usable address; redirects are not followed, so your token was not sent anywhere else.",
      );
      assert.equal(error.outcomeUnknown, false);
    });
  }

  test('any 3xx is refused, e.g. 300 and 304', async () => {
    for (const status of [300, 303, 304, 399]) {
      const { fetch } = redirectingFetch(status, 'https://evil.example/');
      const error = await rejection(client(fetch).getUser());
      assert.equal(error.kind, 'redirect', `HTTP ${status}`);
    }
  });
});
