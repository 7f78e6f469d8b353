import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keychain } from '../../../src/core/keychain';
import { Logger } from '../../../src/log';
import { FakeSecretStorage } from '../support/fakes';
import { fake, FakeLogOutputChannel } from '../support/vscode';
import { delay, withExtension } from '../support/harness';

const VALUE = 'vcp_Abcdefghijklmnopqrstuvwx';

function setup(secrets = new FakeSecretStorage()) {
  fake.reset();
  const channel = new FakeLogOutputChannel('test');
  const log = new Logger(channel);
  const store = new Keychain(secrets, log);
  let changes = 0;
  store.onDidChangeAccounts(() => changes++);
  store.onDidChangeStoredValues(() => changes++);
  return { secrets, channel, log, store, changes: () => changes };
}

const tick = () => delay(5);

describe('Keychain', () => {
  test('stores a value, then reads it back and lists it in the index of its user', async () => {
    const { secrets, store } = setup();
    const result = await store.storeTokenValue('user1', 'tok_1', VALUE);
    assert.deepEqual(result, { stored: true });
    assert.equal(secrets.data.get('value:tok_1'), VALUE);
    assert.deepEqual(JSON.parse(secrets.data.get('index:user1') ?? 'null'), ['tok_1']);
    const order = secrets.calls.map((call) => `${call.op} ${call.key}`);
    const stored = order.indexOf('store value:tok_1');
    const readBack = order.indexOf('get value:tok_1');
    const indexed = order.indexOf('store index:user1');
    assert.ok(stored >= 0 && readBack > stored && indexed > stored, `store, then read back and index: ${order.join(', ')}`);
    assert.equal(await store.getTokenValue('tok_1'), VALUE);
    assert.deepEqual([...(await store.storedTokenIds('user1'))], ['tok_1']);
  });

  test('the write, the read-back and the index write are issued together: one round trip to the keychain, not three', async () => {
    // A keychain like VS Code's: each call answers a few ms later, one after another, in call order.
    const secrets = new FakeSecretStorage();
    const events: string[] = [];
    let queue = Promise.resolve();
    const slow = <T>(name: string, run: () => Promise<T>): Promise<T> => {
      events.push(`start ${name}`);
      const result = queue.then(() => new Promise((resolve) => setTimeout(resolve, 3))).then(run);
      queue = result.then(() => events.push(`end ${name}`)).then(undefined, () => undefined);
      return result;
    };
    const ordered = {
      onDidChange: secrets.onDidChange,
      get: (key: string) => slow(`get ${key}`, () => secrets.get(key)),
      store: (key: string, value: string) => slow(`store ${key}`, () => secrets.store(key, value)),
      delete: (key: string) => slow(`delete ${key}`, () => secrets.delete(key)),
      keys: () => secrets.keys(),
    };
    const { store } = setup(ordered as unknown as FakeSecretStorage);
    await store.storedTokenIds('user1'); // the index is cached, as after sign-in
    events.length = 0;
    assert.deepEqual(await store.storeTokenValue('user1', 'tok_1', VALUE), { stored: true });
    assert.deepEqual(events.slice(0, 6), [
      'start store value:tok_1',
      'start get value:tok_1',
      'start store index:user1',
      'end store value:tok_1',
      'end get value:tok_1',
      'end store index:user1',
    ]);
    // SecretStorage reports this window's own index write too; the keychain reads the index to
    // compare it with what it wrote (it no longer counts echoes), and writes nothing more.
    assert.deepEqual(events.slice(6), ['start get index:user1']);
  });

  test('a keychain that answers the read-back before the write is asked once more, in order, and the value counts as stored', async () => {
    const { secrets, store } = setup();
    let reads = 0;
    secrets.mangleReads((key, value) => (key === 'value:tok_1' && reads++ === 0 ? undefined : value));
    assert.deepEqual(await store.storeTokenValue('user1', 'tok_1', VALUE), { stored: true });
    assert.equal(reads, 2, 'read back twice');
    assert.equal(secrets.data.get('value:tok_1'), VALUE);
    assert.deepEqual(JSON.parse(secrets.data.get('index:user1') ?? 'null'), ['tok_1']);
  });

  test('a read-back that differs from what was written is reported as not stored and not indexed', async () => {
    const { secrets, store } = setup();
    secrets.mangleReads((key, value) => (key.startsWith('value:') && value ? value.slice(0, -1) : value));
    const result = await store.storeTokenValue('user1', 'tok_1', VALUE);
    assert.equal(result.stored, false);
    assert.match((result as { reason: string }).reason, /read back .* did not match/);
    assert.deepEqual(JSON.parse(secrets.data.get('index:user1') ?? '[]'), [], 'the index does not list it');
    assert.equal(secrets.data.has('value:tok_1'), false, 'the value is removed');
    assert.deepEqual([...(await store.storedTokenIds('user1'))], []);
  });

  test('a store that throws is reported as not stored, with the reason, and nothing is thrown', async () => {
    const { secrets, store, channel } = setup();
    secrets.failStore(new Error('The keyring is locked'));
    const result = await store.storeTokenValue('user1', 'tok_1', VALUE);
    assert.deepEqual(result, { stored: false, reason: 'The keyring is locked' });
    assert.equal(secrets.data.size, 0);
    // The value and the index entry were both refused (they are written together); the index entry is not left behind.
    assert.deepEqual(channel.linesAt('error'), [
      'Could not write to the keychain: Error: The keyring is locked',
      'Could not write to the keychain: Error: The keyring is locked',
    ]);
    const account = await store.writeAccount({ userId: 'user1', username: 'tester', tokenId: 'tok_account', token: VALUE });
    assert.deepEqual(account, { stored: false, reason: 'The keyring is locked' });
  });

  test('a keychain error that quotes the value is redacted in the reason and the log', async () => {
    const { secrets, store, log, channel } = setup();
    log.addSecret(VALUE);
    secrets.failStore((key, value) => new Error(`cannot save ${key}=${value}`));
    const result = await store.storeTokenValue('user1', 'tok_1', VALUE);
    assert.equal(result.stored, false);
    const reason = (result as { reason: string }).reason;
    assert.equal(reason.includes(VALUE), false, reason);
    assert.match(reason, /cannot save value:tok_1=\[redacted\]/);
    assert.equal(channel.text.includes(VALUE), false, channel.text);
  });

  test('a get that throws reads as undefined: reads never throw', async () => {
    const { secrets, store, channel } = setup();
    secrets.data.set('accounts', '["user1"]');
    secrets.data.set('account:user1', JSON.stringify({ userId: 'user1', username: 'tester', tokenId: 'tok_account', token: VALUE }));
    secrets.data.set('value:tok_1', VALUE);
    secrets.data.set('index:user1', '["tok_1"]');
    secrets.failGet(new Error('No keyring daemon'));
    assert.deepEqual(await store.readAccounts(), { error: 'No keyring daemon' });
    assert.equal(await store.getTokenValue('tok_1'), undefined);
    assert.deepEqual([...(await store.storedTokenIds('user1'))], []);
    assert.deepEqual(channel.linesAt('error'), [
      'Could not read the list of accounts from the keychain: Error: No keyring daemon',
      'Could not read a token value from the keychain: Error: No keyring daemon',
      'Could not read the list of stored values from the keychain: Error: No keyring daemon',
    ]);
  });

  test('keeps one index per user', async () => {
    const { secrets, store } = setup();
    await store.storeTokenValue('alice', 'tok_a1', `${VALUE}1`);
    await store.storeTokenValue('bob', 'tok_b1', `${VALUE}2`);
    await store.storeTokenValue('alice', 'tok_a2', `${VALUE}3`);
    assert.deepEqual(JSON.parse(secrets.data.get('index:alice') ?? ''), ['tok_a1', 'tok_a2']);
    assert.deepEqual(JSON.parse(secrets.data.get('index:bob') ?? ''), ['tok_b1']);
    assert.deepEqual([...(await store.storedTokenIds('alice'))].sort(), ['tok_a1', 'tok_a2']);
    assert.deepEqual([...(await store.storedTokenIds('bob'))], ['tok_b1']);
    await store.deleteTokenValues('alice', ['tok_a1']);
    assert.deepEqual(JSON.parse(secrets.data.get('index:alice') ?? ''), ['tok_a2']);
    assert.equal(secrets.data.has('value:tok_a1'), false);
    assert.deepEqual(JSON.parse(secrets.data.get('index:bob') ?? ''), ['tok_b1'], 'the other user is untouched');
  });

  test('forgetting several values deletes each and writes the index once', async () => {
    const { secrets, store } = setup();
    for (const id of ['tok_1', 'tok_2', 'tok_3']) await store.storeTokenValue('u', id, `${VALUE}${id}`);
    secrets.calls.length = 0;
    await store.deleteTokenValues('u', ['tok_1', 'tok_3']);
    const calls = secrets.calls.map((call) => `${call.op} ${call.key}`);
    assert.deepEqual(
      calls.filter((call) => !call.startsWith('get ')),
      ['delete value:tok_1', 'delete value:tok_3', 'store index:u'],
    );
    // The only reads: the index, to compare the echo of this window's own write with what it wrote.
    assert.deepEqual([...new Set(calls.filter((call) => call.startsWith('get ')))], ['get index:u']);
    assert.deepEqual(JSON.parse(secrets.data.get('index:u') ?? ''), ['tok_2']);
    assert.equal(secrets.data.get('value:tok_2'), `${VALUE}tok_2`);
  });

  test('two quick stores in one window both end up in the index', async () => {
    const { secrets, store } = setup();
    await Promise.all([store.storeTokenValue('u', 'tok_1', `${VALUE}1`), store.storeTokenValue('u', 'tok_2', `${VALUE}2`)]);
    assert.deepEqual(JSON.parse(secrets.data.get('index:u') ?? '').sort(), ['tok_1', 'tok_2']);
  });

  test('storedTokenIds reads SecretStorage once across many calls, and again only after another window changed the index', async () => {
    const { secrets, store, changes } = setup();
    secrets.data.set('index:u', '["tok_1"]');
    const results = await Promise.all(Array.from({ length: 5 }, () => store.storedTokenIds('u')));
    for (let i = 0; i < 5; i++) results.push(await store.storedTokenIds('u'));
    for (const ids of results) assert.deepEqual([...ids], ['tok_1']);
    assert.equal(secrets.countOf('get', 'index:u'), 1, 'one read for ten calls');

    // This window's own writes come back as change events too; they are not news.
    await store.storeTokenValue('u', 'tok_2', VALUE);
    await tick();
    assert.equal(changes(), 0, 'own write does not fire onDidChange');
    const readsAfterOwnWrite = secrets.countOf('get', 'index:u');
    assert.deepEqual([...(await store.storedTokenIds('u'))].sort(), ['tok_1', 'tok_2']);
    assert.equal(secrets.countOf('get', 'index:u'), readsAfterOwnWrite, 'served from the cache');

    await secrets.otherWindow.store('index:u', '["tok_1","tok_2","tok_3"]');
    await tick();
    assert.equal(changes(), 1, "another window's change fires onDidChange once");
    const readsAfterOther = secrets.countOf('get', 'index:u');
    assert.ok(readsAfterOther > readsAfterOwnWrite, 're-read after the other window wrote');
    assert.deepEqual([...(await store.storedTokenIds('u'))].sort(), ['tok_1', 'tok_2', 'tok_3']);
    await store.storedTokenIds('u');
    assert.equal(secrets.countOf('get', 'index:u'), readsAfterOther, 'cached again');

    // The same content written again by another window is no change.
    await secrets.otherWindow.store('index:u', '["tok_3","tok_2","tok_1"]');
    await tick();
    assert.equal(changes(), 1);
  });

  test('another window signing in or out fires onDidChange', async () => {
    const { secrets, changes } = setup();
    await secrets.otherWindow.store('account:user2', VALUE);
    await tick();
    assert.equal(changes(), 1);
    await secrets.otherWindow.delete('account:user2');
    await tick();
    assert.equal(changes(), 2);
  });

  test('a failed read of the index is not remembered as "nothing stored" and never shrinks the index', async () => {
    // Regression test; the bug it caught (src/secretStore.ts, since fixed): read() turns a failing get into undefined, storedTokenIds caches
    // that as an empty set, and updateIndex then writes [new id] over the user's whole index.
    const { secrets, store } = setup();
    secrets.data.set('index:u', '["tok_1","tok_2"]');
    secrets.data.set('value:tok_1', `${VALUE}1`);
    secrets.data.set('value:tok_2', `${VALUE}2`);
    secrets.failGet(new Error('keyring busy'), 'index:u');
    assert.deepEqual([...(await store.storedTokenIds('u'))], [], 'a failing read answers "none" for now');
    secrets.failGet(undefined);
    await store.storeTokenValue('u', 'tok_3', `${VALUE}3`);
    assert.deepEqual(
      JSON.parse(secrets.data.get('index:u') ?? '[]').sort(),
      ['tok_1', 'tok_2', 'tok_3'],
      'storing a third value keeps the two already listed',
    );
    assert.deepEqual([...(await store.storedTokenIds('u'))].sort(), ['tok_1', 'tok_2', 'tok_3']);
  });

  test('a value whose index entry could not be written is not reported as stored', async () => {
    // Regression test; the bug it caught (src/secretStore.ts, since fixed): updateIndex only logs a failed index write, so storeTokenValue says
    // { stored: true } although the next refresh will not know the value exists.
    const { secrets, store } = setup();
    secrets.failStore(new Error('quota exceeded'), /^index:/);
    const result = await store.storeTokenValue('u', 'tok_1', VALUE);
    const listed = (await store.storedTokenIds('u')).has('tok_1') && secrets.data.get('index:u')?.includes('tok_1') === true;
    assert.ok(!result.stored || listed, `reported ${JSON.stringify(result)} but index is ${secrets.data.get('index:u')}`);
  });

  test('dispose detaches from SecretStorage', async () => {
    const { secrets, store, changes } = setup();
    store.dispose();
    await secrets.otherWindow.store('accounts', '["user2"]');
    await tick();
    assert.equal(changes(), 0);
  });
});

describe('activation with a broken keychain', () => {
  test('activates, registers every command and stays signed out when SecretStorage.get throws', async () => {
    const secrets = new FakeSecretStorage();
    secrets.data.set('accounts', '["user1"]');
    secrets.data.set('account:user1', JSON.stringify({ userId: 'user1', username: 'tester', tokenId: 'tok_account', token: 'vcp_Storedaccounttoken0000000' }));
    secrets.failGet(new Error('Cannot unlock the keyring'));
    await withExtension({ secrets }, async (h) => {
      assert.deepEqual([...fake.commands.keys()].sort(), [
        'vercelTokens.addToEnvFile',
        'vercelTokens.copyToken',
        'vercelTokens.copyTokenId',
        'vercelTokens.createToken',
        'vercelTokens.deleteExpiredTokens',
        'vercelTokens.deleteToken',
        'vercelTokens.dontFlagTokensInFile',
        'vercelTokens.hideInactiveTokens',
        'vercelTokens.openLeakLocation',
        'vercelTokens.refresh',
        'vercelTokens.rotateToken',
        'vercelTokens.saveToGitHubSecret',
        'vercelTokens.selectTeam',
        'vercelTokens.showInactiveTokens',
        'vercelTokens.signIn',
        'vercelTokens.signOut',
        'vercelTokens.stopUsingInTerminals',
        'vercelTokens.useInTerminals',
      ]);
      assert.equal(fake.context.get('vercelTokens.signedIn'), false);
      assert.match(h.channel.linesAt('error').join('\n'), /Could not read the list of accounts from the keychain: Error: Cannot unlock the keyring/);
      assert.equal(h.treeView.message, 'The accounts could not be read from the keychain: Cannot unlock the keyring');
      assert.equal(h.server.requests.length, 0, 'nothing sent without an account');
      // The extension still works once the keychain answers again.
      secrets.failGet(undefined);
      await h.signIn();
      assert.equal(fake.context.get('vercelTokens.signedIn'), true);
    });
  });
});
