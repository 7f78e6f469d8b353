// An answer larger than the cap (10 MB unless configured) is refused without being read into memory:
// a Content-Length over the cap is refused before the body is touched, and a body without one is
// counted as it streams in and cancelled once past the cap. Over real loopback HTTP with both fetch
// implementations, then with fake bodies that record how much of them was pulled.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VercelClient, type FetchLike, type ResponseLike, type VercelClientOptions } from '../../../src/api/client';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';
import { FETCH_IMPLS, rejection } from './fetchImpls';

const MB = 1024 * 1024;
const DEFAULT_REFUSAL = 'Vercel sent more than 10 MB; the answer was refused.';



for (const impl of FETCH_IMPLS) {
  describe(`oversized answers with ${impl.name}`, () => {
    let server: FakeVercel;
    let fetchImpl: FetchLike;

    before(async () => {
      fetchImpl = await impl.load();
      server = await startFakeVercel();
    });
    after(async () => {
      await server.close();
    });
    beforeEach(() => server.reset());

    const client = (options: Partial<VercelClientOptions> = {}) =>
      new VercelClient({ baseUrl: server.url, token: server.accountToken, fetch: fetchImpl, timeoutMs: 10_000, sleep: async () => {}, ...options });

    for (const declareLength of [false, true]) {
      const how = declareLength ? 'with a Content-Length' : 'streamed without a Content-Length';
      test(`the default cap: an 11 MB answer ${how} is refused, and not retried`, async () => {
        server.fail({ path: '/v2/user', kind: 'largeBody', bytes: 11 * MB, declareLength });
        const error = await rejection(client().getUser());
        assert.equal(error.message, DEFAULT_REFUSAL);
        assert.equal(error.kind, 'tooLarge');
        assert.equal(error.outcomeUnknown, false, 'a read changes nothing');
        assert.equal(server.requests.length, 1);
      });
    }

    test('the default cap: a 9 MB answer is read', async () => {
      server.fail({ path: '/v2/user', kind: 'largeBody', bytes: 9 * MB, declareLength: false });
      const user = await client().getUser();
      assert.equal(user.username, 'tester');
    });

    test('a smaller configured cap: just under it is read, just over it is refused', async () => {
      server.fail({ path: '/v2/user', kind: 'largeBody', bytes: 64 * 1024 - 1, declareLength: false });
      assert.equal((await client({ maxResponseBytes: 64 * 1024 }).getUser()).username, 'tester');
      server.fail({ path: '/v2/user', kind: 'largeBody', bytes: 64 * 1024 + 1, declareLength: false });
      const error = await rejection(client({ maxResponseBytes: 64 * 1024 }).getUser());
      assert.equal(error.message, 'Vercel sent more than 64 KB; the answer was refused.');
    });

    test('an oversized answer to a create leaves the outcome unknown: the token was made', async () => {
      server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'largeBody', bytes: 256 * 1024, declareLength: false });
      const error = await rejection(client({ maxResponseBytes: 64 * 1024 }).createToken({ name: 'Huge answer' }));
      assert.equal(error.kind, 'tooLarge');
      assert.equal(error.outcomeUnknown, true);
      assert.ok(server.tokens().some((token) => token.name === 'Huge answer'));
      assert.doesNotMatch(error.message, /vcp_/);
    });

    test('the timeout still covers a body that is read as a stream', async () => {
      server.fail({ path: '/v6/user/tokens', kind: 'hang', partialBody: true });
      const error = await rejection(client({ timeoutMs: 200 }).listTokens());
      assert.equal(error.kind, 'timeout');
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Fake bodies that record what was pulled from them.

interface BodyProbe {
  /** Chunks handed out so far. */
  pulled: number;
  /** The client gave up on the body (iterator return, or reader cancel). */
  released: boolean;
  textCalled: boolean;
}

const CHUNK = new Uint8Array(MB).fill(0x20); // spaces: valid JSON padding

function response(body: ResponseLike['body'], probe: BodyProbe, headers: Record<string, string> = {}, fullText = ''): ResponseLike {
  return {
    status: 200,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    body,
    text: async () => {
      probe.textCalled = true;
      return fullText;
    },
  };
}

/** A Node-stream-like body (node-fetch v3): an async iterable of `chunks` chunks of 1 MB. */
function iterableBody(chunks: number, probe: BodyProbe): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      return {
        next: async () => {
          if (probe.pulled >= chunks) return { done: true, value: undefined };
          probe.pulled++;
          return { done: false, value: CHUNK };
        },
        return: async () => {
          probe.released = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** A web ReadableStream body (global fetch) of `chunks` chunks of 1 MB. */
function webStreamBody(chunks: number, probe: BodyProbe): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (probe.pulled >= chunks) return controller.close();
        probe.pulled++;
        controller.enqueue(CHUNK);
      },
      cancel() {
        probe.released = true;
      },
    },
    { highWaterMark: 0 },
  );
}

function fakeClient(answer: ResponseLike, seenSignals: AbortSignal[] = []): VercelClient {
  const fetch: FetchLike = async (_url, init) => {
    seenSignals.push(init.signal);
    return answer;
  };
  return new VercelClient({ baseUrl: 'https://api.vercel.test', token: 'vcp_fakeBodyToken0000000000', fetch, sleep: async () => {}, maxReadRetries: 0 });
}

const newProbe = (): BodyProbe => ({ pulled: 0, released: false, textCalled: false });

describe('oversized answers with fake bodies', () => {
  test('a Content-Length over the cap is refused before any of the body is read; the request is aborted', async () => {
    const probe = newProbe();
    const signals: AbortSignal[] = [];
    const answer = response(iterableBody(100, probe), probe, { 'content-length': String(100 * MB) });
    const error = await rejection(fakeClient(answer, signals).getUser());
    assert.equal(error.message, DEFAULT_REFUSAL);
    assert.equal(probe.pulled, 0);
    assert.equal(probe.textCalled, false);
    assert.equal(signals[0]?.aborted, true, 'the connection is let go');
  });

  test('a streamed body (async iterable) is cancelled once past the cap, not read to its end', async () => {
    const probe = newProbe();
    const error = await rejection(fakeClient(response(iterableBody(100, probe), probe)).getUser());
    assert.equal(error.message, DEFAULT_REFUSAL);
    assert.equal(probe.pulled, 11, 'stopped at the first chunk past 10 MB');
    assert.equal(probe.released, true);
    assert.equal(probe.textCalled, false);
  });

  test('a streamed body (web ReadableStream) is cancelled once past the cap, not read to its end', async () => {
    const probe = newProbe();
    const error = await rejection(fakeClient(response(webStreamBody(100, probe), probe)).getUser());
    assert.equal(error.message, DEFAULT_REFUSAL);
    assert.ok(probe.pulled <= 12, `${probe.pulled} chunks pulled`);
    assert.equal(probe.released, true);
    assert.equal(probe.textCalled, false);
  });

  test('a Content-Length that understates the body does not get past the count', async () => {
    const probe = newProbe();
    const answer = response(iterableBody(100, probe), probe, { 'content-length': '10' });
    const error = await rejection(fakeClient(answer).getUser());
    assert.equal(error.message, DEFAULT_REFUSAL);
    assert.equal(probe.pulled, 11);
  });

  test('a fake without a body falls back to text(), and an oversized text is still refused', async () => {
    const probe = newProbe();
    const error = await rejection(fakeClient(response(undefined, probe, {}, ' '.repeat(10 * MB + 1))).getUser());
    assert.equal(error.message, DEFAULT_REFUSAL);
    assert.equal(probe.textCalled, true);
  });

  test('a stream that yields strings (a Node stream given an encoding) is counted in bytes, not characters', async () => {
    const probe = newProbe();
    const body: AsyncIterable<string> = {
      async *[Symbol.asyncIterator]() {
        probe.pulled++;
        yield '{"user":{"id":"u_1","username":"';
        probe.pulled++;
        yield 'é'.repeat(40 * 1024); // fewer characters than the cap, more bytes
        probe.pulled++;
        yield '"}}';
      },
    };
    const fetch: FetchLike = async () => response(body, probe);
    const small = new VercelClient({ baseUrl: 'https://api.vercel.test', token: 'vcp_fakeBodyToken0000000000', fetch, maxResponseBytes: 64 * 1024 });
    const error = await rejection(small.getUser());
    assert.equal(error.message, 'Vercel sent more than 64 KB; the answer was refused.');
    assert.equal(probe.pulled, 2);
  });

  test('characters split across chunks are decoded whole', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ user: { id: 'u_1', username: 'zoë-ünïcødé-名前' } }));
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ë"
    const chunks = [bytes.slice(0, cut), bytes.slice(cut, cut + 3), bytes.slice(cut + 3)];
    const probe = newProbe();
    const body: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        for (const chunk of chunks) yield chunk;
      },
    };
    const user = await fakeClient(response(body, probe)).getUser();
    assert.equal(user.username, 'zoë-ünïcødé-名前');
    assert.equal(probe.textCalled, false);
  });
});
