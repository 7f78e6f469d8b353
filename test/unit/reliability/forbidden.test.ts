// 403s with a meaning: invalidToken at any time signs out and offers Sign In; SAML and scope errors
// explain what the user must do; 404 on delete means already gone.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults } from '../../fake-vercel/server';
import { fake, waitFor, withExtension, type Harness } from '../support/harness';

const SIGNED_OUT =
  'Vercel no longer accepts the token this extension signed in with (invalid, expired or revoked). You have been signed out.';

interface Path {
  name: string;
  /** Signed in; arms the 403 and runs the command the user would. */
  run(h: Harness): Promise<void>;
  /** What must still be true on the server afterwards. */
  check?(h: Harness): Promise<void> | void;
}

const PATHS: Path[] = [
  {
    name: 'Refresh (GET /v6/user/tokens)',
    async run(h) {
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.invalidToken() });
      await h.run('vercelTokens.refresh');
    },
  },
  {
    name: 'Create (POST /v3/user/tokens)',
    async run(h) {
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.invalidToken() });
      assert.equal(await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' }), undefined);
    },
    check(h) {
      assert.equal(h.requestsTo('POST', '/v3/user/tokens').length, 2, '"Kept", then one POST for "New"');
      assert.equal(h.server.tokens().some((token) => token.name === 'New'), false);
    },
  },
  {
    name: 'Delete (DELETE /v3/user/tokens/{id})',
    async run(h) {
      h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.invalidToken() });
      assert.equal(await h.run('vercelTokens.deleteToken', h.tokenIdByName('Kept'), { confirmed: true }), false);
    },
    check(h) {
      assert.equal(h.requestsTo('DELETE', /.*/).length, 1);
      assert.ok(h.server.tokens().some((token) => token.name === 'Kept'), 'not deleted');
    },
  },
  {
    name: 'Select Team (GET /v2/teams)',
    async run(h) {
      h.server.fail({ method: 'GET', path: '/v2/teams', ...faults.invalidToken() });
      await h.run('vercelTokens.selectTeam');
    },
  },
  {
    name: 'the account token revoked on vercel.com, then Refresh',
    async run(h) {
      h.server.revoke(h.accountTokenId);
      await h.run('vercelTokens.refresh');
    },
  },
  {
    // Another window signed in to this account again; its record (checked there) now holds a token Vercel refuses.
    name: "another window replaced this account's token with one that is then refused (GET /v6/user/tokens)",
    async run(h) {
      const other = h.server.issueToken({ kind: 'full', name: 'Other window account' });
      h.server.revoke(other.token.id);
      const record = { userId: h.userId, username: 'tester', tokenId: other.token.id, token: other.value };
      const lists = h.requestsTo('GET', '/v6/user/tokens').length;
      await h.secrets.otherWindow.store(h.accountKey(), JSON.stringify(record));
      await waitFor(() => h.requestsTo('GET', '/v6/user/tokens').slice(lists).some((request) => request.status === 403), 'the list with the new token');
    },
  },
];

describe('403 invalidToken at any time → signed out, Sign In offered, nothing else shown', () => {
  for (const path of PATHS) {
    test(path.name, async () => {
      await withExtension({}, async (h) => {
        await h.signIn();
        const kept = await h.create('Kept');
        fake.messages.length = 0;
        await path.run(h);
        await h.settle();
        await path.check?.(h);
        assert.equal(fake.context.get('vercelTokens.signedIn'), false);
        assert.equal(h.storedAccount(), undefined, 'the refused account token is forgotten');
        assert.deepEqual(h.storedAccountIds(), []);
        assert.deepEqual(await h.rows(), []);
        assert.equal(h.treeView.description, undefined);
        const warnings = fake.messagesOf('warning');
        assert.equal(warnings.length, 1, JSON.stringify(fake.messages.map((m) => m.message)));
        assert.equal(warnings[0].message, SIGNED_OUT);
        assert.deepEqual(warnings[0].items, ['Sign In']);
        assert.deepEqual(fake.messagesOf('error'), [], 'no second, generic error');
        // The values of created tokens stay in SecretStorage for when the user signs in again.
        assert.equal(h.secrets.data.get(`value:${kept.id}`), kept.value);
      });
    });
  }

  test('choosing Sign In opens the masked token box; a good token signs in again and the stored value is offered again', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const kept = await h.create('Kept');
      const replacement = h.server.issueToken({ kind: 'full', name: 'Replacement' });
      h.server.revoke(h.accountTokenId);
      fake.answerMessage(SIGNED_OUT, 'Sign In');
      const refreshing = h.run('vercelTokens.refresh');
      const box = await fake.nextInputBox();
      assert.equal(box.password, true);
      assert.equal(box.title, 'Sign In to Vercel');
      box.type(replacement.value).enter();
      await refreshing;
      await waitFor(() => fake.context.get('vercelTokens.signedIn') === true, 'signed in again');
      await h.settle();
      assert.equal(h.storedAccount()?.token, replacement.value);
      assert.equal((await h.row('Kept')).description, 'no expiry · value stored');
      assert.equal(h.secrets.data.get(`value:${kept.id}`), kept.value);
    });
  });
});

describe('403 that is not about the token: explained, still signed in, nothing created', () => {
  test('SAML: creating for a team that requires SAML single sign-on', async () => {
    await withExtension({}, async (h) => {
      const team = h.server.addTeam({ slug: 'acme', name: 'Acme' });
      await h.signIn();
      fake.answerQuickPick((items) => items.find((item) => item.team?.id === team.id));
      await h.run('vercelTokens.selectTeam');
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.saml(team.id, 'acme') });
      assert.equal(await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' }), undefined);
      await h.settle();
      assert.equal(
        fake.messagesOf('error').at(-1)?.message,
        'Token "New" was not created: This team requires SAML single sign-on: You must re-authenticate to access "acme" (SAML Single Sign-On). ' +
          "Log in to the team on vercel.com (Vercel's SAML login), then try again.",
      );
      assert.equal(fake.context.get('vercelTokens.signedIn'), true);
      assert.equal(h.requestsTo('POST', '/v3/user/tokens').length, 1);
      assert.equal(h.server.tokens().some((token) => token.name === 'New'), false);
    });
  });

  test('SAML: the list refused for SAML keeps the last list and explains in the view', async () => {
    await withExtension({}, async (h) => {
      const team = h.server.addTeam({ slug: 'acme', name: 'Acme' });
      await h.signIn();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.saml(team.id, 'acme') });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.match(h.treeView.message ?? '', /the refresh failed \(This team requires SAML single sign-on: .* Log in to the team on vercel\.com/);
      assert.equal(fake.context.get('vercelTokens.signedIn'), true);
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Stand-in account token']);
    });
  });

  for (const [title, action, quoted] of [
    ['scope: "To create a token you must be authenticated to scope …"', faults.scopeRequired('acme'), 'To create a token you must be authenticated to scope "acme".'],
    ['a login session: "Only user authentication tokens can be used …"', faults.classicTokenRequired(), 'Only user authentication tokens can be used to create new tokens.'],
  ] as const) {
    test(`${title} → explains that a full-account token is needed`, async () => {
      await withExtension({}, async (h) => {
        await h.signIn();
        h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...action });
        assert.equal(await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' }), undefined);
        await h.settle();
        const message = fake.messagesOf('error').at(-1);
        assert.equal(
          message?.message,
          `Token "New" was not created: the token this extension signed in with cannot create tokens (${quoted.replace(/\.$/, '')}). ` +
            'Only a personal token with "Full Account" scope can: create one at vercel.com/account/settings/tokens and sign in with it.',
        );
        assert.deepEqual(message?.items, ['Sign In with Another Token'], 'the message offers Sign In with another token');
        assert.equal(fake.context.get('vercelTokens.signedIn'), true);
        assert.equal(h.server.tokens().some((token) => token.name === 'New'), false);
        assert.deepEqual(h.storedValueKeys(), []);
      });
    });
  }

  test('a team-scoped account token, refused by the stand-in itself, gets the same explanation', async () => {
    await withExtension({}, async (h) => {
      h.server.addTeam({ slug: 'acme', name: 'Acme' });
      const scoped = h.server.issueToken({ kind: 'team-scoped' });
      await h.signIn(scoped.value);
      assert.equal(await h.run('vercelTokens.createToken', { name: 'New', expiry: 'never' }), undefined);
      assert.match(fake.messagesOf('error').at(-1)?.message ?? '', /cannot create tokens \(To create a token you must be authenticated to scope "tester"\)\. Only a personal token with "Full Account" scope can/);
      assert.equal(h.requestsTo('POST', '/v3/user/tokens')[0]?.status, 403);
    });
  });
});

describe('404 on delete → already gone: cleaned up, not an error', () => {
  test('deleted on vercel.com meanwhile: the row and the stored value go, "Deleted" is said', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const gone = await h.create('Gone');
      // Deleted elsewhere (the list here is now out of date).
      await h.deleteOnVercel(gone.id);
      assert.equal(await h.run('vercelTokens.deleteToken', gone.id, { confirmed: true }), true);
      await h.settle();
      assert.deepEqual(h.requestsTo('DELETE', /.*/).map((request) => request.status), [200, 404]);
      assert.equal(h.secrets.data.has(`value:${gone.id}`), false);
      assert.equal((await h.rows()).some((row) => row.label === 'Gone'), false);
      assert.deepEqual(fake.messagesOf('error'), []);
      assert.equal(fake.statusBarMessages.at(-1)?.text, '$(trash) Deleted token "Gone"');
    });
  });
});
