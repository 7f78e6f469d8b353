// vercelTokens.requestTimeoutSeconds: what it accepts, that it governs every request (body included),
// that a change applies without a reload, and that a workspace value is ignored (application scope).
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { requestTimeoutMs } from '../../../src/config';
import { fake, withExtension, type Harness } from '../support/harness';

describe('requestTimeoutMs(): the setting, read from user settings only, within 1–600 s', () => {
  const cases: { title: string; global?: unknown; workspace?: unknown; expected: number }[] = [
    { title: 'unset → the 30 s default', expected: 30_000 },
    { title: '1 → 1 s', global: 1, expected: 1000 },
    { title: '600 → 600 s', global: 600, expected: 600_000 },
    { title: '2.5 → 2.5 s', global: 2.5, expected: 2500 },
    { title: '0 → default', global: 0, expected: 30_000 },
    { title: '-5 → default', global: -5, expected: 30_000 },
    { title: '601 → default', global: 601, expected: 30_000 },
    { title: '1e309 (Infinity) → default', global: Infinity, expected: 30_000 },
    { title: '"5" (a string) → default', global: '5', expected: 30_000 },
    { title: 'null → default', global: null, expected: 30_000 },
    { title: 'a workspace value of 1 is ignored', workspace: 1, expected: 30_000 },
    { title: 'a workspace value does not override the user value', global: 2, workspace: 600, expected: 2000 },
  ];
  for (const { title, global, workspace, expected } of cases) {
    test(title, () => {
      fake.reset();
      if (global !== undefined) fake.setConfiguration('vercelTokens.requestTimeoutSeconds', global, 'global');
      if (workspace !== undefined) fake.setConfiguration('vercelTokens.requestTimeoutSeconds', workspace, 'workspace');
      assert.equal(requestTimeoutMs(), expected);
    });
  }
});

/** Vercel answers the list only after 1.5 s: the refresh waits for it, and no error is shown. */
async function answerAfter1500msIsWaitedFor(h: Harness): Promise<void> {
  await h.signIn();
  h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'delay', ms: 1500 });
  await h.run('vercelTokens.refresh');
  await h.settle();
  assert.equal(h.requestsTo('GET', '/v6/user/tokens').at(-1)?.status, 200);
  assert.deepEqual(fake.messagesOf('error'), []);
}

describe('the timeout in use', () => {
  test('2 s: a hung list fails after about 2 s with "did not answer within 2 s"', async () => {
    await withExtension({ settings: [['vercelTokens.requestTimeoutSeconds', 2]] }, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'hang' });
      const started = Date.now();
      await h.run('vercelTokens.refresh');
      const took = Date.now() - started;
      assert.ok(took >= 1900 && took < 3500, `took ${took} ms`);
      assert.equal(h.requestsTo('GET', '/v6/user/tokens').at(-1)?.status, null, 'never answered');
      assert.equal(fake.messagesOf('error').at(-1)?.message, 'Could not refresh the tokens: Vercel did not answer within 2 s.');
      assert.ok(h.channel.linesAt('warn').some((line) => /^GET \/v6\/user\/tokens\?limit=100 → no response in \d+ ms: Vercel did not answer within 2 s\.$/.test(line)));
    });
  });

  test('the timeout covers the body: headers at once, then a body that never ends → the same timeout', async () => {
    await withExtension({ settings: [['vercelTokens.requestTimeoutSeconds', 1]] }, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'hang', partialBody: true });
      const started = Date.now();
      await h.run('vercelTokens.refresh');
      assert.ok(Date.now() - started < 2500);
      assert.equal(fake.messagesOf('error').at(-1)?.message, 'Could not refresh the tokens: Vercel did not answer within 1 s.');
    });
  });

  test('a timed-out read is not retried (it would only double the wait)', async () => {
    await withExtension({ settings: [['vercelTokens.requestTimeoutSeconds', 1]] }, async (h) => {
      await h.signIn();
      const before = h.requestsTo('GET', '/v6/user/tokens').length;
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'hang', times: 'always' });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.equal(h.requestsTo('GET', '/v6/user/tokens').length - before, 1);
    });
  });

  test('the default is not short: an answer after 1.5 s is waited for', async () => {
    await withExtension({}, answerAfter1500msIsWaitedFor);
  });

  test('a change of the setting applies to the next request, without a reload', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      fake.setConfiguration('vercelTokens.requestTimeoutSeconds', 1, 'global');
      await h.settle();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'hang' });
      const started = Date.now();
      await h.run('vercelTokens.refresh');
      assert.ok(Date.now() - started < 2500);
      assert.equal(fake.messagesOf('error').at(-1)?.message, 'Could not refresh the tokens: Vercel did not answer within 1 s.');
    });
  });

  test('a workspace value (e.g. from a cloned repository) is ignored: 1 s there, the 1.5 s answer still arrives', async () => {
    await withExtension({ settings: [['vercelTokens.requestTimeoutSeconds', 1, 'workspace']] }, answerAfter1500msIsWaitedFor);
  });

  test('Create: a POST that times out is checked against the list, not retried, and the user can choose Retry', async () => {
    await withExtension({ settings: [['vercelTokens.requestTimeoutSeconds', 1]] }, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'hang' });
      fake.answerMessage('Token "Slow" was not created', 'Retry');
      const result = await h.run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name: 'Slow', expiry: 'never' });
      await h.settle();
      assert.equal(h.requestsTo('POST', '/v3/user/tokens').length, 2, 'the hung one, then the one the user asked for');
      assert.equal(h.server.tokens().filter((token) => token.name === 'Slow').length, 1);
      assert.equal(result?.stored, true);
      assert.equal(h.secrets.data.get(`value:${result?.tokenId}`), h.server.valueOf(result.tokenId));
      assert.equal(
        fake.messagesOf('error').find((m) => m.message.startsWith('Token "Slow"'))?.message,
        'Token "Slow" was not created: Vercel did not answer within 1 s. The token list shows no new token of that name.',
      );
    });
  });
});
