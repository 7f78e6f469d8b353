// Copying values and ids through the real clipboard, deleting (confirmed) and forgetting values.
// Tokens are named by id through the test API (`run`); the tree's own nodes through the public command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import {
  accountTokenId,
  apiCall,
  currentUserId,
  list,
  listsIdle,
  messages,
  messagesOf,
  requestLines,
  rootIds,
  run,
  sleep,
  statusBarMessages,
  tokenNode,
  waitFor,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';

const SENTINEL = 'clipboard-before-the-command';

describe('copy and delete', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture), { signedIn: true });
  beforeEach(() => vscode.env.clipboard.writeText(SENTINEL));

  async function createStored(name: string): Promise<string> {
    const result = await run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', {
      name,
      expiry: 'never',
    });
    assert.ok(result?.stored, `could not create ${name}`);
    assert.equal(await services.keychain.getTokenValue(result.tokenId), server.valueOf(result.tokenId));
    await listsIdle(services);
    statusBarMessages.length = 0;
    return result.tokenId;
  }

  async function storedIds(): Promise<Set<string>> {
    return services.keychain.storedTokenIds(currentUserId(services));
  }

  async function setClearSeconds(seconds: number | undefined): Promise<void> {
    const config = () => vscode.workspace.getConfiguration('vercelTokens');
    await config().update('clipboardClearSeconds', seconds, vscode.ConfigurationTarget.Global);
    await waitFor(() => config().inspect('clipboardClearSeconds')?.globalValue === seconds, `clipboardClearSeconds = ${seconds}`);
  }

  it('Copy Token Value puts the stored value on the clipboard (tree node or id) without calling the API', async () => {
    const id = await createStored('Clipboard test');
    const value = server.valueOf(id);
    assert.ok(value);
    const before = server.requests.length;

    // The tree's own node, as its context menu passes it: the public command acts on it directly.
    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyToken', tokenNode(services, id)), true);
    assert.equal(await vscode.env.clipboard.readText(), value);

    await vscode.env.clipboard.writeText(SENTINEL);
    assert.equal(await run('vercelTokens.copyToken', id), true);
    assert.equal(await vscode.env.clipboard.readText(), value);
    assert.deepEqual(requestLines(server, before), []);
    for (const shown of messages) assert.ok(!shown.message.includes(value));
    // The default vercelTokens.clipboardClearSeconds (60): a countdown, not the one-off message.
    assert.deepEqual(statusBarMessages, []);
  });

  it('a copied value is cleared from the clipboard after vercelTokens.clipboardClearSeconds, if it is still there; 0 never clears', async function () {
    this.timeout(30_000);
    const id = await createStored('Cleared soon');
    const value = server.valueOf(id);
    assert.ok(value);
    try {
      await setClearSeconds(1);
      assert.equal(await run('vercelTokens.copyToken', id), true);
      assert.equal(await vscode.env.clipboard.readText(), value);
      await waitFor(async () => (await vscode.env.clipboard.readText()) === '', 'the clipboard to be cleared', 5000);
      await waitFor(() => statusBarMessages.length > 0, 'the status bar to say so');
      assert.deepEqual(statusBarMessages, ['$(check) Cleared the token value from the clipboard']);

      // Something else copied meanwhile is left alone.
      statusBarMessages.length = 0;
      assert.equal(await run('vercelTokens.copyToken', id), true);
      await vscode.env.clipboard.writeText(SENTINEL);
      await waitFor(() => statusBarMessages.length > 0, 'the countdown to end', 5000);
      assert.equal(statusBarMessages.length, 1);
      assert.match(statusBarMessages[0], /^\$\(info\) The clipboard .*: left as it is$/);
      assert.equal(await vscode.env.clipboard.readText(), SENTINEL);

      // 0: never cleared, and the status bar says so once, as before the countdown existed.
      statusBarMessages.length = 0;
      await setClearSeconds(0);
      assert.equal(await run('vercelTokens.copyToken', id), true);
      assert.deepEqual(statusBarMessages, ['$(check) Copied the value of "Cleared soon" to the clipboard']);
      await sleep(1500);
      assert.equal(await vscode.env.clipboard.readText(), value);
    } finally {
      await setClearSeconds(undefined);
    }
  });

  it('Copy Token Value of a token whose value is not stored says so and leaves the clipboard alone', async () => {
    const other = server.addToken({ name: 'Made elsewhere' });
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);
    assert.ok(list(services).token(other.id));

    assert.equal(await run('vercelTokens.copyToken', { tokenId: other.id }), false);
    assert.equal(await vscode.env.clipboard.readText(), SENTINEL);
    assert.deepEqual(messagesOf('error').map((m) => m.message), [
      'No value of "Made elsewhere" is stored in VS Code. Vercel shows a value only once, when the token is created.',
    ]);
  });

  it('Copy Token ID puts the id on the clipboard', async () => {
    const accountId = accountTokenId(server);
    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyTokenId', tokenNode(services, accountId)), true);
    assert.equal(await vscode.env.clipboard.readText(), accountId);
    const id = await createStored('Id test');
    assert.equal(await run('vercelTokens.copyTokenId', id), true);
    assert.equal(await vscode.env.clipboard.readText(), id);
  });

  it('Delete Token (confirmed) sends DELETE, and the token leaves the tree and SecretStorage', async () => {
    const id = await createStored('Short-lived');
    const keep = await createStored('Keeper');
    assert.ok((await storedIds()).has(id));
    const before = server.requests.length;

    const deleted = await run('vercelTokens.deleteToken', { tokenId: id }, { confirmed: true });
    assert.equal(deleted, true);
    const sent = server.requests.slice(before).filter((entry) => entry.method === 'DELETE');
    assert.deepEqual(
      sent.map((entry) => [entry.path, entry.status]),
      [[`/v3/user/tokens/${id}`, 200]],
    );
    assert.ok(!server.tokens().some((token) => token.id === id), 'still on the server');
    assert.equal(list(services).token(id), undefined);
    assert.ok(!rootIds(services).includes(id));
    assert.equal(await services.keychain.getTokenValue(id), undefined);
    assert.ok(!(await storedIds()).has(id));
    assert.ok((await storedIds()).has(keep), 'another stored value was dropped');
    assert.equal(await services.keychain.getTokenValue(keep), server.valueOf(keep));
    assert.equal(services.accounts.signedIn, true);
    assert.deepEqual(statusBarMessages.slice(-1), ['$(trash) Deleted token "Short-lived"']);
  });

  it('deleting the token the extension signs in with signs out (without a 403 on the way)', async () => {
    const accountId = accountTokenId(server);
    const before = server.requests.length;
    const deleted = await run('vercelTokens.deleteToken', accountId, { confirmed: true });
    assert.equal(deleted, true);
    assert.deepEqual(requestLines(server, before), [`DELETE /v3/user/tokens/${accountId}`]);
    assert.equal(server.requests[before].status, 200);
    assert.equal(services.accounts.signedIn, false);
    assert.deepEqual(await services.keychain.readAccounts(), { accounts: [] });
    await waitFor(() => services.lists.get(server.user.id) === undefined, 'the list to be dropped');
    await listsIdle(services);
    assert.deepEqual(rootIds(services), []);
    assert.equal(services.treeView.description, undefined);
    assert.deepEqual(requestLines(server, before), [`DELETE /v3/user/tokens/${accountId}`], 'nothing is sent with the dead token');
    assert.deepEqual(messagesOf('warning'), []);
    assert.deepEqual(messagesOf('info').slice(-1).map((m) => m.message), [
      'Deleted "Stand-in account token", the token this extension signed in with. You are signed out.',
    ]);
  });

  it('a 404 on delete means already gone: the token and its stored value are cleaned up', async () => {
    const id = await createStored('Gone already');
    // Someone else (the CLI, the dashboard) deletes it first.
    assert.equal(await apiCall(server, 'DELETE', `/v3/user/tokens/${id}`), 200);
    const before = server.requests.length;

    const deleted = await run('vercelTokens.deleteToken', id, { confirmed: true });
    assert.equal(deleted, true);
    assert.deepEqual(
      server.requests.slice(before).filter((entry) => entry.method === 'DELETE').map((entry) => [entry.path, entry.status]),
      [[`/v3/user/tokens/${id}`, 404]],
    );
    assert.equal(list(services).token(id), undefined);
    assert.equal(await services.keychain.getTokenValue(id), undefined);
    assert.ok(!(await storedIds()).has(id));
    assert.deepEqual(messagesOf('error'), []);
    assert.equal(services.accounts.signedIn, true);
  });

  // A 5xx to a delete leaves its outcome unknown: Vercel is asked whether the token still exists.
  it('a failed delete (500) whose token still exists keeps the token and its stored value', async () => {
    const id = await createStored('Survivor');
    const before = server.requests.length;
    server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.serverError(500) });
    const deleted = await run('vercelTokens.deleteToken', id, { confirmed: true });
    assert.equal(deleted, false);
    assert.deepEqual(
      server.requests.slice(before).map((entry) => [entry.method, entry.path, entry.status]),
      [
        ['DELETE', `/v3/user/tokens/${id}`, 500],
        ['GET', `/v5/user/tokens/${id}`, 200],
      ],
    );
    assert.ok(list(services).token(id));
    assert.equal(await services.keychain.getTokenValue(id), server.valueOf(id));
    assert.ok((await storedIds()).has(id));
    assert.deepEqual(messagesOf('error').map((m) => m.message), [
      'Token "Survivor" was not deleted: the delete failed (An unexpected internal error occurred.) and Vercel still has the token afterwards. Its stored value is kept; try again later.',
    ]);
  });

  it('a delete answered 500 after Vercel deleted it: the token is found gone (404) and cleaned up', async () => {
    const id = await createStored('Deleted despite the 500');
    // Vercel carried the delete out, then its answer failed: gone on the stand-in, and a 500 to the DELETE.
    assert.equal(await apiCall(server, 'DELETE', `/v3/user/tokens/${id}`), 200);
    const before = server.requests.length;
    server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.serverError(500) });
    const deleted = await run('vercelTokens.deleteToken', id, { confirmed: true });
    assert.equal(deleted, true);
    assert.deepEqual(
      server.requests.slice(before).map((entry) => [entry.method, entry.path, entry.status]),
      [
        ['DELETE', `/v3/user/tokens/${id}`, 500],
        ['GET', `/v5/user/tokens/${id}`, 404],
      ],
    );
    assert.equal(list(services).token(id), undefined);
    assert.equal(await services.keychain.getTokenValue(id), undefined);
    assert.ok(!(await storedIds()).has(id));
    assert.deepEqual(messagesOf('error'), []);
  });

  it('a refresh forgets the stored value of a token that no longer exists on Vercel', async () => {
    const orphan = await createStored('Orphan');
    const keep = await createStored('Still there');
    assert.equal(await apiCall(server, 'DELETE', `/v3/user/tokens/${orphan}`), 200);

    const before = server.requests.length;
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);
    assert.equal(list(services).token(orphan), undefined);
    assert.ok(!rootIds(services).includes(orphan));
    assert.equal(await services.keychain.getTokenValue(orphan), undefined);
    assert.ok(!(await storedIds()).has(orphan));
    assert.equal(await services.keychain.getTokenValue(keep), server.valueOf(keep));
    assert.ok(list(services).isValueStored(keep));
    assert.ok(!requestLines(server).includes(`DELETE /v3/user/tokens/${keep}`));
    // Only the token the list left out is asked about, and its 404 is what forgets the value.
    assert.deepEqual(
      server.requests.slice(before).filter((entry) => entry.path.startsWith('/v5/user/tokens/')).map((entry) => [entry.path, entry.status]),
      [[`/v5/user/tokens/${orphan}`, 404]],
    );
  });

  it('a list that leaves a stored token out is not enough: Vercel still has it (200), so its value is kept', async () => {
    const kept = await createStored('Left out of a list');
    const before = server.requests.length;
    // A list that says nothing of the token (a short page, a lagging list, another API behind the URL).
    server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'respond', status: 200, body: { tokens: [], pagination: { count: 0, next: null, prev: null } } });
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);
    assert.deepEqual(
      server.requests.slice(before).filter((entry) => entry.path.startsWith('/v5/user/tokens/')).map((entry) => [entry.path, entry.status]),
      [[`/v5/user/tokens/${kept}`, 200]],
    );
    assert.equal(await services.keychain.getTokenValue(kept), server.valueOf(kept));
    assert.ok((await storedIds()).has(kept));

    // The next full list shows it again, with its value.
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);
    assert.ok(list(services).isValueStored(kept));
  });
});
