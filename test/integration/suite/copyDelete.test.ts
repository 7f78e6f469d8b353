// Copying values and ids through the real clipboard, deleting (confirmed) and forgetting values.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import {
  accountTokenId,
  apiCall,
  messages,
  messagesOf,
  modelIdle,
  requestLines,
  rootIds,
  statusBarMessages,
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
    const result = await vscode.commands.executeCommand<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', {
      name,
      expiry: 'never',
    });
    assert.ok(result?.stored, `could not create ${name}`);
    assert.equal(await services.store.getTokenValue(result.tokenId), server.valueOf(result.tokenId));
    await modelIdle(services);
    return result.tokenId;
  }

  async function storedIds(): Promise<Set<string>> {
    const profile = services.session.profile;
    assert.ok(profile);
    return services.store.storedTokenIds(profile.userId);
  }

  it('Copy Token Value puts the stored value on the clipboard (tree node or id) without calling the API', async () => {
    const id = await createStored('Clipboard test');
    const value = server.valueOf(id);
    assert.ok(value);
    const before = server.requests.length;

    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyToken', { kind: 'token', tokenId: id }), true);
    assert.equal(await vscode.env.clipboard.readText(), value);

    await vscode.env.clipboard.writeText(SENTINEL);
    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyToken', id), true);
    assert.equal(await vscode.env.clipboard.readText(), value);
    assert.deepEqual(requestLines(server, before), []);
    for (const shown of messages) assert.ok(!shown.message.includes(value));
  });

  it('Copy Token Value of a token whose value is not stored says so and leaves the clipboard alone', async () => {
    const other = server.addToken({ name: 'Made elsewhere' });
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await modelIdle(services);
    assert.ok(services.model.token(other.id));

    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyToken', { kind: 'token', tokenId: other.id }), false);
    assert.equal(await vscode.env.clipboard.readText(), SENTINEL);
    assert.deepEqual(messagesOf('error').map((m) => m.message), [
      'No value of "Made elsewhere" is stored in VS Code. Vercel shows a value only once, when the token is created.',
    ]);
  });

  it('Copy Token ID puts the id on the clipboard', async () => {
    const accountId = accountTokenId(server);
    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyTokenId', { kind: 'token', tokenId: accountId }), true);
    assert.equal(await vscode.env.clipboard.readText(), accountId);
    const id = await createStored('Id test');
    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyTokenId', id), true);
    assert.equal(await vscode.env.clipboard.readText(), id);
  });

  it('Delete Token (confirmed) sends DELETE, and the token leaves the tree and SecretStorage', async () => {
    const id = await createStored('Short-lived');
    const keep = await createStored('Keeper');
    assert.ok((await storedIds()).has(id));
    const before = server.requests.length;

    const deleted = await vscode.commands.executeCommand('vercelTokens.deleteToken', { kind: 'token', tokenId: id }, { confirmed: true });
    assert.equal(deleted, true);
    const sent = server.requests.slice(before).filter((entry) => entry.method === 'DELETE');
    assert.deepEqual(
      sent.map((entry) => [entry.path, entry.status]),
      [[`/v3/user/tokens/${id}`, 200]],
    );
    assert.ok(!server.tokens().some((token) => token.id === id), 'still on the server');
    assert.equal(services.model.token(id), undefined);
    assert.ok(!rootIds(services).includes(id));
    assert.equal(await services.store.getTokenValue(id), undefined);
    assert.ok(!(await storedIds()).has(id));
    assert.ok((await storedIds()).has(keep), 'another stored value was dropped');
    assert.equal(await services.store.getTokenValue(keep), server.valueOf(keep));
    assert.equal(services.session.signedIn, true);
    assert.deepEqual(statusBarMessages.slice(-1), ['$(trash) Deleted token "Short-lived"']);
  });

  it('deleting the token the extension signs in with signs out (without a 403 on the way)', async () => {
    const accountId = accountTokenId(server);
    const before = server.requests.length;
    const deleted = await vscode.commands.executeCommand('vercelTokens.deleteToken', accountId, { confirmed: true });
    assert.equal(deleted, true);
    assert.deepEqual(requestLines(server, before), [`DELETE /v3/user/tokens/${accountId}`]);
    assert.equal(server.requests[before].status, 200);
    assert.equal(services.session.signedIn, false);
    assert.equal(await services.store.getAccountToken(), undefined);
    await waitFor(() => services.model.state === 'signedOut', 'the model to be signed out');
    await modelIdle(services);
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

    const deleted = await vscode.commands.executeCommand('vercelTokens.deleteToken', id, { confirmed: true });
    assert.equal(deleted, true);
    assert.deepEqual(
      server.requests.slice(before).filter((entry) => entry.method === 'DELETE').map((entry) => [entry.path, entry.status]),
      [[`/v3/user/tokens/${id}`, 404]],
    );
    assert.equal(services.model.token(id), undefined);
    assert.equal(await services.store.getTokenValue(id), undefined);
    assert.ok(!(await storedIds()).has(id));
    assert.deepEqual(messagesOf('error'), []);
    assert.equal(services.session.signedIn, true);
  });

  it('a failed delete (500) keeps the token and its stored value', async () => {
    const id = await createStored('Survivor');
    server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.serverError(500) });
    const deleted = await vscode.commands.executeCommand('vercelTokens.deleteToken', id, { confirmed: true });
    assert.equal(deleted, false);
    assert.ok(services.model.token(id));
    assert.equal(await services.store.getTokenValue(id), server.valueOf(id));
    assert.ok((await storedIds()).has(id));
    assert.deepEqual(messagesOf('error').map((m) => m.message), [
      'Token "Survivor" was not deleted: Vercel had a server error (HTTP 500): An unexpected internal error occurred. Nothing was changed; try again later.',
    ]);
  });

  it('a refresh forgets the stored value of a token that no longer exists on Vercel', async () => {
    const orphan = await createStored('Orphan');
    const keep = await createStored('Still there');
    assert.equal(await apiCall(server, 'DELETE', `/v3/user/tokens/${orphan}`), 200);

    await vscode.commands.executeCommand('vercelTokens.refresh');
    await modelIdle(services);
    assert.equal(services.model.token(orphan), undefined);
    assert.ok(!rootIds(services).includes(orphan));
    assert.equal(await services.store.getTokenValue(orphan), undefined);
    assert.ok(!(await storedIds()).has(orphan));
    assert.equal(await services.store.getTokenValue(keep), server.valueOf(keep));
    assert.ok(services.model.isValueStored(keep));
    assert.ok(!requestLines(server).includes(`DELETE /v3/user/tokens/${keep}`));
  });
});
