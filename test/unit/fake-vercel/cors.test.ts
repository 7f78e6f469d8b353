// The stand-in's two answers to a browser page of another origin: CORS allowed, or not at all.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';

const ORIGIN = 'http://127.0.0.1:8080';

describe('the stand-in Vercel API and CORS', () => {
  let server: FakeVercel;
  before(async () => {
    server = await startFakeVercel({ cors: true });
  });
  after(() => server.close());

  const preflight = () =>
    fetch(`${server.url}/v3/user/tokens/tok_x`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
  const read = () => fetch(`${server.url}/v2/user`, { headers: { Origin: ORIGIN, Authorization: `Bearer ${server.accountToken}` } });

  test('allowed: a preflight allows DELETE with Authorization and Content-Type, and answers carry the origin', async () => {
    server.setCors(true);
    const answer = await preflight();
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(answer.headers.get('access-control-allow-methods') ?? '', /\bDELETE\b/);
    assert.match(answer.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
    assert.match(answer.headers.get('access-control-allow-headers') ?? '', /\bAuthorization\b.*\bContent-Type\b/);
    const user = await read();
    assert.equal(user.status, 200);
    assert.equal(user.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(user.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    assert.ok(server.requests.some((entry) => entry.method === 'OPTIONS' && entry.status === 204), 'the preflight is logged');
  });

  test('refused: the preflight fails and no answer names an allowed origin', async () => {
    server.setCors(false);
    const answer = await preflight();
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.equal(answer.headers.get('access-control-allow-methods'), null);
    const user = await read();
    assert.equal(user.status, 200, 'a client that is no browser still gets its answer');
    assert.equal(user.headers.get('access-control-allow-origin'), null);
  });

  test('off unless asked for', async () => {
    const plain = await startFakeVercel();
    try {
      const answer = await fetch(`${plain.url}/v2/user`, { headers: { Origin: ORIGIN, Authorization: `Bearer ${plain.accountToken}` } });
      assert.equal(answer.headers.get('access-control-allow-origin'), null);
    } finally {
      await plain.close();
    }
  });
});
