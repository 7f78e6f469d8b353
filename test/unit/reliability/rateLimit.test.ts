// 429 at the command level: reads wait as long as Vercel says (Retry-After in seconds or as an HTTP
// date, else error.limit.resetMs) and retry a bounded number of times; creates and deletes are never
// retried. What the server saw (and when), what is stored, what the user was told.
// The waits run on the harness's SkippingClock: asked for, not waited out. "When" is measured on
// that clock: the real time between two requests plus the waits that fired in between.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults } from '../../fake-vercel/server';
import { fake, withExtension, type Harness } from '../support/harness';

const lists = (h: Harness) => h.requestsTo('GET', '/v6/user/tokens');
/** Time on the extension's clock between the last two requests to `path`. */
const gap = (h: Harness, path: string) => {
  const [first, second] = h.requestsTo('GET', path).slice(-2);
  return h.skippingClock.elapsedBetween(first.at, second.at);
};
/** The waits the extension asked its clock for since `from` (an index into them). */
const waitsSince = (h: Harness, from: number) => h.skippingClock.waits.slice(from);

describe('429 on a read: honoured, then retried', () => {
  test('Retry-After in seconds: Refresh waits that long, then lists; the user sees nothing but the new list', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.addToken({ name: 'Appeared meanwhile' });
      const before = lists(h).length;
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: 1 }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.deepEqual(lists(h).slice(before).map((request) => request.status), [429, 200]);
      assert.deepEqual(waitsSince(h, waitsBefore), [1000], 'one wait of Retry-After: 1 s, before the retry');
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
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: new Date(h.clock.now() + 2000) }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.deepEqual(lists(h).slice(-2).map((request) => request.status), [429, 200]);
      const wait = gap(h, '/v6/user/tokens');
      assert.ok(wait >= 900 && wait < 3000, `waited ${wait} ms for a date 2 s ahead`);
      const [asked] = waitsSince(h, waitsBefore);
      assert.ok(asked >= 900 && asked <= 2000, `asked the clock for ${asked} ms`);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });

  test('no Retry-After, only error.limit.resetMs: waits until the reset', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ resetMs: h.clock.now() + 1200 }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      const [limited] = lists(h).slice(-2);
      assert.equal(limited.status, 429);
      const wait = gap(h, '/v6/user/tokens');
      assert.ok(wait >= 900 && wait < 2500, `waited ${wait} ms for resetMs 1.2 s ahead`);
      const [asked] = waitsSince(h, waitsBefore);
      assert.ok(asked >= 900 && asked <= 1200, `asked the clock for ${asked} ms`);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });

  test('Retry-After wins over resetMs', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: 1, resetMs: h.clock.now() + 25_000 }) });
      const started = h.clock.now();
      await h.run('vercelTokens.refresh');
      assert.ok(h.clock.now() - started < 5000, 'did not wait for resetMs');
      assert.deepEqual(waitsSince(h, waitsBefore), [1000]);
      assert.deepEqual(lists(h).slice(-2).map((request) => request.status), [429, 200]);
    });
  });

  test('bounded: a 429 that never ends is tried 4 times (3 retries), then the list is kept and the user told', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const before = lists(h).length;
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...faults.rateLimited({ retryAfter: 0 }) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.deepEqual(lists(h).slice(before).map((request) => request.status), [429, 429, 429, 429]);
      assert.deepEqual(waitsSince(h, waitsBefore), [0, 0, 0], 'Retry-After: 0 before each of the 3 retries');
      assert.equal(fake.messagesOf('error').at(-1)?.message, "Could not refresh the tokens: Vercel's rate limit was reached. Try again in 1 s.");
      assert.match(h.treeView.message ?? '', /the refresh failed \(Vercel's rate limit was reached\. Try again in 1 s\.\)\.$/);
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Stand-in account token']);
    });
  });

  test('a Retry-After longer than 30 s is not waited out: one request, and the user is told when to try again', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const before = lists(h).length;
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...faults.rateLimited({ retryAfter: 120 }) });
      const started = h.clock.now();
      await h.run('vercelTokens.refresh');
      assert.ok(h.clock.now() - started < 2000);
      assert.deepEqual(waitsSince(h, waitsBefore), [], 'no wait asked for');
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
      assert.deepEqual(h.skippingClock.waits, [1000], 'waited Retry-After: 1 s before the retry');
      assert.ok(gap(h, '/v2/user') >= 1000);
      assert.equal(h.storedAccount()?.token, h.server.accountToken);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });

  test('Select Team: a 429 on GET /v2/teams is waited out and the teams are offered', async () => {
    await withExtension({}, async (h) => {
      const team = h.server.addTeam({ slug: 'acme', name: 'Acme' });
      await h.signIn();
      const before = h.requestsTo('GET', '/v2/teams').length;
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'GET', path: '/v2/teams', ...faults.rateLimited({ retryAfter: 1 }) });
      fake.answerQuickPick((items) => items.find((item) => item.team?.id === team.id));
      await h.run('vercelTokens.selectTeam');
      await h.settle();
      // The 429, its retry; then the refresh that a new team starts reads the teams again.
      assert.deepEqual(h.requestsTo('GET', '/v2/teams').slice(before, before + 2).map((request) => request.status), [429, 200]);
      assert.deepEqual(waitsSince(h, waitsBefore), [1000]);
      assert.equal(h.treeView.description, 'tester · acme');
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });
});

describe('429 on a write: never retried automatically', () => {
  test('Create: one POST, no token, nothing stored, the user told when to try again — and no POST later either', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.rateLimited({ retryAfter: 1 }) });
      assert.equal(await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' }), undefined);
      await h.settle();
      // Nothing waits for the Retry-After to send again (a wait would have fired on this clock by now).
      assert.deepEqual(waitsSince(h, waitsBefore), [], 'no wait asked for');
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
      const waitsBefore = h.skippingClock.waits.length;
      h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.rateLimited({ retryAfter: 1 }) });
      assert.equal(await h.run('vercelTokens.deleteToken', mine.id, { confirmed: true }), false);
      await h.settle();
      assert.deepEqual(waitsSince(h, waitsBefore), [], 'no wait asked for');
      assert.deepEqual(h.requestsTo('DELETE', /.*/).map((request) => request.status), [429]);
      assert.ok(h.server.tokens().some((token) => token.id === mine.id));
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value);
      assert.equal(fake.messagesOf('error').at(-1)?.message, 'Token "Mine" was not deleted: Vercel\'s rate limit was reached. Try again in 1 s.');
    });
  });
});
