import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults, startFakeVercel } from '../../fake-vercel/server';
import { FakeSecretStorage } from '../support/fakes';
import { fake, waitFor, withExtension, type Harness } from '../support/harness';

/** The account in the status bar: VS Code hides the view's description while the view is alone in its container. */
const accountStatus = () => fake.statusBarItems.find((item) => item.id === 'vercelTokens.account' && !item.disposed);
const accountShown = () => {
  const item = accountStatus();
  return item?.visible ? item.text : undefined;
};

/** Where versions before several accounts kept the profile and the team (globalState). */
const LEGACY_PROFILE_KEY = 'vercelTokens.profile';
const LEGACY_TEAM_KEY = 'vercelTokens.team';

/** No SecretStorage key of an account (the list or a record) exists. */
const accountKeys = (h: Harness) => [...h.secrets.data.keys()].filter((key) => key === 'accounts' || key.startsWith('account'));

describe('Session: sign in', () => {
  test('checks GET /v2/user and GET /v5/user/tokens/current before anything is stored', async () => {
    await withExtension({}, async (h) => {
      let sentBeforeStore: string[] | undefined;
      const firstStore: string[] = [];
      h.secrets.onCall = (call) => {
        if (call.op === 'store' && sentBeforeStore === undefined) {
          firstStore.push(call.key ?? '');
          sentBeforeStore = h.server.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
        }
      };
      await h.signIn();
      assert.deepEqual(firstStore, [h.accountKey()], 'the account record is the first thing stored');
      assert.deepEqual(sentBeforeStore, ['GET /v2/user 200', 'GET /v5/user/tokens/current 200']);
      // One record holds the token with the profile it was checked for, and the list names it.
      assert.deepEqual(h.storedAccount(), { userId: h.userId, username: 'tester', tokenId: h.accountTokenId, token: h.server.accountToken });
      assert.deepEqual(h.storedAccountIds(), [h.userId]);
      assert.equal(h.context.globalState.get(LEGACY_PROFILE_KEY), undefined, 'no profile in globalState any more');
      assert.equal(fake.context.get('vercelTokens.signedIn'), true);
      assert.equal(fake.context.get('vercelTokens.state'), 'ready');
      assert.equal(h.treeView.description, 'tester');
      assert.equal(accountShown(), '$(account) tester');
      assert.equal(accountStatus()?.name, 'Vercel Account');
      assert.equal(accountStatus()?.tooltip, 'Vercel Tokens: signed in as tester. Click to choose a team.');
      // A click selects the team of that account: the command carries its node of the tree.
      const click = accountStatus()?.command as { command: string; arguments: { kind: string; userId: string }[] } | undefined;
      assert.equal(click?.command, 'vercelTokens.selectTeam');
      assert.deepEqual(click?.arguments.map(({ kind, userId }) => ({ kind, userId })), [{ kind: 'account', userId: h.userId }]);
      assert.deepEqual(
        fake.messagesOf('information').map((m) => m.message),
        ['Signed in to Vercel as tester.'],
      );
    });
  });

  test('a token Vercel rejects (403 invalidToken) is never stored', async () => {
    await withExtension({}, async (h) => {
      const revoked = h.server.issueToken({ kind: 'full', name: 'old' });
      h.server.revoke(revoked.token.id);
      const signedIn = await h.run('vercelTokens.signIn', revoked.value);
      await h.settle();
      assert.equal(signedIn, false);
      assert.deepEqual(
        h.server.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
        ['GET /v2/user 403'],
      );
      assert.equal(h.secrets.countOf('store'), 0, 'nothing was written to SecretStorage');
      assert.deepEqual(accountKeys(h), []);
      assert.notEqual(fake.context.get('vercelTokens.signedIn'), true);
      const error = fake.messagesOf('error').at(-1);
      assert.equal(error?.message, 'Not signed in: Vercel rejected this token: it is invalid, expired or revoked.');
      assert.deepEqual(error?.items, ['Try Again']);
    });
  });

  test('a failing /v5/user/tokens/current check also keeps the token out of SecretStorage', async () => {
    await withExtension({}, async (h) => {
      h.server.fail({ method: 'GET', path: '/v5/user/tokens/current', ...faults.invalidToken() });
      assert.equal(await h.run('vercelTokens.signIn', h.server.accountToken), false);
      await h.settle();
      assert.deepEqual(
        h.server.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
        ['GET /v2/user 200', 'GET /v5/user/tokens/current 403'],
      );
      assert.equal(h.secrets.countOf('store'), 0, 'nothing was written to SecretStorage');
      assert.deepEqual(accountKeys(h), []);
    });
  });

  for (const [what, refused] of [
    ['the account record', /^account:/],
    ['the list of accounts (after the record was written)', /^accounts$/],
  ] as const) {
    test(`a valid token whose ${what} SecretStorage refuses to store leaves the user signed out and says why`, async () => {
      await withExtension({}, async (h) => {
        h.secrets.failStore(new Error('The keyring is locked'), refused);
        assert.equal(await h.run('vercelTokens.signIn', h.server.accountToken), false);
        await h.settle();
        assert.equal(
          fake.messagesOf('error').at(-1)?.message,
          'Not signed in: The token is valid, but VS Code could not store it: The keyring is locked',
        );
        assert.notEqual(fake.context.get('vercelTokens.signedIn'), true);
        assert.deepEqual(accountKeys(h), [], 'a record written before the list failed is taken back out');
        assert.deepEqual(await h.rows(), []);
      });
    });
  }

  test('Try Again opens a masked box; the pasted token is checked and stored', async () => {
    await withExtension({}, async (h) => {
      fake.answerMessage('Not signed in', 'Try Again');
      const running = h.run<boolean>('vercelTokens.signIn', 'vcp_Wrongwrongwrongwrongwrong');
      const box = await fake.nextInputBox();
      assert.equal(box.password, true);
      assert.equal(box.title, 'Sign In to Vercel');
      box.type('Bearer x').enter();
      assert.equal(box.validationText, 'Paste only the token itself, without "Bearer" in front of it.');
      assert.equal(box.visible, true, 'an error keeps the box open');
      box.type(`${h.server.accountToken}\n`).enter();
      assert.equal(await running, true);
      await h.settle();
      assert.equal(h.storedAccount()?.token, h.server.accountToken, 'the trailing newline is trimmed');
    });
  });

  test('the box stays open and busy while Vercel checks the token; a rejection is shown in the emptied box for another try', async () => {
    await withExtension({}, async (h) => {
      const running = h.run<boolean>('vercelTokens.signIn');
      const box = await fake.nextInputBox();
      box.type('vcp_Unknownunknownunknownunk').enter();
      assert.equal(box.busy, true, 'busy while Vercel checks');
      assert.equal(box.validationText, 'Checking the token with Vercel…');
      await waitFor(() => !box.busy, 'the check to end');
      assert.equal(box.visible, true, 'a rejection keeps the box open');
      assert.equal(box.value, '', 'the rejected token is cleared');
      assert.equal(box.validationText, 'Not signed in: Vercel rejected this token: it is invalid, expired or revoked.');
      assert.deepEqual(accountKeys(h), [], 'nothing stored');
      box.type(h.server.accountToken).enter();
      assert.equal(await running, true);
      assert.equal(h.storedAccount()?.token, h.server.accountToken);
      assert.deepEqual(fake.messagesOf('error'), [], 'the rejection was shown in the box, not as a notification');
    });
  });

  test('the stored account is restored at startup without asking Vercel who it is again', async () => {
    const server = await startFakeVercel();
    try {
      const secrets = new FakeSecretStorage();
      let globalState: Record<string, unknown> = {};
      await withExtension({ server, secrets }, async (h) => {
        await h.signIn();
        globalState = { ...h.context.globalState.data };
      });
      // The next start of VS Code: same SecretStorage and global state.
      server.requests.length = 0;
      await withExtension({ server, secrets, globalState }, async (h) => {
        await waitFor(() => fake.context.get('vercelTokens.state') === 'ready', 'the list');
        await h.settle();
        assert.deepEqual(
          h.server.requests.map((request) => `${request.method} ${request.path}`),
          ['GET /v2/teams', 'GET /v6/user/tokens'],
        );
        assert.equal(fake.context.get('vercelTokens.signedIn'), true);
        assert.equal(h.treeView.description, 'tester');
        assert.deepEqual((await h.rows()).map((row) => row.label), ['Stand-in account token']);
      });
    } finally {
      await server.close();
    }
  });
});

describe('Session: sign out', () => {
  test('forgets the account token in VS Code and sends no DELETE', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      assert.ok(h.storedAccount(), 'signed in: the account record is stored');
      const before = h.server.requests.length;
      await h.run('vercelTokens.signOut');
      await h.settle();
      assert.equal(h.storedAccount(), undefined, 'the record is gone');
      assert.deepEqual(h.storedAccountIds(), [], 'and the list no longer names it');
      assert.deepEqual(h.requestsTo('DELETE', /.*/), []);
      assert.equal(h.server.requests.slice(before).length, 0, 'signing out sends nothing at all');
      assert.ok(h.server.tokens().some((token) => token.id === h.accountTokenId), 'the token still exists on Vercel');
      assert.equal(fake.context.get('vercelTokens.signedIn'), false);
      assert.equal(fake.context.get('vercelTokens.state'), 'signedOut');
      assert.equal(h.treeView.description, undefined);
      assert.equal(accountShown(), undefined, 'no account in the status bar once signed out');
      assert.deepEqual(await h.rows(), []);
      assert.equal(
        fake.messagesOf('information').at(-1)?.message,
        'Signed out of Vercel. The account token still works on Vercel; delete it there if you no longer need it.',
      );
    });
  });
});

describe('Session: sign out with stored values', () => {
  test('says how many values are still stored and offers Forget Stored Values; dismissed, they stay', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const first = await h.create('First');
      const second = await h.create('Second');
      await h.run('vercelTokens.signOut');
      await h.settle();
      const message = fake.messagesOf('information').at(-1);
      assert.equal(
        message?.message,
        'Signed out of Vercel. The account token still works on Vercel; delete it there if you no longer need it. ' +
          'The values of 2 tokens of this account are still stored in VS Code.',
      );
      assert.deepEqual(message?.items, ['Forget Stored Values']);
      assert.equal(message?.answer, undefined, 'dismissed');
      assert.equal(h.secrets.data.get(`value:${first.id}`), first.value);
      assert.equal(h.secrets.data.get(`value:${second.id}`), second.value);
      assert.deepEqual(h.storedIndex(), [first.id, second.id].sort());
      assert.equal(h.storedAccount(), undefined, 'signed out all the same');
    });
  });
});

describe('Session: team', () => {
  async function selectTeam(h: Harness, slug: string) {
    fake.answerQuickPick((items) => items.find((item) => item.team?.slug === slug));
    await h.run('vercelTokens.selectTeam');
    await h.settle();
  }

  test('signing in as another user adds that account; each account keeps its own team', async () => {
    // Before several accounts, a second sign-in replaced the account and cleared the team.
    await withExtension({}, async (h) => {
      await h.signIn();
      const team = h.server.addTeam({ slug: 'acme', name: 'Acme' });
      await selectTeam(h, 'acme');
      assert.deepEqual(h.selectedTeam(), { id: team.id, slug: 'acme', name: 'Acme' });
      assert.equal(h.context.globalState.get(LEGACY_TEAM_KEY), undefined, 'the team is kept by account, not in the old key');
      assert.equal(h.treeView.description, 'tester · acme');
      assert.equal(accountShown(), '$(account) tester · acme');
      assert.equal(accountStatus()?.tooltip, 'Vercel Tokens: signed in as tester, team Acme (acme). Click to choose a team.');

      const other = h.server.addUser({ username: 'other' });
      const otherToken = h.server.issueToken({ kind: 'full', userId: other.id });
      await h.signIn(otherToken.value);
      assert.deepEqual(h.selectedTeam(), { id: team.id, slug: 'acme', name: 'Acme' }, "tester's team is kept");
      assert.equal(h.selectedTeam(other.id), undefined, 'the new account starts with its personal account');
      assert.deepEqual(h.storedAccountIds(), [h.userId, other.id]);
      assert.equal(h.storedAccount(other.id)?.token, otherToken.value);
      assert.equal(h.storedAccount()?.token, h.server.accountToken, "tester's record is untouched");
      assert.equal(h.treeView.description, '2 accounts');
      assert.equal(accountShown(), '$(account) other', 'the status bar names the account Create uses next: the newest');
      assert.deepEqual((await h.rows()).map((row) => row.label), ['other', 'tester'], 'one root per account');
    });
  });

  test('signing in again as the same user replaces its token and keeps the selected team', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const team = h.server.addTeam({ slug: 'acme' });
      await selectTeam(h, 'acme');
      const second = h.server.issueToken({ kind: 'full', name: 'second' });
      await h.signIn(second.value);
      assert.deepEqual(h.selectedTeam(), { id: team.id, slug: 'acme', name: 'acme' });
      assert.equal(h.treeView.description, 'tester · acme');
      assert.deepEqual(h.storedAccountIds(), [h.userId], 'still one account');
      assert.deepEqual(h.storedAccount(), { userId: h.userId, username: 'tester', tokenId: second.token.id, token: second.value });
      assert.equal(
        fake.messagesOf('information').at(-1)?.message,
        'Signed in to Vercel as tester. The new token replaces the one stored for this account.',
      );
    });
  });
});

describe('Session: the single account of an earlier version', () => {
  test('its `account` token and globalState profile and team become the first account at startup, without a request', async () => {
    const server = await startFakeVercel();
    try {
      const accountToken = server.tokens().find((token) => server.valueOf(token.id) === server.accountToken);
      assert.ok(accountToken);
      const profile = { userId: server.user.id, username: 'tester', tokenId: accountToken.id };
      const team = { id: 'team_legacy', slug: 'legacy', name: 'Legacy' };
      const secrets = new FakeSecretStorage(new Map([['account', server.accountToken]]));
      await withExtension({ server, secrets, globalState: { [LEGACY_PROFILE_KEY]: profile, [LEGACY_TEAM_KEY]: team } }, async (h) => {
        await waitFor(() => fake.context.get('vercelTokens.state') === 'ready', 'the list');
        await h.settle();
        assert.deepEqual(h.storedAccount(), { ...profile, token: server.accountToken });
        assert.deepEqual(h.storedAccountIds(), [h.userId]);
        assert.equal(h.secrets.data.has('account'), false, 'the old record is gone');
        assert.deepEqual(h.selectedTeam(), team);
        assert.equal(h.context.globalState.get(LEGACY_PROFILE_KEY), undefined);
        assert.equal(h.context.globalState.get(LEGACY_TEAM_KEY), undefined);
        assert.equal(h.requestsTo('GET', '/v2/user').length, 0, 'the stored profile is trusted: no "who am I"');
        assert.equal(h.treeView.description, 'tester · legacy');
      });
    } finally {
      await server.close();
    }
  });
});
