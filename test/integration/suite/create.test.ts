// Creating tokens through the command (arguments skip the input boxes): what is sent, what is
// stored in SecretStorage, what the tree shows, and that failures leave nothing behind.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import {
  addLocalDays,
  allValues,
  DAY,
  labelText,
  messages,
  messagesOf,
  modelIdle,
  messageAnswers,
  rootIds,
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

  const create = (args: unknown) => vscode.commands.executeCommand<CreateResult | undefined>('vercelTokens.createToken', args);

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
    assert.equal(await services.store.getTokenValue(result.tokenId), value);
    const profile = services.session.profile;
    assert.ok(profile);
    assert.ok((await services.store.storedTokenIds(profile.userId)).has(result.tokenId));

    assert.equal(rootIds(services)[0], result.tokenId, 'the new token is the newest, so first');
    const item = tokenItem(services, result.tokenId);
    assert.equal(labelText(item), 'GitHub Actions deploy');
    assert.equal(item.description, 'no expiry · value stored');
    assert.equal(item.contextValue, 'token stored');
    assert.ok(!visibleText(item).includes(value ?? '<none>'), 'the tree shows the value');
    assert.ok(services.model.isValueStored(result.tokenId));

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
    const secrets = (services.store as unknown as { secrets: vscode.SecretStorage }).secrets;
    const events: string[] = [];
    const originals = { get: secrets.get, store: secrets.store, delete: secrets.delete };
    const watch = <A extends unknown[], R>(op: string, call: (...args: A) => Thenable<R>) =>
      (...args: A): Thenable<R> => {
        const name = `${op} ${String(args[0]).split(':')[0]}`;
        events.push(`call ${name}`);
        return call.apply(secrets, args).then((result) => (events.push(`answer ${name}`), result));
      };
    Object.assign(secrets, { get: watch('get', originals.get), store: watch('store', originals.store), delete: watch('delete', originals.delete) });
    try {
      const result = await create({ name: 'One round trip', expiry: 'never' });
      assert.equal(result?.stored, true);
      const firstAnswer = events.findIndex((event) => event.startsWith('answer'));
      assert.deepEqual(events.slice(0, firstAnswer), ['call store value', 'call get value', 'call store index'], events.join(', '));
      assert.deepEqual(events.filter((event) => event === 'call get value'), ['call get value'], 'the read-back was not asked again: VS Code answered it after the write');
      assert.equal(await originals.get.call(secrets, `value:${result.tokenId}`), server.valueOf(result.tokenId));

      events.length = 0;
      assert.equal(await vscode.commands.executeCommand('vercelTokens.deleteToken', result.tokenId, { confirmed: true }), true);
      const deleteAnswer = events.findIndex((event) => event.startsWith('answer'));
      assert.deepEqual(events.slice(0, deleteAnswer), ['call delete value', 'call store index'], events.join(', '));
      assert.equal(await originals.get.call(secrets, `value:${result.tokenId}`), undefined);
    } finally {
      Object.assign(secrets, originals);
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
    assert.equal(services.model.token(result.tokenId)?.expiresAt, body.expiresAt);
    assert.match(String(tokenItem(services, result.tokenId).description), /^expires in [67] days · value stored$/);
    assert.equal(await services.store.getTokenValue(result.tokenId), server.valueOf(result.tokenId));
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
    await services.session.selectTeam({ id: team.id, slug: 'acme', name: 'Acme Inc' });
    await modelIdle(services);
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
    assert.equal(await services.store.getTokenValue(result.tokenId), server.valueOf(result.tokenId));
    assert.equal(services.model.token(result.tokenId)?.teamId, team.id);
  });

  it('refuses an empty name and an expiry of 0 before sending anything', async () => {
    const idsBefore = rootIds(services);
    const tokensBefore = server.tokens().length;
    const before = server.requests.length;

    assert.equal(await create({ name: '', expiry: 'never' }), undefined);
    assert.equal(await create({ name: 'Zero', expiry: '0' }), undefined);
    await modelIdle(services);

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

  for (const [status, action, expected] of [
    [
      400,
      faults.error(400, 'bad_request', 'Invalid request: `name` is not allowed.'),
      'Token "Refused" was not created: Vercel refused the request (HTTP 400): Invalid request: `name` is not allowed.',
    ],
    [
      500,
      faults.serverError(500),
      'Token "Refused" was not created: Vercel had a server error (HTTP 500): An unexpected internal error occurred. Nothing was changed; try again later.',
    ],
  ] as const) {
    it(`a ${status} from Vercel: one POST, nothing stored, nothing listed, the error shown`, async () => {
      const profile = services.session.profile;
      assert.ok(profile);
      const storedBefore = [...(await services.store.storedTokenIds(profile.userId))].sort();
      const idsBefore = rootIds(services);
      const tokensBefore = server.tokens().map((token) => token.id);
      const before = server.requests.length;
      server.fail({ method: 'POST', path: '/v3/user/tokens', ...action });

      assert.equal(await create({ name: 'Refused', expiry: 'never' }), undefined);
      await modelIdle(services);

      const sent = posts(before);
      assert.equal(sent.length, 1, 'a create is never retried');
      assert.equal(sent[0].status, status);
      assert.deepEqual(server.tokens().map((token) => token.id), tokensBefore);
      assert.deepEqual(rootIds(services), idsBefore);
      assert.ok(!services.model.tokens.some((token) => token.name === 'Refused'));
      assert.deepEqual([...(await services.store.storedTokenIds(profile.userId))].sort(), storedBefore);
      assert.deepEqual(messagesOf('error').map((m) => m.message), [expected]);
      assert.equal(services.session.signedIn, true);
      for (const value of allValues(server)) {
        for (const shown of messages) assert.ok(!shown.message.includes(value));
      }
    });
  }
});
