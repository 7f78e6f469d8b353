// Several Vercel accounts signed in at once, in the real VS Code: one root per account in the tree
// with that account's tokens under it, and Create run on an account's node creates in that account.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  accountTokenId,
  apiCall,
  icon,
  inputBoxes,
  labelText,
  list,
  listsIdle,
  messages,
  quickPicks,
  rootNodes,
  run,
  signIn,
  sleep,
  tokenItem,
  tokenNode,
  track,
  waitFor,
  type AccountNode,
  type FakeVercel,
  type Services,
  type TokenNode,
  useStandIn,
} from './helpers';

describe('several accounts', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture));

  /** Types into the open input box and presses Enter, as far as the extension can tell. */
  async function answer(box: vscode.InputBox, value: string): Promise<void> {
    box.value = value;
    await sleep(200);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }

  it('two accounts: one root per account (its username, expanded) with its own tokens under it; Create on an account node creates in that account', async function () {
    this.timeout(60_000);
    const first = server.user;
    const second = server.addUser({ username: 'second-account', name: 'Second User' });
    const secondLogin = server.issueToken({ kind: 'full', userId: second.id, name: 'Second account token' });
    const firstOwn = server.addToken({ name: 'Deploys of the first account' });
    const secondOwn = server.addToken({ userId: second.id, name: 'Deploys of the second account' });
    const owned = new Map([
      [first.id, new Set([accountTokenId(server), firstOwn.id])],
      [second.id, new Set([secondLogin.token.id, secondOwn.id])],
    ]);
    /** The user's token ids on the stand-in, newest first. */
    const idsOf = (userId: string) => server.tokens().map((token) => token.id).filter((id) => owned.get(userId)?.has(id));

    await signIn(services, server.accountToken);
    await signIn(services, secondLogin.value);
    await listsIdle(services);

    // The account signed in last is used last: first.
    assert.deepEqual(services.accounts.all.map((account) => account.username), ['second-account', 'tester']);
    const roots = rootNodes(services) as AccountNode[];
    assert.deepEqual(roots, [
      { kind: 'account', userId: second.id },
      { kind: 'account', userId: first.id },
    ]);
    for (const [node, user] of [
      [roots[0], second],
      [roots[1], first],
    ] as const) {
      const item = services.provider.getTreeItem(node);
      assert.equal(labelText(item), user.username);
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, `${user.username} is expanded`);
      assert.equal(item.id, `account/${user.id}`);
      // The account menus (Create, Select Team, Sign Out) match `viewItem =~ /^account\b/`.
      assert.match(item.contextValue ?? '', /^account\b/);
      assert.deepEqual(icon(item), { id: 'account', color: undefined });
      const children = services.provider.getChildren(node) as TokenNode[];
      assert.deepEqual(
        children.map((child) => child.tokenId),
        idsOf(user.id),
        `the tokens of ${user.username}, newest first, and only those`,
      );
      for (const child of children) {
        assert.deepEqual(child, { kind: 'token', userId: user.id, tokenId: child.tokenId });
        assert.equal(services.provider.getParent(child), node);
      }
    }
    assert.equal(tokenItem(services, secondLogin.token.id).description, 'no expiry · signed in with this');
    assert.equal(tokenItem(services, accountTokenId(server)).description, 'no expiry · signed in with this');
    assert.equal(services.treeView.description, '2 accounts');

    // The real view takes this shape: VS Code reveals a token under its account (through getParent).
    await vscode.commands.executeCommand('vercelTokens.tokens.focus');
    const target = tokenNode(services, secondOwn.id, second.id);
    await services.treeView.reveal(target, { select: true, focus: false });
    await waitFor(() => services.treeView.selection[0] === target, 'the revealed token to be selected');

    // Create on the account that is not the current one, from its node (as its inline button does).
    const before = server.requests.length;
    messages.length = 0;
    const creating = track(vscode.commands.executeCommand<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', roots[1]));
    await waitFor(() => inputBoxes.length > 0 || creating.settled, 'the name box');
    assert.deepEqual(quickPicks, [], 'no account picker: the node says which account');
    assert.equal(inputBoxes[0].title, 'Create Vercel Auth Token');
    await answer(inputBoxes[0], 'Made on the first account');
    await waitFor(() => inputBoxes.length > 1 || creating.settled, 'the expiry box');
    assert.equal(inputBoxes[1].step, 2);
    assert.equal(inputBoxes[1].value, '30d');
    await answer(inputBoxes[1], 'never');
    await waitFor(() => creating.settled, 'the create to finish');
    assert.equal(creating.error, undefined);
    const result = creating.value;
    assert.ok(result?.stored, JSON.stringify(messages));

    const posts = server.requests.slice(before).filter((entry) => entry.method === 'POST');
    assert.deepEqual(posts.map((entry) => [entry.path, entry.body, entry.status]), [['/v3/user/tokens', { name: 'Made on the first account' }, 200]]);
    const redacted = (token: string) => `Bearer ${token.slice(0, 4)}…${token.slice(-4)}`;
    assert.equal(posts[0].headers.authorization, redacted(server.accountToken), 'sent with the first account’s token');
    // Vercel has it in the first account, not in the second.
    assert.equal(await apiCall(server, 'GET', `/v5/user/tokens/${result.tokenId}`, server.accountToken), 200);
    assert.equal(await apiCall(server, 'GET', `/v5/user/tokens/${result.tokenId}`, secondLogin.value), 404);
    // And so does the extension: its list, its stored value, its place in the tree.
    assert.ok(list(services, first.id).token(result.tokenId));
    assert.equal(list(services, second.id).token(result.tokenId), undefined);
    assert.ok((await services.keychain.storedTokenIds(first.id)).has(result.tokenId));
    assert.ok(!(await services.keychain.storedTokenIds(second.id)).has(result.tokenId));
    assert.equal(await services.keychain.getTokenValue(result.tokenId), server.valueOf(result.tokenId));
    const firstNode = services.provider.accountNode(first.id);
    assert.ok((services.provider.getChildren(firstNode) as TokenNode[]).some((child) => child.tokenId === result.tokenId));
    assert.ok(!(services.provider.getChildren(services.provider.accountNode(second.id)) as TokenNode[]).some((child) => child.tokenId === result.tokenId));
    assert.equal(tokenItem(services, result.tokenId).description, 'no expiry · value stored');
    // Used last now: first in the tree and in the status bar.
    assert.equal(services.accounts.current?.userId, first.id);
    assert.deepEqual(rootNodes(services), [firstNode, services.provider.accountNode(second.id)]);

    // Signing out of one account from its node leaves the other: its tokens are the roots again.
    assert.equal(await vscode.commands.executeCommand('vercelTokens.signOut', services.provider.accountNode(second.id)), true);
    assert.deepEqual(services.accounts.all.map((account) => account.userId), [first.id]);
    await listsIdle(services);
    assert.ok(rootNodes(services).every((node) => node.kind === 'token' && node.userId === first.id));
    assert.equal(services.treeView.description, 'tester');
    assert.equal(server.requests.filter((entry) => entry.method === 'DELETE').length, 0);
  });

  it('with two accounts, a trusted create without a node asks which account, the one used last first', async () => {
    const second = server.addUser({ username: 'second-account' });
    const secondLogin = server.issueToken({ kind: 'full', userId: second.id });
    await signIn(services, server.accountToken);
    await signIn(services, secondLogin.value);
    const before = server.requests.length;

    const creating = track(run('vercelTokens.createToken', { name: 'Which account?', expiry: 'never' }));
    await waitFor(() => quickPicks[0]?.items.length || creating.settled, 'the account picker');
    assert.equal(quickPicks[0].placeHolder, 'Create the token in which Vercel account?');
    assert.deepEqual(
      quickPicks[0].items.map((item) => [item.label, item.description]),
      [
        ['$(account) second-account', 'personal account · used last'],
        ['$(account) tester', 'personal account'],
      ],
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => creating.settled, 'the command to end once the picker was closed');
    assert.equal(creating.value, undefined);
    assert.equal(server.requests.slice(before).filter((entry) => entry.method === 'POST').length, 0);
  });
});
