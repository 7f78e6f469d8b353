// Signing in and out against the stand-in API, in the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import {
  accountTokenId,
  clearNotifications,
  dismissingNotifications,
  labelText,
  messageAnswers,
  messages,
  messagesOf,
  list,
  listsIdle,
  requestLines,
  rootIds,
  run,
  signIn,
  sleep,
  statusBarMessages,
  storedAccountTokens,
  tokenItem,
  track,
  waitFor,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';

describe('session', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture));

  it('signs in with the account token: checks it first, stores it, and the tree lists the account', async () => {
    const accountId = accountTokenId(server);
    const ok = await run('vercelTokens.signIn', server.accountToken);
    assert.equal(ok, true);
    assert.equal(services.accounts.signedIn, true);
    assert.deepEqual(await storedAccountTokens(services), [server.accountToken]);
    assert.deepEqual(services.accounts.current, { userId: server.user.id, username: 'tester', tokenId: accountId });

    await waitFor(() => list(services).state === 'ready', 'the token list');
    await listsIdle(services);
    assert.deepEqual(rootIds(services), [accountId]);
    const item = tokenItem(services, accountId);
    assert.equal(labelText(item), 'Stand-in account token');
    assert.equal(item.description, 'no expiry · signed in with this');
    assert.equal(item.contextValue, 'token current');

    // Who am I and which token is this, before anything else; then the list (teams name scopes).
    const lines = requestLines(server);
    assert.deepEqual(lines.slice(0, 2), ['GET /v2/user', 'GET /v5/user/tokens/current']);
    assert.deepEqual([...lines.slice(2)].sort(), ['GET /v2/teams', 'GET /v6/user/tokens'], 'one list (and teams) after signing in');
    const redacted = `Bearer ${server.accountToken.slice(0, 4)}…${server.accountToken.slice(-4)}`;
    for (const entry of server.requests) {
      assert.equal(entry.headers.authorization, redacted, `${entry.method} ${entry.path} was not sent with the account token`);
      assert.equal(entry.status, 200, `${entry.method} ${entry.path}`);
    }
    assert.ok(!lines.some((line) => line.startsWith('POST') || line.startsWith('DELETE')));

    assert.equal(services.treeView.description, 'tester');
    assert.equal(services.treeView.message, undefined);
    assert.deepEqual(messagesOf('info').map((m) => m.message), ['Signed in to Vercel as tester.']);
    assert.deepEqual(messagesOf('error'), []);
  });

  it('shows the username in the view description, and "· slug" once a team is selected', async () => {
    const team = server.addTeam({ slug: 'acme', name: 'Acme Inc' });
    await signIn(services, server.accountToken);
    assert.equal(services.treeView.description, 'tester');
    await listsIdle(services);
    const requestsAfterSignIn = server.requests.length;

    await services.accounts.selectTeam(server.user.id, { id: team.id, slug: 'acme', name: 'Acme Inc' });
    await waitFor(() => services.treeView.description === 'tester · acme', 'the description with the team');
    assert.deepEqual(services.accounts.team(server.user.id), { id: team.id, slug: 'acme', name: 'Acme Inc' });

    await services.accounts.selectTeam(server.user.id, undefined);
    await waitFor(() => services.treeView.description === 'tester', 'the description without the team');
    await listsIdle(services);
    // The list does not depend on the team: choosing one lists nothing again.
    assert.equal(server.requests.length, requestsAfterSignIn, requestLines(server).slice(requestsAfterSignIn).join(', '));
  });

  it('signs out: the tree empties, the description goes, the token is forgotten here and not revoked on Vercel', async () => {
    const accountId = accountTokenId(server);
    await signIn(services, server.accountToken);
    assert.deepEqual(rootIds(services), [accountId]);
    const before = server.requests.length;

    await vscode.commands.executeCommand('vercelTokens.signOut');
    assert.equal(services.accounts.signedIn, false);
    await waitFor(() => services.lists.get(server.user.id) === undefined, 'the token list to be dropped');
    await listsIdle(services);
    assert.deepEqual(rootIds(services), []);
    assert.deepEqual(await storedAccountTokens(services), []);
    assert.equal(services.treeView.description, undefined);
    assert.equal(services.treeView.message, undefined);

    assert.deepEqual(requestLines(server, before), [], 'signing out must not call the API');
    assert.ok(!server.requests.some((entry) => entry.method === 'DELETE'), 'a DELETE was sent');
    const account = server.tokens().find((token) => token.id === accountId);
    assert.ok(account, 'the account token is gone on the server');
    assert.equal(account.revokedAt, undefined);
    assert.ok(
      messagesOf('info').some((m) => m.message.startsWith('Signed out of Vercel. The account token still works on Vercel')),
      JSON.stringify(messages),
    );
  });

  it('signs out with stored values: says how many and offers Forget Stored Values; dismissed keeps them, chosen forgets them', async () => {
    await signIn(services, server.accountToken);
    const created = await run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name: 'Kept for later', expiry: 'never' });
    assert.ok(created?.stored);
    const value = server.valueOf(created.tokenId);
    await clearNotifications();
    messages.length = 0;

    assert.equal(await vscode.commands.executeCommand('vercelTokens.signOut'), true);
    assert.equal(services.accounts.signedIn, false);
    assert.deepEqual(
      messagesOf('info').map((m) => [m.message, m.items]),
      [
        [
          'Signed out of Vercel. The account token still works on Vercel; delete it there if you no longer need it. ' +
            'The value of 1 token of this account is still stored in VS Code.',
          ['Forget Stored Values'],
        ],
      ],
    );
    // Dismissed: kept, to copy after signing in again.
    const answer = track(messageAnswers.get(messagesOf('info')[0])!);
    await clearNotifications();
    await waitFor(() => answer.settled, 'the notification to close');
    assert.equal(answer.value, undefined);
    await sleep(200);
    assert.equal(await services.keychain.getTokenValue(created.tokenId), value);
    assert.ok((await services.keychain.storedTokenIds(server.user.id)).has(created.tokenId));

    // Signed in again, the value is there; signed out again, and this time the button is chosen.
    await signIn(services, server.accountToken);
    assert.ok(list(services).isValueStored(created.tokenId));
    await clearNotifications();
    messages.length = 0;
    assert.equal(await vscode.commands.executeCommand('vercelTokens.signOut'), true);
    await waitFor(() => messagesOf('info').length > 0, 'the sign-out message');
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await waitFor(() => statusBarMessages.includes('$(trash) Forgot 1 stored token value'), 'the values to be forgotten');
    assert.equal(await services.keychain.getTokenValue(created.tokenId), undefined);
    assert.deepEqual([...(await services.keychain.storedTokenIds(server.user.id))], []);
    assert.ok(server.tokens().some((token) => token.id === created.tokenId), 'the token itself stays on Vercel');
  });

  it('refuses a token Vercel rejects (403 invalidToken) and stores nothing', async () => {
    const rejected = 'vcp_RejectedTokenValue0000000';
    const result = await dismissingNotifications(run('vercelTokens.signIn', rejected));
    assert.equal(result, false);
    assert.equal(services.accounts.signedIn, false);
    assert.deepEqual(await storedAccountTokens(services), []);
    assert.deepEqual(
      server.requests.map((entry) => [entry.method, entry.path, entry.status]),
      [['GET', '/v2/user', 403]],
      'the check stops at the first rejection and is not retried',
    );
    assert.deepEqual(messagesOf('error'), [
      {
        severity: 'error',
        message: 'Not signed in: Vercel rejected this token: it is invalid, expired or revoked.',
        modal: false,
        detail: undefined,
        items: ['Try Again'],
      },
    ]);
    await listsIdle(services);
    assert.equal(services.lists.get(server.user.id), undefined, 'no account, no token list');
    assert.deepEqual(rootIds(services), []);
    assert.equal(services.treeView.description, undefined);
  });

  it('refuses the account token when /v5/user/tokens/current answers 403 invalidToken, and stores nothing', async () => {
    server.fail({ method: 'GET', path: '/v5/user/tokens/current', ...faults.invalidToken() });
    const result = await dismissingNotifications(run('vercelTokens.signIn', server.accountToken));
    assert.equal(result, false);
    assert.deepEqual(await storedAccountTokens(services), []);
    assert.equal(services.accounts.signedIn, false);
    assert.deepEqual(requestLines(server), ['GET /v2/user', 'GET /v5/user/tokens/current']);
  });

  it('is signed out when Vercel rejects the account token while signed in (revoked, then refresh)', async () => {
    const accountId = accountTokenId(server);
    await signIn(services, server.accountToken);
    const before = server.requests.length;
    server.revoke(accountId);

    await vscode.commands.executeCommand('vercelTokens.refresh');
    await waitFor(() => !services.accounts.signedIn, 'the extension to sign out');
    await waitFor(() => services.lists.get(server.user.id) === undefined, 'the token list to be dropped');
    await listsIdle(services);
    assert.deepEqual(await storedAccountTokens(services), []);
    assert.deepEqual(rootIds(services), []);
    assert.equal(services.treeView.description, undefined);

    const list = server.requests.slice(before).filter((entry) => entry.path === '/v6/user/tokens');
    assert.equal(list.length, 1, 'the list is asked for once and not retried after 403');
    assert.equal(list[0].status, 403);
    assert.ok(!server.requests.some((entry) => entry.method === 'DELETE'));
    assert.deepEqual(messagesOf('warning'), [
      {
        severity: 'warning',
        message:
          'Vercel no longer accepts the token this extension signed in with (invalid, expired or revoked). You have been signed out.',
        modal: false,
        detail: undefined,
        items: ['Sign In'],
      },
    ]);
    assert.deepEqual(messagesOf('error'), [], 'the refresh should not also report an error');
  });
});
