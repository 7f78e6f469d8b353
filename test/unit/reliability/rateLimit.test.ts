// 429 at the command level: reads wait as long as Vercel says (Retry-After in seconds or as an HTTP
// date, else error.limit.resetMs) and retry a bounded number of times; creates and deletes are never
// retried. What the server saw (and when), what is stored, what the user was told.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults } from '../../fake-vercel/server';
import { delay, fake, withExtension, type Harness } from '../support/harness';

const lists = (h: Harness) => h.requestsTo('GET', '/v6/user/tokens');
const gap = (h: Harness, path: string) => {
  const [first, second] = h.requestsTo('GET', path).slice(-2);
  return second.at - first.at;
};

describe('429 on a read: honoured, then retried', () => {
  test('Retry-After in seconds: Refresh waits that long, then lists; the user sees nothing but the new list', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.addToken({ name: 'Appeared meanwhile' });
      const before = lists(h).length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: 1 }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.deepEqual(lists(h).slice(before).map((request) => request.status), [429, 200]);
      const wait = gap(h, '/v6/user/tokens');
      assert.ok(wait >= 950 && wait < 2500, `waited ${wait} ms for Retry-After: 1`);
      assert.ok((await h.rows()).some((row) => row.label === 'Appeared meanwhile'));
      assert.deepEqual(fake.messagesOf('error'), []);
      assert.equal(h.treeView.message, undefined);
      assert.ok(h.channel.linesAt('info').some((line) => /^GET \/v6\/user\/tokens\?limit=100 → 200 in \d+ ms \(attempt 2\)$/.test(line)));
    });
  });

  test('Retry-After as an HTTP date: waits until then', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      // HTTP dates have whole seconds: 2 s ahead is 1–2 s away.
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: new Date(Date.now() + 2000) }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.deepEqual(lists(h).slice(-2).map((request) => request.status), [429, 200]);
      const wait = gap(h, '/v6/user/tokens');
      assert.ok(wait >= 900 && wait < 3000, `waited ${wait} ms for a date 2 s ahead`);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });

  test('no Retry-After, only error.limit.resetMs: waits until the reset', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ resetMs: Date.now() + 1200 }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      const [limited] = lists(h).slice(-2);
      assert.equal(limited.status, 429);
      const wait = gap(h, '/v6/user/tokens');
      assert.ok(wait >= 900 && wait < 2500, `waited ${wait} ms for resetMs 1.2 s ahead`);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });

  test('Retry-After wins over resetMs', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: 1, resetMs: Date.now() + 25_000 }) });
      const started = Date.now();
      await h.run('vercelTokens.refresh');
      assert.ok(Date.now() - started < 5000, 'did not wait for resetMs');
      assert.deepEqual(lists(h).slice(-2).map((request) => request.status), [429, 200]);
    });
  });

  test('bounded: a 429 that never ends is tried 4 times (3 retries), then the list is kept and the user told', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const before = lists(h).length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...faults.rateLimited({ retryAfter: 0 }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.deepEqual(lists(h).slice(before).map((request) => request.status), [429, 429, 429, 429]);
      assert.equal(fake.messagesOf('error').at(-1)?.message, "Could not refresh the tokens: Vercel's rate limit was reached. Try again in 1 s.");
      assert.match(h.treeView.message ?? '', /the refresh failed \(Vercel's rate limit was reached\. Try again in 1 s\.\)\.$/);
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Stand-in account token']);
    });
  });

  test('a Retry-After longer than 30 s is not waited out: one request, and the user is told when to try again', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const before = lists(h).length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...faults.rateLimited({ retryAfter: 120 }) });
      const started = Date.now();
      await h.run('vercelTokens.refresh');
      assert.ok(Date.now() - started < 2000);
      await h.settle();
      assert.equal(lists(h).length - before, 1);
      assert.equal(fake.messagesOf('error').at(-1)?.message, "Could not refresh the tokens: Vercel's rate limit was reached. Try again in 120 s.");
    });
  });

  test('Sign In: a 429 on GET /v2/user is waited out and the sign-in completes', async () => {
    await withExtension({}, async (h) => {
      h.server.fail({ method: 'GET', path: '/v2/user', ...faults.rateLimited({ retryAfter: 1 }) });
      await h.signIn();
      assert.deepEqual(h.requestsTo('GET', '/v2/user').map((request) => request.status), [429, 200]);
      assert.equal(h.secrets.data.get('account'), h.server.accountToken);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });

  test('Select Team: a 429 on GET /v2/teams is waited out and the teams are offered', async () => {
    await withExtension({}, async (h) => {
      const team = h.server.addTeam({ slug: 'acme', name: 'Acme' });
      await h.signIn();
      const before = h.requestsTo('GET', '/v2/teams').length;
      h.server.fail({ method: 'GET', path: '/v2/teams', ...faults.rateLimited({ retryAfter: 1 }) });
      fake.answerQuickPick((items) => items.find((item) => item.team?.id === team.id));
      await h.run('vercelTokens.selectTeam');
      await h.settle();
      // The 429, its retry; then the refresh that a new team starts reads the teams again.
      assert.deepEqual(h.requestsTo('GET', '/v2/teams').slice(before, before + 2).map((request) => request.status), [429, 200]);
      assert.equal(h.treeView.description, 'tester · acme');
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });
});

describe('429 on a write: never retried automatically', () => {
  test('Create: one POST, no token, nothing stored, the user told when to try again — and no POST later either', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.rateLimited({ retryAfter: 1 }) });
      assert.equal(await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' }), undefined);
      await delay(1500);
      await h.settle();
      assert.deepEqual(h.requestsTo('POST', '/v3/user/tokens').map((request) => request.status), [429]);
      assert.equal(h.server.tokens().some((token) => token.name === 'New'), false);
      assert.deepEqual(h.storedValueKeys(), []);
      const error = fake.messagesOf('error').at(-1);
      assert.equal(error?.message, 'Token "New" was not created: Vercel\'s rate limit was reached. Try again in 1 s.');
      assert.deepEqual(error?.items, [], 'no Retry button: a 429 means Vercel did not create it, and the user decides when');
    });
  });

  test('Delete: one DELETE, the token and its value kept, the user told when to try again', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.rateLimited({ retryAfter: 1 }) });
      assert.equal(await h.run('vercelTokens.deleteToken', mine.id, { confirmed: true }), false);
      await delay(1500);
      await h.settle();
      assert.deepEqual(h.requestsTo('DELETE', /.*/).map((request) => request.status), [429]);
      assert.ok(h.server.tokens().some((token) => token.id === mine.id));
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value);
      assert.equal(fake.messagesOf('error').at(-1)?.message, 'Token "Mine" was not deleted: Vercel\'s rate limit was reached. Try again in 1 s.');
    });
  });
});
