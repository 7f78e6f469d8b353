import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, world } from './support';

async function signedInWindow() {
  const w = world();
  const window = w.openWindow();
  const userId = await window.signIn(w.alice.accountToken);
  await window.lists.get(userId)!.refresh();
  return { w, window, userId };
}

describe('core: create', () => {
  test('created, stored and read back: the value is in the keychain and listed', async () => {
    const { w, window, userId } = await signedInWindow();
    const outcome = await window.tokens.create(userId, { name: 'CI' });
    assert.equal(outcome.kind, 'createdAndStored');
    const id = outcome.kind === 'createdAndStored' ? outcome.token.id : '';
    assert.equal(w.secrets.data.get(`value:${id}`), w.vercel.valueOf(id));
    assert.ok(window.lists.get(userId)!.isValueStored(id));
    assert.ok(window.keyStore.calls.includes(`get value:${id}`), 'read back');
    w.close();
  });

  test('a keychain that refuses the value: the outcome carries the value to the user', async () => {
    const { w, window, userId } = await signedInWindow();
    w.secrets.failStore = (key) => key.startsWith('value:');
    const outcome = await window.tokens.create(userId, { name: 'CI' });
    assert.equal(outcome.kind, 'createdNotStored');
    if (outcome.kind !== 'createdNotStored') return;
    assert.equal(outcome.value, w.vercel.valueOf(outcome.token.id));
    assert.match(outcome.reason, /keyring is locked/);
    assert.ok(window.lists.get(userId)!.isValueLost(outcome.token.id));
    w.close();
  });

  for (const fault of ['http500', 'http502', 'timeout', 'reset'] as const) {
    test(`${fault} after Vercel acted: outcome unknown, and reconciling finds the new token by id and name`, async () => {
      const { w, window, userId } = await signedInWindow();
      // A token of the same name made earlier is not the one this request made.
      const older = w.vercel.addToken(userId, 'CI');
      await window.lists.get(userId)!.refresh();
      w.vercel.faults.create = fault;
      const outcome = await window.tokens.create(userId, { name: 'CI' });
      assert.equal(outcome.kind, 'outcomeUnknown');
      if (outcome.kind !== 'outcomeUnknown') return;
      const found = await window.tokens.reconcileCreate(outcome.pending);
      assert.equal(found.kind, 'appeared');
      const appeared = found.kind === 'appeared' ? found.tokens.map((token) => token.id) : [];
      assert.equal(appeared.length, 1);
      assert.notEqual(appeared[0], older.id);
      assert.ok(w.vercel.has(appeared[0]), 'nothing is deleted by reconciling');
      w.close();
    });
  }

  test('a create that never reached Vercel: reconciling finds nothing', async () => {
    const { w, window, userId } = await signedInWindow();
    w.vercel.createActsBeforeFault = false;
    w.vercel.faults.create = 'timeout';
    const outcome = await window.tokens.create(userId, { name: 'CI' });
    assert.equal(outcome.kind, 'outcomeUnknown');
    if (outcome.kind !== 'outcomeUnknown') return;
    assert.deepEqual(await window.tokens.reconcileCreate(outcome.pending), { kind: 'absent' });
    w.close();
  });
});

describe('core: delete', () => {
  test('deleted: the stored value is forgotten and the row is gone', async () => {
    const { w, window, userId } = await signedInWindow();
    const created = await window.tokens.create(userId, { name: 'CI' });
    const id = created.kind === 'createdAndStored' ? created.token.id : '';
    const outcome = await window.tokens.delete(userId, id);
    assert.deepEqual(outcome, { kind: 'deleted', alreadyGone: false, signedOut: false });
    assert.equal(w.secrets.data.has(`value:${id}`), false);
    assert.equal(window.lists.get(userId)!.token(id), undefined);
    w.close();
  });

  test('the answer is lost but Vercel says 404 afterwards: deleted', async () => {
    const { w, window, userId } = await signedInWindow();
    const created = await window.tokens.create(userId, { name: 'CI' });
    const id = created.kind === 'createdAndStored' ? created.token.id : '';
    w.vercel.faults.delete = 'http502';
    const outcome = await window.tokens.delete(userId, id);
    assert.equal(outcome.kind, 'deleted');
    assert.ok(w.vercel.requests.includes(`GET /v5/user/tokens/${id}`));
    w.close();
  });

  test('the answer is lost and Vercel cannot say afterwards: outcome unknown, the value kept', async () => {
    const { w, window, userId } = await signedInWindow();
    const created = await window.tokens.create(userId, { name: 'CI' });
    const id = created.kind === 'createdAndStored' ? created.token.id : '';
    w.vercel.faults.delete = 'timeout';
    w.vercel.faults.getToken = 'http500';
    const outcome = await window.tokens.delete(userId, id);
    assert.equal(outcome.kind, 'outcomeUnknown');
    assert.ok(w.secrets.data.has(`value:${id}`), 'the value is kept while its token may exist');
    w.close();
  });

  test("deleting the account's own token signs that account out", async () => {
    const { w, window, userId } = await signedInWindow();
    const outcome = await window.tokens.delete(userId, w.alice.accountTokenId);
    assert.deepEqual(outcome, { kind: 'deleted', alreadyGone: false, signedOut: true });
    assert.equal(window.accounts.signedIn, false);
    w.close();
  });
});

describe('core: token list', () => {
  test('a list that leaves a stored token out does not forget its value; a token that is gone does', async () => {
    const { w, window, userId } = await signedInWindow();
    const list = window.lists.get(userId)!;
    const kept = await window.tokens.create(userId, { name: 'kept' });
    const gone = await window.tokens.create(userId, { name: 'gone' });
    const keptId = kept.kind === 'createdAndStored' ? kept.token.id : '';
    const goneId = gone.kind === 'createdAndStored' ? gone.token.id : '';
    // Deleted on Vercel by someone else; and a list that lags behind (leaves `kept` out).
    await w.vercel.client(w.alice.accountToken).deleteToken(goneId);
    w.vercel.omitFromList = new Set([keptId]);
    await list.refresh();
    await settle();
    assert.ok(w.secrets.data.has(`value:${keptId}`), 'left out of a list, still on Vercel: kept');
    assert.equal(w.secrets.data.has(`value:${goneId}`), false, 'Vercel answered 404: forgotten');
    assert.ok(w.vercel.requests.includes(`GET /v5/user/tokens/${keptId}`));
    w.close();
  });

  test('a failing check keeps the value', async () => {
    const { w, window, userId } = await signedInWindow();
    const created = await window.tokens.create(userId, { name: 'kept' });
    const id = created.kind === 'createdAndStored' ? created.token.id : '';
    w.vercel.omitFromList = new Set([id]);
    w.vercel.faults.getToken = 'http500';
    await window.lists.get(userId)!.refresh();
    await settle();
    assert.ok(w.secrets.data.has(`value:${id}`));
    w.close();
  });

  test('a token deleted while a list is loading stays deleted', async () => {
    const { w, window, userId } = await signedInWindow();
    const list = window.lists.get(userId)!;
    const created = await window.tokens.create(userId, { name: 'doomed' });
    const id = created.kind === 'createdAndStored' ? created.token.id : '';
    // The list is fetched (with the token still there), then the delete lands before the list does.
    const client = w.vercel.client(w.alice.accountToken);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = client.listTokens.bind(client);
    window.accounts.client = () => ({ ...client, listTokens: async () => { const tokens = await original(); await gate; return tokens; } });
    const loading = list.refresh();
    await settle();
    window.accounts.client = () => client;
    await window.tokens.delete(userId, id);
    release();
    await loading;
    assert.equal(list.token(id), undefined, 'no ghost row');
    w.close();
  });

  test('a refresh asked for during a load resolves only after a load that started after it', async () => {
    const { w, window, userId } = await signedInWindow();
    const list = window.lists.get(userId)!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const client = w.vercel.client(w.alice.accountToken);
    const original = client.listTokens.bind(client);
    let calls = 0;
    window.accounts.client = () => ({
      ...client,
      listTokens: async () => {
        calls++;
        const tokens = await original();
        if (calls === 1) await gate;
        return tokens;
      },
    });
    const first = list.refresh();
    await settle();
    const made = w.vercel.addToken(userId, 'made elsewhere');
    const second = list.refresh();
    release();
    await second;
    assert.ok(list.token(made.id), 'the second refresh shows a token made after the first load had fetched');
    await first;
    assert.equal(calls, 2);
    w.close();
  });
});
