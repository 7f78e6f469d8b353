// Creating tokens through the command (the test API's arguments skip the input boxes): what is
// sent, what is stored in SecretStorage, what the tree shows, and that failures leave nothing behind.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import {
  addLocalDays,
  allValues,
  currentUserId,
  DAY,
  dismissingNotifications,
  labelText,
  list,
  listsIdle,
  messages,
  messagesOf,
  messageAnswers,
  rootIds,
  run,
  sleep,
  statusBarMessages,
  tokenItem,
  track,
  visibleText,
  waitFor,
  type FakeVercel,
  type RequestLogEntry,
  type Services,
  useStandIn,
} from './helpers';

interface CreateResult {
  tokenId: string;
  stored: boolean;
}

describe('create token', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture), { signedIn: true });

  const posts = (from: number): RequestLogEntry[] =>
    server.requests.slice(from).filter((entry) => entry.method === 'POST');

  const create = (args: unknown) => run<CreateResult | undefined>('vercelTokens.createToken', args);

  it('expiry "never": POSTs exactly {name}, stores the returned value, lists it with the stored mark', async () => {
    const before = server.requests.length;
    const result = await create({ name: 'GitHub Actions deploy', expiry: 'never' });
    assert.ok(result, 'the command returned nothing');
    assert.equal(result.stored, true);
    assert.match(result.tokenId, /^tok_/);

    const sent = posts(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].path, '/v3/user/tokens');
    assert.deepEqual(sent[0].query, {});
    assert.deepEqual(sent[0].body, { name: 'GitHub Actions deploy' });
    assert.match(sent[0].headers['content-type'] ?? '', /^application\/json/);
    assert.equal(sent[0].status, 200);

    const onServer = server.tokens().find((token) => token.id === result.tokenId);
    assert.ok(onServer, 'the token is not on the server');
    assert.equal(onServer.name, 'GitHub Actions deploy');
    assert.equal(onServer.expiresAt, undefined);

    const value = server.valueOf(result.tokenId);
    assert.match(value ?? '', /^vcp_/);
    assert.equal(await services.keychain.getTokenValue(result.tokenId), value);
    assert.ok((await services.keychain.storedTokenIds(currentUserId(services))).has(result.tokenId));

    assert.equal(rootIds(services)[0], result.tokenId, 'the new token is the newest, so first');
    const item = tokenItem(services, result.tokenId);
    assert.equal(labelText(item), 'GitHub Actions deploy');
    assert.equal(item.description, 'no expiry · value stored');
    assert.equal(item.contextValue, 'token stored');
    assert.ok(!visibleText(item).includes(value ?? '<none>'), 'the tree shows the value');
    assert.ok(list(services).isValueStored(result.tokenId));

    assert.deepEqual(messagesOf('info'), [
      {
        severity: 'info',
        message: 'New token created. Its value is stored in VS Code.',
        modal: false,
        detail: undefined,
        items: ['Copy Value'],
      },
    ]);
    for (const shown of messages) assert.ok(!shown.message.includes(value ?? '<none>'), 'a message shows the value');
    assert.deepEqual(statusBarMessages, ['$(check) Created token "GitHub Actions deploy"']);
  });

  it('a second create replaces the first confirmation: VS Code closes it and answers its pending promise', async () => {
    const first = await create({ name: 'First of two', expiry: 'never' });
    const [firstNotice] = messagesOf('info');
    assert.ok(first?.stored && firstNotice);
    const firstAnswer = track(messageAnswers.get(firstNotice)!);
    await sleep(300);
    assert.equal(firstAnswer.settled, false, 'the first confirmation closed by itself');

    const second = await create({ name: 'Second of two', expiry: 'never' });
    assert.ok(second?.stored);
    const [, secondNotice] = messagesOf('info');
    const secondAnswer = track(messageAnswers.get(secondNotice)!);
    // Each open confirmation keeps a pending reply in the extension host; the replaced one must not.
    await waitFor(() => firstAnswer.settled, 'VS Code to close the first confirmation');
    assert.equal(firstAnswer.value, undefined, 'closed, not clicked');
    assert.equal(secondNotice.message, firstNotice.message);
    await sleep(300);
    assert.equal(secondAnswer.settled, false, 'the newest confirmation stays open');
    assert.deepEqual(statusBarMessages, ['$(check) Created token "First of two"', '$(check) Created token "Second of two"']);
  });

  it('the keychain calls of a create, and of a delete, reach VS Code together, and VS Code answers them in order', async () => {
    // The real SecretStorage of the extension, watched: when each call is made and when it is answered.
    const secrets = (services.keychain as unknown as { secrets: vscode.SecretStorage }).secrets;
    const events: string[] = [];
    const methods = ['get', 'store', 'delete'] as const;
    const ownBefore = methods.filter((method) => Object.prototype.hasOwnProperty.call(secrets, method));
    const originals = { get: secrets.get.bind(secrets), store: secrets.store.bind(secrets), delete: secrets.delete.bind(secrets) };
    const watch = <A extends unknown[], R>(op: string, call: (...args: A) => Thenable<R>) =>
      (...args: A): Thenable<R> => {
        const name = `${op} ${String(args[0]).split(':')[0]}`;
        events.push(`call ${name}`);
        return call(...args).then((result) => (events.push(`answer ${name}`), result));
      };
    Object.assign(secrets, { get: watch('get', originals.get), store: watch('store', originals.store), delete: watch('delete', originals.delete) });
    try {
      const result = await create({ name: 'One round trip', expiry: 'never' });
      assert.equal(result?.stored, true);
      const firstAnswer = events.findIndex((event) => event.startsWith('answer'));
      assert.deepEqual(events.slice(0, firstAnswer), ['call store value', 'call get value', 'call store index'], events.join(', '));
      assert.deepEqual(events.filter((event) => event === 'call get value'), ['call get value'], 'the read-back was not asked again: VS Code answered it after the write');
      assert.equal(await originals.get(`value:${result.tokenId}`), server.valueOf(result.tokenId));

      events.length = 0;
      assert.equal(await run('vercelTokens.deleteToken', result.tokenId, { confirmed: true }), true);
      const deleteAnswer = events.findIndex((event) => event.startsWith('answer'));
      assert.deepEqual(events.slice(0, deleteAnswer), ['call delete value', 'call store index'], events.join(', '));
      assert.equal(await originals.get(`value:${result.tokenId}`), undefined);
    } finally {
      // Back to the methods of the SecretStorage object itself.
      for (const method of methods) {
        if (ownBefore.includes(method)) Object.assign(secrets, { [method]: originals[method] });
        else delete (secrets as unknown as Record<string, unknown>)[method];
      }
    }
  });

  it('expiry "7d": POSTs {name, expiresAt} with expiresAt seven local days from the request', async () => {
    const before = server.requests.length;
    const startedAt = Date.now();
    const result = await create({ name: 'Preview bot', expiry: '7d' });
    const endedAt = Date.now();
    assert.ok(result?.stored);

    const [sent] = posts(before);
    const body = sent.body as { name: string; expiresAt: number };
    assert.deepEqual(Object.keys(body).sort(), ['expiresAt', 'name']);
    assert.equal(body.name, 'Preview bot');
    assert.equal(typeof body.expiresAt, 'number');
    assert.ok(
      body.expiresAt >= addLocalDays(startedAt, 7) && body.expiresAt <= addLocalDays(endedAt, 7),
      `expiresAt ${new Date(body.expiresAt).toISOString()} is not 7 days after ${new Date(startedAt).toISOString()}`,
    );
    assert.equal(server.tokens().find((token) => token.id === result.tokenId)?.expiresAt, body.expiresAt);
    assert.equal(list(services).token(result.tokenId)?.expiresAt, body.expiresAt);
    assert.match(String(tokenItem(services, result.tokenId).description), /^expires in [67] days · value stored$/);
    assert.equal(await services.keychain.getTokenValue(result.tokenId), server.valueOf(result.tokenId));
  });

  it('without an expiry uses the vercelTokens.defaultExpiry default, 30 days', async () => {
    const before = server.requests.length;
    const startedAt = Date.now();
    const result = await create({ name: 'Default expiry' });
    const endedAt = Date.now();
    assert.ok(result?.stored);
    const body = posts(before)[0].body as { name: string; expiresAt: number };
    assert.ok(body.expiresAt >= addLocalDays(startedAt, 30) && body.expiresAt <= addLocalDays(endedAt, 30));
    assert.ok(body.expiresAt - startedAt > 29 * DAY);
  });

  it('with a team selected POSTs ?teamId= and the token belongs to that team', async () => {
    const team = server.addTeam({ slug: 'acme', name: 'Acme Inc' });
    await services.accounts.selectTeam(currentUserId(services), { id: team.id, slug: 'acme', name: 'Acme Inc' });
    await listsIdle(services);
    const before = server.requests.length;

    const result = await create({ name: 'Acme deploys', expiry: 'never' });
    assert.ok(result?.stored);
    const sent = posts(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].path, '/v3/user/tokens');
    assert.deepEqual(sent[0].query, { teamId: team.id });
    assert.deepEqual(sent[0].body, { name: 'Acme deploys' });

    const onServer = server.tokens().find((token) => token.id === result.tokenId);
    assert.equal(onServer?.teamId, team.id);
    assert.deepEqual(onServer?.scopes?.map((scope) => [scope.type, scope.teamId]), [['team', team.id]]);
    assert.equal(await services.keychain.getTokenValue(result.tokenId), server.valueOf(result.tokenId));
    assert.equal(list(services).token(result.tokenId)?.teamId, team.id);
  });

  it('refuses an empty name and an expiry of 0 before sending anything', async () => {
    const idsBefore = rootIds(services);
    const tokensBefore = server.tokens().length;
    const before = server.requests.length;

    assert.equal(await create({ name: '', expiry: 'never' }), undefined);
    assert.equal(await create({ name: 'Zero', expiry: '0' }), undefined);
    await listsIdle(services);

    assert.deepEqual(server.requests.slice(before), [], 'a request was sent');
    assert.equal(server.tokens().length, tokensBefore);
    assert.deepEqual(rootIds(services), idsBefore);
    assert.deepEqual(
      messagesOf('error').map((m) => m.message),
      [
        'Token not created: Enter a name for the token.',
        'Token not created: The expiry must be at least 1 hour away. Use 12h, 7d, 2w, 6mo, 1y, a number of days, a date YYYY-MM-DD, or never.',
      ],
    );
  });

  // A 4xx is a refusal. A 5xx may come after Vercel made the token (any 5xx, not only a gateway's):
  // the list is checked, and only when no new token of that name is there is it "not created",
  // with Retry (a notification that waits for an answer, closed here).
  for (const [status, action, expected] of [
    [
      400,
      faults.error(400, 'bad_request', 'Invalid request: `name` is not allowed.'),
      'Token "Refused" was not created: Vercel refused the request (HTTP 400): Invalid request: `name` is not allowed.',
    ],
    [
      500,
      faults.serverError(500),
      'Token "Refused" was not created: Vercel had a server error (HTTP 500): An unexpected internal error occurred. ' +
        'The request may or may not have been carried out; refresh before trying again. The token list shows no new token of that name.',
    ],
  ] as const) {
    it(`a ${status} from Vercel: one POST, nothing stored, nothing listed, the error shown`, async () => {
      const userId = currentUserId(services);
      const storedBefore = [...(await services.keychain.storedTokenIds(userId))].sort();
      const idsBefore = rootIds(services);
      const tokensBefore = server.tokens().map((token) => token.id);
      const before = server.requests.length;
      server.fail({ method: 'POST', path: '/v3/user/tokens', ...action });

      assert.equal(await dismissingNotifications(create({ name: 'Refused', expiry: 'never' })), undefined);
      await listsIdle(services);

      const sent = posts(before);
      assert.equal(sent.length, 1, 'a create is never retried');
      assert.equal(sent[0].status, status);
      const listed = server.requests.slice(before).filter((entry) => entry.method === 'GET' && entry.path === '/v6/user/tokens');
      assert.equal(listed.length > 0, status >= 500, 'the list is checked after a 5xx, and only then');
      assert.deepEqual(server.tokens().map((token) => token.id), tokensBefore);
      assert.deepEqual(rootIds(services), idsBefore);
      assert.ok(!list(services).tokens.some((token) => token.name === 'Refused'));
      assert.deepEqual([...(await services.keychain.storedTokenIds(userId))].sort(), storedBefore);
      assert.deepEqual(messagesOf('error').map((m) => [m.message, m.items]), [[expected, status >= 500 ? ['Retry'] : []]]);
      assert.equal(services.accounts.signedIn, true);
      for (const value of allValues(server)) {
        for (const shown of messages) assert.ok(!shown.message.includes(value));
      }
    });
  }

  it('a 503 after Vercel made the token: the list shows it; the modal names its id and creation time, with Delete Token on Vercel and Keep', async () => {
    const before = server.requests.length;
    // The stand-in makes the token, then the answer is lost as a 503 would lose it: made here by hand.
    server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.serverError(503) });
    const made = server.addToken({ name: 'Made despite the 503', value: 'vcp_MadeDespiteThe503Answer0001' });
    const runCreate = track(create({ name: 'Made despite the 503', expiry: 'never' }));
    await waitFor(() => messagesOf('warning').some((m) => m.modal) || runCreate.settled, 'the modal', 15_000);
    await waitFor(() => runCreate.settled, 'the command to end once its modal was refused');
    assert.match(String(runCreate.error), /refused to show dialog in tests/);
    const modal = messagesOf('warning').find((m) => m.modal);
    assert.ok(modal, JSON.stringify(messages));
    assert.equal(
      modal.message,
      'Token "Made despite the 503" was created on Vercel, but its value was lost in transit (Vercel had a server error (HTTP 503): ' +
        'An unexpected internal error occurred. The request may or may not have been carried out; refresh before trying again.).',
    );
    assert.deepEqual(modal.items, ['Delete Token on Vercel', 'Keep']);
    assert.ok(modal.detail?.startsWith(`Found since the request:\n${made.id}, created `), modal.detail);
    assert.equal(posts(before).length, 1);
    await listsIdle(services);
    assert.deepEqual(
      server.requests.slice(before).filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.path}`),
      ['POST /v3/user/tokens'],
      'nothing deleted without the user choosing to',
    );
    assert.ok(list(services).token(made.id));
    assert.equal(list(services).isValueStored(made.id), false);
  });
});
