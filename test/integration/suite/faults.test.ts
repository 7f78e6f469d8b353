// Failures on the wire: a failing refresh, a create whose answer is lost, a refused API URL.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import {
  dismissingNotifications,
  list,
  listsIdle,
  localDateTime,
  messagesOf,
  outgoing,
  requestLines,
  rootIds,
  run,
  setApiUrl,
  signIn,
  tokenItem,
  track,
  waitFor,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';

const SERVER_ERROR =
  'Vercel had a server error (HTTP 500): An unexpected internal error occurred. Nothing was changed; try again later.';
const REFUSED_URL =
  'The setting vercelTokens.apiUrl is refused: Use https:// for this host: plain http:// would send your account token unencrypted. http:// is allowed only for localhost, 127.0.0.1 and [::1].';

describe('faults', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture));

  it('a failing refresh keeps the last list and says in the view that it is stale', async () => {
    server.addToken({ name: 'Listed before the failure' });
    await signIn(services, server.accountToken);
    const idsBefore = rootIds(services);
    assert.equal(idsBefore.length, 2);
    const loadedAt = list(services).lastLoadedAt;
    assert.ok(loadedAt);
    assert.equal(services.treeView.message, undefined);
    const before = server.requests.length;

    server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);

    assert.deepEqual(
      server.requests.slice(before).filter((entry) => entry.path === '/v6/user/tokens').map((entry) => entry.status),
      [500],
    );
    assert.equal(list(services).state, 'ready');
    assert.deepEqual(rootIds(services), idsBefore);
    assert.equal(list(services).error, SERVER_ERROR);
    assert.equal(list(services).isStale, true);
    assert.equal(list(services).lastLoadedAt, loadedAt);
    assert.equal(
      services.treeView.message,
      `Showing the list from ${localDateTime(loadedAt)}: the refresh failed (${SERVER_ERROR}).`,
    );
    assert.deepEqual(messagesOf('error').map((m) => m.message), [`Could not refresh the tokens: ${SERVER_ERROR}`]);
    assert.equal(services.accounts.signedIn, true);

    // The next good refresh clears the notice.
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);
    assert.equal(services.treeView.message, undefined);
    assert.equal(list(services).error, undefined);
    assert.ok((list(services).lastLoadedAt ?? 0) > loadedAt);
  });

  it('a first list that fails shows the error state, whose welcome no view message hides; Refresh recovers', async () => {
    server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...faults.serverError(500) });
    assert.equal(await run('vercelTokens.signIn', server.accountToken), true);
    await waitFor(() => list(services).state === 'error', 'the error state');
    await listsIdle(services);
    assert.equal(services.accounts.signedIn, true);
    assert.deepEqual(rootIds(services), []);
    assert.equal(list(services).error, SERVER_ERROR);
    assert.equal(list(services).isStale, false, 'nothing was ever loaded, so nothing is stale');
    // VS Code shows a view's welcome (Retry) only while the view has no message.
    assert.equal(services.treeView.message, undefined);

    server.clearFaults();
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);
    assert.equal(list(services).state, 'ready');
    assert.equal(rootIds(services).length, 1);
    assert.equal(services.treeView.message, undefined);
  });

  it('apiUrl http://example.com while signed out: sign-in is refused and nothing is sent anywhere', async () => {
    await setApiUrl('http://example.com');
    const result = await dismissingNotifications(run('vercelTokens.signIn', server.accountToken));
    assert.equal(result, false);
    assert.equal(services.accounts.signedIn, false);
    assert.deepEqual(await services.keychain.readAccounts(), { accounts: [] });
    assert.deepEqual(server.requests, []);
    assert.deepEqual(outgoing, [], 'an HTTP request left the extension host');
    assert.deepEqual(messagesOf('error').map((m) => [m.message, m.items]), [[`Not signed in: ${REFUSED_URL}`, ['Try Again']]]);
  });

  it('apiUrl http://example.com while signed in: list and create are refused before any request', async () => {
    await signIn(services, server.accountToken);
    // Control: the spy sees the extension's requests to the stand-in API.
    assert.ok(outgoing.some((request) => request.host === '127.0.0.1' && request.path.startsWith('/v2/user')), JSON.stringify(outgoing));
    const idsBefore = rootIds(services);
    const before = server.requests.length;
    outgoing.length = 0;

    await setApiUrl('http://example.com');
    await waitFor(() => list(services).error !== undefined, 'the refresh after the setting changed to fail');
    await listsIdle(services);
    assert.equal(list(services).error, REFUSED_URL);
    assert.deepEqual(rootIds(services), idsBefore, 'the last list stays');
    assert.match(services.treeView.message ?? '', /^Showing the list from .*: the refresh failed \(The setting vercelTokens\.apiUrl is refused/);

    const created = await run('vercelTokens.createToken', { name: 'Never sent', expiry: 'never' });
    assert.equal(created, undefined);
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);

    assert.deepEqual(requestLines(server, before), []);
    assert.deepEqual(outgoing, [], 'an HTTP request left the extension host');
    assert.ok(!server.tokens().some((token) => token.name === 'Never sent'));
    assert.ok(
      messagesOf('error').some((m) => m.message === `Token "Never sent" was not created: ${REFUSED_URL}`),
      JSON.stringify(messagesOf('error')),
    );
    assert.equal(services.accounts.signedIn, true, 'a refused setting is not a rejected token');
  });

  // The reconciliation ends in a modal, which cannot be answered from the extension host: the
  // command runs unawaited, its promise is observed (never left rejected unhandled), and the test
  // asserts from the request log and the token list once the modal was requested.
  it('a create whose connection resets after the commit is not retried and is found by reconciliation', async () => {
    await signIn(services, server.accountToken);
    const before = server.requests.length;
    server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });

    const creating = track(run('vercelTokens.createToken', { name: 'Lost in transit', expiry: 'never' }));
    await waitFor(
      () => messagesOf('warning').some((m) => m.modal) || creating.settled,
      'the reconciliation to finish (its modal to be requested)',
      15_000,
    );
    assert.ok(messagesOf('warning').some((m) => m.modal), `the command ended without its modal: ${creating.error instanceof Error ? creating.error.message : JSON.stringify(creating.value)}`);
    await listsIdle(services);

    const after = server.requests.slice(before);
    const postIndex = after.findIndex((entry) => entry.method === 'POST');
    assert.deepEqual(
      after.filter((entry) => entry.method === 'POST').map((entry) => [entry.path, entry.status]),
      [['/v3/user/tokens', null]],
      'exactly one POST, which got no answer',
    );
    const listsAfterPost = after.slice(postIndex + 1).filter((entry) => entry.method === 'GET' && entry.path === '/v6/user/tokens');
    assert.ok(listsAfterPost.length >= 2, `reconciliation lists, then refreshes: ${requestLines(server, before).join(', ')}`);
    assert.ok(listsAfterPost.every((entry) => entry.status === 200));

    const onServer = server.tokens().filter((token) => token.name === 'Lost in transit');
    assert.equal(onServer.length, 1, 'created once on the server');
    const id = onServer[0].id;
    assert.ok(list(services).token(id), 'the token list has the token after reconciliation');
    assert.ok(rootIds(services).includes(id));
    assert.equal(tokenItem(services, id).description, 'no expiry');
    assert.equal(list(services).isValueStored(id), false);
    assert.equal(await services.keychain.getTokenValue(id), undefined);

    const modal = messagesOf('warning').find((m) => m.modal);
    assert.ok(modal);
    assert.match(modal.message, /^Token "Lost in transit" was created on Vercel, but its value was lost in transit \(.+\)\.$/);
    // What was found is listed (id and creation time) and the user chooses: delete it or keep it.
    assert.deepEqual(modal.items, ['Delete Token on Vercel', 'Keep']);
    assert.equal(
      modal.detail,
      `Found since the request:\n${id}, created ${localDateTime(onServer[0].createdAt)}\n\n` +
        'Without its value a token is of no use. Delete it on Vercel? Nothing is deleted unless you choose to.',
    );
    // A test host refuses modals: the dialog service rejects instead of waiting for an answer, so
    // the command ends with that error. Nothing is retried, deleted or stored on the way out.
    await waitFor(() => creating.settled, 'the command to end once its modal was refused');
    assert.match(String(creating.error), /refused to show dialog in tests\. Contents: Token "Lost in transit" was created on Vercel/);
    await listsIdle(services);
    assert.deepEqual(
      server.requests.slice(before).filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.path}`),
      ['POST /v3/user/tokens'],
    );
    assert.equal(await services.keychain.getTokenValue(id), undefined);
    assert.deepEqual(messagesOf('error'), []);
  });
});
