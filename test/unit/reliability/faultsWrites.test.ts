// Faults on the write paths — Create and Delete — and on Copy, at the command level: the real
// extension (fake `vscode`) against the stand-in API. For each fault: how many requests the server
// saw (writes are never retried), what exists on the server afterwards (never two tokens, never a
// token deleted by surprise), what is stored in SecretStorage, and what the user was told.
// Timeouts use vercelTokens.requestTimeoutSeconds = 1.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults, startFakeVercel, type FaultAction } from '../../fake-vercel/server';
import { FakeSecretStorage } from '../support/fakes';
import { delay, fake, waitFor, withExtension, type Harness } from '../support/harness';
import { CANCELLED, MISSING, NOT_JSON, REFUSED, RESET, said, SERVER_500, TIMEOUT, TIMEOUT_SETTING, WRITE_500, WRITE_502, WRITE_503 } from './reasons';

interface Fault {
  name: string;
  action: FaultAction | 'refused' | 'cancel';
  reason: RegExp;
  /** Vercel carried the write out before the failure (the answer was lost or unreadable). */
  committed?: boolean;
  /**
   * The extension cannot know whether Vercel acted: a create checks the token list, a delete asks
   * for the token itself (GET /v5/user/tokens/{id}).
   */
  unknown?: boolean;
  /** The error's own words, where a message quotes them rather than the reason (default: the reason). */
  own?: RegExp;
}

const INTERNAL_ERROR = /An unexpected internal error occurred\./;
/** A delete that failed, checked by GET of the token: it is still there. */
const stillThere = (own: RegExp) =>
  said('Token "Doomed" was not deleted: the delete failed (', own, ') and Vercel still has the token afterwards. Its stored value is kept; try again later.');

/**
 * The faults that read the same for every write: the server's errors (any 5xx may have happened
 * after Vercel acted), and a connection refused or reset early.
 */
const SERVER_AND_CONNECTION_FAULTS: Fault[] = [
  { name: '500', action: faults.serverError(500), reason: WRITE_500, unknown: true, own: INTERNAL_ERROR },
  { name: '502 (HTML error page)', action: faults.serverError(502, 'html'), reason: WRITE_502, unknown: true, own: /Vercel answered with HTTP 502 and no readable error\./ },
  { name: '503', action: faults.serverError(503), reason: WRITE_503, unknown: true, own: INTERNAL_ERROR },
  { name: 'connection refused', action: 'refused', reason: REFUSED },
  { name: 'connection reset before Vercel acted', action: { kind: 'reset' }, reason: RESET, unknown: true },
];

async function arm(h: Harness, method: string, path: string, fault: Fault): Promise<void> {
  if (fault.action === 'refused') {
    await h.server.close();
    // Node's agent keeps connections alive: let it notice they closed, so the next request connects anew.
    await delay(200);
  } else if (fault.action !== 'cancel') h.server.fail({ method, path, times: 'always', ...fault.action });
}


describe('Create: every fault of POST /v3/user/tokens → sent once, never two tokens, nothing stored, the user told what happened', () => {
  const cases: Fault[] = [
    ...SERVER_AND_CONNECTION_FAULTS,
    { name: 'connection reset after Vercel created it', action: { kind: 'resetAfterCommit' }, reason: RESET, unknown: true, committed: true },
    {
      name: '200 with a body that is not JSON (created)',
      action: { kind: 'malformed', variant: 'not-json' },
      reason: NOT_JSON,
      unknown: true,
      committed: true,
    },
    {
      name: '200 without bearerToken (created)',
      action: { kind: 'malformed', variant: 'missing-fields', fields: ['bearerToken'] },
      reason: /Vercel sent a response this extension cannot read: bearerToken is missing\./,
      unknown: true,
      committed: true,
    },
    {
      name: '200 without token (created)',
      action: { kind: 'malformed', variant: 'missing-fields', fields: ['token'] },
      reason: MISSING,
      unknown: true,
      committed: true,
    },
    { name: 'a body that never finishes', action: { kind: 'hang', partialBody: true }, reason: TIMEOUT, unknown: true },
    { name: 'no answer at all', action: { kind: 'hang' }, reason: TIMEOUT, unknown: true },
    { name: 'the user cancels from the progress notification', action: 'cancel', reason: CANCELLED, unknown: true },
  ];
  for (const fault of cases) {
    test(fault.name, async () => {
      await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
        await h.signIn();
        const existing = await h.create('Existing');
        const tokensBefore = h.server.tokens().map((token) => token.id);
        const postsBefore = h.requestsTo('POST', '/v3/user/tokens').length;
        fake.messages.length = 0;

        let result: unknown;
        if (fault.action === 'cancel') {
          h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'hang' });
          const progress = fake.nextProgress();
          const running = h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' });
          const notification = await progress;
          assert.equal(notification.options.cancellable, true, 'the create notification has a Cancel button');
          await waitFor(() => h.requestsTo('POST', '/v3/user/tokens').length > postsBefore, 'the POST on its way');
          notification.cancel();
          result = await running;
        } else {
          await arm(h, 'POST', '/v3/user/tokens', fault);
          result = await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' });
        }
        await h.settle();

        assert.equal(result, undefined);
        // A refused connection never reached the server; anything else reached it exactly once.
        const expectedPosts = fault.action === 'refused' ? 0 : 1;
        assert.equal(h.requestsTo('POST', '/v3/user/tokens').length - postsBefore, expectedPosts, 'a create is never retried by itself');
        const attempts = (prefix: string) => h.channel.lines.filter((line) => line.message.startsWith(prefix)).length;
        assert.equal(attempts('POST /v3/user/tokens'), 2, 'two attempts logged: "Existing", then one for "New"');
        const created = h.server.tokens().filter((token) => token.name === 'New');
        assert.equal(created.length, fault.committed ? 1 : 0, 'tokens named "New" on Vercel');
        assert.deepEqual(
          h.server.tokens().map((token) => token.id).filter((id) => !created.some((token) => token.id === id)),
          tokensBefore,
          'nothing else changed on Vercel',
        );
        assert.deepEqual(h.storedValueKeys(), [`value:${existing.id}`], 'no value stored for "New"');
        assert.deepEqual(h.storedIndex(), [existing.id]);
        assert.equal(h.secrets.data.get(`value:${existing.id}`), existing.value, 'the other stored value is untouched');
        assert.equal(fake.context.get('vercelTokens.signedIn'), true);

        if (fault.unknown) {
          const postAt = h.server.requests.findIndex((request) => request.method === 'POST' && request.body !== undefined && (request.body as { name?: string }).name === 'New');
          assert.ok(
            h.server.requests.slice(postAt + 1).some((request) => request.method === 'GET' && request.path === '/v6/user/tokens'),
            'an unknown outcome is checked against the token list',
          );
        }
        if (fault.committed) {
          // Created, value lost: say so and offer to delete it; the row shows it without a value.
          const warning = fake.messagesOf('warning').find((m) => m.message.startsWith('Token "New" was created on Vercel'));
          assert.ok(warning, JSON.stringify(fake.messages.map((m) => m.message)));
          assert.match(warning.message, said('Token "New" was created on Vercel, but its value was lost in transit (', fault.reason, ').'));
          assert.equal(warning.options?.modal, true);
          assert.deepEqual(warning.items, ['Delete Token on Vercel', 'Keep']);
          const made = created[0];
          assert.match(warning.options?.detail ?? '', new RegExp(`^Found since the request:\\n${made.id}, created `));
          assert.equal((await h.row('New')).description, 'no expiry');
          assert.deepEqual(fake.messagesOf('error'), []);
        } else {
          const errors = fake.messagesOf('error');
          assert.equal(errors.length, 1, JSON.stringify(fake.messages.map((m) => m.message)));
          // Retry is offered only when the list showed it was not created; a known failure just says so.
          const checked = fault.unknown ? ' The token list shows no new token of that name.' : '';
          assert.match(errors[0].message, said('Token "New" was not created: ', fault.reason, checked));
          assert.deepEqual(errors[0].items, fault.unknown ? ['Retry'] : []);
          assert.equal((await h.rows()).some((row) => row.label === 'New'), false);
        }
      });
    });
  }
});

describe('Create: the outcome is unknown and the token list cannot be checked either', () => {
  test('says both, and to refresh before creating again; nothing retried, nothing stored', async () => {
    await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'reset' });
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...faults.serverError(500) });
      assert.equal(await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' }), undefined);
      await h.settle();
      assert.equal(h.requestsTo('POST', '/v3/user/tokens').length, 1);
      assert.equal(h.server.tokens().some((token) => token.name === 'New'), false);
      assert.deepEqual(h.storedValueKeys(), []);
      const errors = fake.messagesOf('error').filter((m) => m.message.includes('"New"'));
      assert.equal(errors.length, 1, JSON.stringify(fake.messages.map((m) => m.message)));
      assert.match(
        errors[0].message,
        new RegExp(
          `^Creating "New" failed \\(${RESET.source}\\), and the token list could not be checked \\(${SERVER_500.source}\\)\\. ` +
            'Refresh the Auth Tokens view before creating it again, so you do not end up with two\\.$',
        ),
      );
    });
  });
});

describe('Delete: every fault of DELETE /v3/user/tokens/{id} → sent once; kept (and said why) unless Vercel did delete it', () => {
  const cases: Fault[] = [
    ...SERVER_AND_CONNECTION_FAULTS,
    { name: 'connection reset after Vercel deleted it', action: { kind: 'resetAfterCommit' }, reason: RESET, unknown: true, committed: true },
    { name: '200 with a body that is not JSON (deleted)', action: { kind: 'malformed', variant: 'not-json' }, reason: NOT_JSON, unknown: true, committed: true },
    { name: '200 without tokenId (deleted)', action: { kind: 'malformed', variant: 'missing-fields' }, reason: MISSING, unknown: true, committed: true },
    { name: 'a body that never finishes', action: { kind: 'hang', partialBody: true }, reason: TIMEOUT, unknown: true },
    { name: 'no answer at all', action: { kind: 'hang' }, reason: TIMEOUT, unknown: true },
  ];
  for (const fault of cases) {
    test(fault.name, async () => {
      await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
        await h.signIn();
        const doomed = await h.create('Doomed');
        const kept = await h.create('Kept');
        fake.messages.length = 0;

        await arm(h, 'DELETE', '/v3/user/tokens/:id', fault);
        const result = await h.run('vercelTokens.deleteToken', doomed.id, { confirmed: true });
        await h.settle();

        const expectedDeletes = fault.action === 'refused' ? 0 : 1;
        assert.equal(h.requestsTo('DELETE', /^\/v3\/user\/tokens\//).length, expectedDeletes, 'a delete is never retried');
        assert.equal(h.channel.lines.filter((line) => line.message.startsWith('DELETE /v3/user/tokens/')).length, 1, 'one attempt logged');
        assert.equal(h.secrets.data.get(`value:${kept.id}`), kept.value, 'the other stored value is untouched');
        assert.ok(h.server.tokens().some((token) => token.id === kept.id));
        assert.equal(fake.context.get('vercelTokens.signedIn'), true);
        const deleteAt = h.server.requests.findIndex((request) => request.method === 'DELETE');
        const askedAfter = h.server.requests.slice(deleteAt + 1).filter((request) => request.method === 'GET' && request.path === `/v5/user/tokens/${doomed.id}`);
        // A lost answer is checked by asking for the token itself; a list that leaves it out would not be proof.
        assert.equal(askedAfter.length, fault.unknown ? 1 : 0, 'an unknown outcome is checked with GET of the token, and only then');
        if (fault.committed) {
          assert.equal(result, true);
          assert.equal(h.server.tokens().some((token) => token.id === doomed.id), false);
          assert.deepEqual(h.storedValueKeys(), [`value:${kept.id}`], 'its stored value is forgotten');
          assert.deepEqual(h.storedIndex(), [kept.id]);
          assert.equal((await h.rows()).some((row) => row.label === 'Doomed'), false);
          assert.deepEqual(fake.messagesOf('error'), []);
          assert.equal(fake.statusBarMessages.at(-1)?.text, '$(trash) Deleted token "Doomed"');
        } else {
          assert.equal(result, false);
          assert.ok(h.server.tokens().some((token) => token.id === doomed.id), 'still on Vercel');
          assert.equal(h.secrets.data.get(`value:${doomed.id}`), doomed.value, 'its value is still stored');
          assert.deepEqual(h.storedIndex(), [doomed.id, kept.id].sort());
          assert.equal((await h.row('Doomed')).description, 'no expiry · value stored');
          const errors = fake.messagesOf('error');
          assert.equal(errors.length, 1, JSON.stringify(fake.messages.map((m) => m.message)));
          // An unknown outcome that GET of the token settled says so; a known failure gives its reason.
          assert.match(errors[0].message, fault.unknown ? stillThere(fault.own ?? fault.reason) : said('Token "Doomed" was not deleted: ', fault.reason));
        }
      });
    });
  }

  test('the user can cancel a DELETE that hangs from its progress notification; the token and its value are kept', async () => {
    // Regression test; the bug it caught (src/commands/deleteToken.ts, since fixed): the "Deleting token …" notification has no Cancel button
    // (withProgress without `cancellable: true`, and no signal passed to client.deleteToken), so a
    // hung DELETE can only be waited out for vercelTokens.requestTimeoutSeconds (30 s by default).
    await withExtension({ settings: [['vercelTokens.requestTimeoutSeconds', 30]] }, async (h) => {
      await h.signIn();
      const doomed = await h.create('Doomed');
      h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', kind: 'hang' });
      const progress = fake.nextProgress();
      const running = h.run('vercelTokens.deleteToken', doomed.id, { confirmed: true });
      const notification = await progress;
      assert.equal(notification.options.title, 'Deleting token "Doomed"…');
      try {
        assert.equal(notification.options.cancellable, true, 'the delete notification offers Cancel');
        await waitFor(() => h.requestsTo('DELETE', /.*/).length === 1, 'the DELETE on its way');
        notification.cancel();
        assert.equal(await running, false);
        await h.settle();
        assert.ok(h.server.tokens().some((token) => token.id === doomed.id));
        assert.equal(h.secrets.data.get(`value:${doomed.id}`), doomed.value);
        assert.match(fake.messagesOf('error').at(-1)?.message ?? '', stillThere(CANCELLED));
      } finally {
        // Let the hung request go so the extension can settle and close.
        await h.server.close();
        await running.catch(() => undefined);
      }
    });
  });
});

describe('Delete: the answer was lost and Vercel cannot say afterwards either (GET of the token fails)', () => {
  for (const [name, action, deletedOnVercel] of [
    ['connection reset before Vercel acted', { kind: 'reset' }, false],
    ['connection reset after Vercel deleted it', { kind: 'resetAfterCommit' }, true],
  ] as [string, FaultAction, boolean][]) {
    test(`${name}: "may or may not have been deleted", the stored value is kept either way`, async () => {
      await withExtension({ settings: TIMEOUT_SETTING }, async (h) => {
        await h.signIn();
        const doomed = await h.create('Doomed');
        fake.messages.length = 0;
        h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...action });
        h.server.fail({ method: 'GET', path: `/v5/user/tokens/${doomed.id}`, times: 'always', ...faults.serverError(500) });
        assert.equal(await h.run('vercelTokens.deleteToken', doomed.id, { confirmed: true }), false);
        await h.settle();
        assert.equal(h.requestsTo('DELETE', /.*/).length, 1, 'not retried');
        assert.ok(h.requestsTo('GET', `/v5/user/tokens/${doomed.id}`).length >= 1, 'Vercel was asked');
        assert.equal(h.server.tokens().some((token) => token.id === doomed.id), !deletedOnVercel);
        assert.equal(h.secrets.data.get(`value:${doomed.id}`), doomed.value, 'kept: only a 404 for the id forgets a value');
        assert.ok(h.storedIndex().includes(doomed.id));
        const errors = fake.messagesOf('error');
        assert.equal(errors.length, 1, JSON.stringify(fake.messages.map((m) => m.message)));
        assert.match(
          errors[0].message,
          said(
            'Token "Doomed" may or may not have been deleted: ',
            RESET,
            ' Vercel could not say afterwards either; its stored value is kept. Refresh the Auth Tokens view to see.',
          ),
        );
      });
    });
  }
});

describe('Copy: the token list cannot be loaded', () => {
  test('Copy Token Value from the palette, after a restart while Vercel fails, says why instead of "no token to choose from"', async () => {
    // Regression test; the bug it caught (src/commands/services.ts resolveToken, since fixed): when the list has never loaded and the refresh it
    // starts fails, the user is told "There is no token to choose from." (or, with a token id,
    // "No token with id … in this account."), which hides the failure and suggests the stored values
    // are gone. They are not: SecretStorage is untouched.
    const server = await startFakeVercel();
    try {
      const secrets = new FakeSecretStorage();
      let globalState: Record<string, unknown> = {};
      let stored = { id: '', value: '' };
      await withExtension({ server, secrets }, async (h) => {
        await h.signIn();
        stored = await h.create('Stored');
        globalState = { ...h.context.globalState.data };
      });
      const seen: { fault: string; messages: string[]; clipboard: string; kept: boolean }[] = [];
      for (const [name, action] of [
        ['500', faults.serverError(500)],
        ['not JSON', { kind: 'malformed', variant: 'not-json' }],
      ] as [string, FaultAction][]) {
        server.clearFaults();
        server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...action });
        // VS Code starts again with the same SecretStorage and state; the first list fails.
        await withExtension({ server, secrets, globalState }, async (h) => {
          await waitFor(() => fake.context.get('vercelTokens.state') === 'error', 'the first list to fail');
          await h.settle();
          fake.messages.length = 0;
          await h.run('vercelTokens.copyToken');
          await h.settle();
          seen.push({
            fault: name,
            messages: fake.messages.map((m) => m.message),
            clipboard: fake.clipboardText,
            kept: h.secrets.data.get(`value:${stored.id}`) === stored.value,
          });
        });
      }
      for (const entry of seen) {
        assert.equal(entry.clipboard, '', `${entry.fault}: nothing copied`);
        assert.equal(entry.kept, true, `${entry.fault}: the stored value is kept`);
      }
      for (const entry of seen) {
        assert.ok(
          entry.messages.some((message) => /HTTP 500|not JSON/.test(message)),
          `${entry.fault}: the user is told why there is nothing to copy; was told ${JSON.stringify(entry.messages)}`,
        );
      }
    } finally {
      await server.close();
    }
  });

  test('Copy Token Value on a tree item needs no request: it works while Vercel is down', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      const row = await h.row('Mine');
      const sent = h.server.requests.length;
      await h.server.close();
      assert.equal(await h.run('vercelTokens.copyToken', row.element), true);
      assert.equal(fake.clipboardText, mine.value);
      assert.equal(h.server.requests.length, sent, 'no request');
    });
  });
});
