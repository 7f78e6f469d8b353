// Faults on the read paths a user triggers — Sign In, Refresh, Select Team — at the command level:
// the real extension (fake `vscode`) against the stand-in API, one fault per row, and for each row
// what the server saw, what is stored in SecretStorage and what the user was told.
// Reads are retried (502/503/network: 3 retries with back-off), so persistent faults are armed
// `always`; timeouts use vercelTokens.requestTimeoutSeconds = 1.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults, type FaultAction } from '../../fake-vercel/server';
import { fake, waitFor, withExtension, type Harness } from '../support/harness';
import { CANCELLED, MISSING, NOT_JSON, REFUSED, RESET, said, SERVER_500, SERVER_503, TIMEOUT, TIMEOUT_SETTING } from './reasons';

interface Fault {
  name: string;
  /** A stand-in fault, or `refused` (the API goes down: its port is closed), or `cancel` (the user cancels). */
  action: FaultAction | 'refused' | 'cancel';
  /** What describeError says about it. */
  reason: RegExp;
  /** Transient: retried 3 times, after waits of 250, 500 and 1000 ms (on the harness's clock). */
  retried?: boolean;
}

const BACK_OFF = [250, 500, 1000];

// A read changes nothing, so a gateway error on one is an ordinary server error.
const GATEWAY_502 = /Vercel had a server error \(HTTP 502\): Vercel answered with HTTP 502 and no readable error\. Nothing was changed; try again later\./;

const READ_FAULTS: Fault[] = [
  { name: '500', action: faults.serverError(500), reason: SERVER_500 },
  { name: '502 (HTML error page)', action: faults.serverError(502, 'html'), reason: GATEWAY_502, retried: true },
  { name: '503', action: faults.serverError(503), reason: SERVER_503, retried: true },
  { name: 'connection refused', action: 'refused', reason: REFUSED, retried: true },
  { name: 'connection reset', action: { kind: 'reset' }, reason: RESET, retried: true },
  { name: '200 with a body that is not JSON', action: { kind: 'malformed', variant: 'not-json' }, reason: NOT_JSON },
  { name: '200 without the required fields', action: { kind: 'malformed', variant: 'missing-fields' }, reason: MISSING },
  { name: 'a body that never finishes', action: { kind: 'hang', partialBody: true }, reason: TIMEOUT },
  { name: 'no answer at all', action: { kind: 'hang' }, reason: TIMEOUT },
];

async function arm(h: Harness, method: string, path: string, fault: Fault): Promise<void> {
  if (fault.action === 'refused') await h.server.close();
  else if (fault.action !== 'cancel') h.server.fail({ method, path, times: 'always', ...fault.action });
}

const lines = (h: Harness, from = 0) => h.server.requests.slice(from).map((request) => `${request.method} ${request.path}`);

describe('Sign In: every fault of GET /v2/user → not signed in, nothing stored, the reason shown with Try Again', () => {
  const cases: Fault[] = [
    ...READ_FAULTS,
    { name: 'the user cancels from the progress notification', action: 'cancel', reason: CANCELLED },
  ];
  for (const fault of cases) {
    test(fault.name, async () => {
      await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
        const sentBefore = h.server.requests.length;
        let result: unknown;
        if (fault.action === 'cancel') {
          h.server.fail({ method: 'GET', path: '/v2/user', kind: 'hang' });
          const progress = fake.nextProgress();
          const running = h.run('vercelTokens.signIn', h.server.accountToken);
          const notification = await progress;
          assert.equal(notification.options.cancellable, true, 'the sign-in notification has a Cancel button');
          await waitFor(() => h.server.requests.some((request) => request.path === '/v2/user'), 'GET /v2/user on its way');
          notification.cancel();
          result = await running;
        } else {
          await arm(h, 'GET', '/v2/user', fault);
          result = await h.run('vercelTokens.signIn', h.server.accountToken);
        }
        await h.settle();
        assert.equal(result, false);
        // Only the first check was tried (repeated when retried); nothing after it.
        assert.ok(lines(h, sentBefore).every((line) => line === 'GET /v2/user'), lines(h, sentBefore).join(', '));
        assert.equal(h.secrets.countOf('store'), 0, 'nothing was written to SecretStorage');
        assert.equal(h.secrets.data.size, 0);
        assert.equal(h.storedAccount(), undefined);
        assert.notEqual(fake.context.get('vercelTokens.signedIn'), true);
        const errors = fake.messagesOf('error');
        assert.equal(errors.length, 1, JSON.stringify(errors.map((m) => m.message)));
        assert.match(errors[0].message, said('Not signed in: ', fault.reason));
        assert.deepEqual(errors[0].items, ['Try Again']);
      });
    });
  }

  test('a fault on the second check (GET /v5/user/tokens/current) also stores nothing', async () => {
    await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
      h.server.fail({ method: 'GET', path: '/v5/user/tokens/current', kind: 'malformed', variant: 'not-json' });
      assert.equal(await h.run('vercelTokens.signIn', h.server.accountToken), false);
      await h.settle();
      assert.deepEqual(lines(h), ['GET /v2/user', 'GET /v5/user/tokens/current']);
      assert.equal(h.secrets.data.size, 0);
      assert.match(fake.messagesOf('error')[0]?.message ?? '', said('Not signed in: ', NOT_JSON));
    });
  });

  test('a 503 that clears before the retries run out is invisible: signed in, no message', async () => {
    await withExtension({}, async (h) => {
      h.server.fail({ method: 'GET', path: '/v2/user', times: 2, ...faults.serverError(503) });
      await h.signIn();
      assert.deepEqual(
        h.requestsTo('GET', '/v2/user').map((request) => request.status),
        [503, 503, 200],
      );
      assert.deepEqual(h.skippingClock.waits, [250, 500], 'waited before each retry, longer each time');
      assert.equal(h.storedAccount()?.token, h.server.accountToken);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });
});

describe('Refresh: every fault of the list → the last list stays, marked stale with its time, the reason shown; stored values kept', () => {
  for (const fault of READ_FAULTS) {
    test(fault.name, async () => {
      await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
        h.server.addToken({ name: 'Made elsewhere' });
        await h.signIn();
        const kept = await h.create('Kept');
        const before = (await h.rows()).map((row) => [row.label, row.description]);
        const secretsBefore = new Map(h.secrets.data);
        const tokensBefore = h.server.tokens().map((token) => token.id);
        const sentBefore = h.server.requests.length;
        const listsBefore = h.requestsTo('GET', '/v6/user/tokens').length;
        const waitsBefore = h.skippingClock.waits.length;

        await arm(h, 'GET', '/v6/user/tokens', fault);
        await h.run('vercelTokens.refresh');
        await h.settle();

        // With the API down, the teams (read alongside the list) back off the same way.
        const backOff = !fault.retried ? [] : fault.action === 'refused' ? [250, 250, 500, 500, 1000, 1000] : BACK_OFF;
        const waits = h.skippingClock.waits.slice(waitsBefore);
        assert.deepEqual(fault.action === 'refused' ? waits.sort((a, b) => a - b) : waits, backOff, 'the back-off asked for before each retry');
        // A refused connection never reaches the stand-in; anything else reaches it once per attempt.
        const attempts = fault.action === 'refused' ? 0 : fault.retried ? 4 : 1;
        assert.equal(h.requestsTo('GET', '/v6/user/tokens').length - listsBefore, attempts);
        assert.ok(!lines(h, sentBefore).some((line) => !line.startsWith('GET ')), 'a refresh only reads');
        assert.deepEqual(h.server.tokens().map((token) => token.id), tokensBefore);
        assert.deepEqual((await h.rows()).map((row) => [row.label, row.description]), before, 'the last list is still shown');
        assert.deepEqual(new Map(h.secrets.data), secretsBefore, 'SecretStorage is untouched (no value forgotten)');
        assert.equal(h.secrets.data.get(`value:${kept.id}`), kept.value);
        assert.equal(fake.context.get('vercelTokens.state'), 'ready');
        assert.equal(fake.context.get('vercelTokens.signedIn'), true);
        assert.match(
          h.treeView.message ?? '',
          said('Showing the list from ', new RegExp(`\\w{3}, \\w{3} \\d+, \\d{4}, \\d\\d:\\d\\d: the refresh failed \\(${fault.reason.source}`), ').'),
        );
        const errors = fake.messagesOf('error');
        assert.equal(errors.length, 1, JSON.stringify(errors.map((m) => m.message)));
        assert.match(errors[0].message, said('Could not refresh the tokens: ', fault.reason));
      });
    });
  }

  test('the teams failing during a refresh do not fail it: teams only name scopes', async () => {
    await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
      await h.signIn();
      h.server.addToken({ name: 'Appeared meanwhile' });
      h.server.fail({ method: 'GET', path: '/v2/teams', times: 'always', ...faults.serverError(500) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.ok((await h.rows()).some((row) => row.label === 'Appeared meanwhile'));
      assert.equal(h.treeView.message, undefined);
      assert.deepEqual(fake.messagesOf('error'), []);
      assert.ok(h.channel.linesAt('warn').some((line) => line.startsWith('Could not read the teams: Vercel had a server error (HTTP 500)')));
    });
  });

  test('the first list failing (nothing to keep) shows the error state, whose welcome (Retry) no message hides; the reason is logged', async () => {
    await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'malformed', variant: 'not-json' });
      await h.signIn();
      assert.equal(fake.context.get('vercelTokens.state'), 'error');
      assert.deepEqual(await h.rows(), []);
      // VS Code shows a view's welcome only while the view has no message.
      assert.equal(h.treeView.message, undefined);
      assert.ok(h.channel.linesAt('error').some((line) => line.startsWith('Could not load the token list')), JSON.stringify(h.channel.linesAt('error')));

      // Retry: while it loads, the loading welcome shows, not the last error.
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'delay', ms: 300 });
      const retry = h.run('vercelTokens.refresh');
      for (let i = 0; i < 100 && fake.context.get('vercelTokens.state') !== 'loading'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(fake.context.get('vercelTokens.state'), 'loading');
      assert.equal(h.treeView.message, undefined, 'no message while loading after an error');
      await retry;
      await h.settle();
      assert.equal(fake.context.get('vercelTokens.state'), 'ready');
      assert.equal(h.treeView.message, undefined);
    });
  });
});

describe('Select Team: every fault of GET /v2/teams → the team stays as it was, the reason shown', () => {
  for (const fault of READ_FAULTS) {
    test(fault.name, async () => {
      await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
        const acme = h.server.addTeam({ slug: 'acme', name: 'Acme' });
        h.server.addTeam({ slug: 'other', name: 'Other' });
        await h.signIn();
        fake.answerQuickPick((items) => items.find((item) => item.team?.id === acme.id));
        await h.run('vercelTokens.selectTeam');
        await h.settle();
        assert.deepEqual(h.selectedTeam(), { id: acme.id, slug: 'acme', name: 'Acme' });
        const rowsBefore = (await h.rows()).map((row) => row.label);
        const tokensBefore = h.server.tokens().length;

        await arm(h, 'GET', '/v2/teams', fault);
        fake.answerQuickPick((items) => items.find((item) => item.team === undefined));
        await h.run('vercelTokens.selectTeam');
        await h.settle();

        assert.deepEqual(h.selectedTeam(), { id: acme.id, slug: 'acme', name: 'Acme' }, 'the team is unchanged');
        assert.equal(h.treeView.description, 'tester · acme');
        assert.deepEqual((await h.rows()).map((row) => row.label), rowsBefore);
        assert.equal(h.server.tokens().length, tokensBefore);
        assert.equal(fake.context.get('vercelTokens.signedIn'), true);
        const errors = fake.messagesOf('error');
        assert.equal(errors.length, 1, JSON.stringify(errors.map((m) => m.message)));
        assert.match(errors[0].message, said('Could not list the teams: ', fault.reason));
      });
    });
  }
});
