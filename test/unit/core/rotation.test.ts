import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, world } from './support';

const DAY = 24 * 60 * 60 * 1000;

async function withToken(expiresInDays?: number, teamId?: string) {
  const w = world();
  const window = w.openWindow();
  const userId = await window.signIn(w.alice.accountToken);
  const created = await window.tokens.create(userId, {
    name: 'CI deploys',
    expiresAt: expiresInDays === undefined ? undefined : w.clock.now() + expiresInDays * DAY,
    team: teamId ? { id: teamId, slug: 'acme' } : null,
  });
  assert.equal(created.kind, 'createdAndStored');
  const old = created.kind === 'createdAndStored' ? created.token : assert.fail();
  await window.lists.get(userId)!.refresh();
  return { w, window, userId, old };
}

describe('core: rotation', () => {
  test('a replacement with the same name, scope and lifetime, stored; then the old token deleted and forgotten', async () => {
    const { w, window, userId, old } = await withToken(30, 'team_acme');
    await w.clock.advance(10 * DAY);
    // The selected team changed since: the replacement keeps the old token's scope all the same.
    await window.accounts.selectTeam(userId, { id: 'team_other', slug: 'other' });
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'rotated');
    const replacement = outcome.kind === 'rotated' ? outcome.replacement : assert.fail();
    assert.equal(replacement.name, 'CI deploys');
    assert.equal(w.vercel.creates.at(-1)?.teamId, 'team_acme');
    assert.equal(replacement.expiresAt, w.clock.now() + 30 * DAY, 'the old lifetime, counted from now');
    assert.equal(w.secrets.data.get(`value:${replacement.id}`), w.vercel.valueOf(replacement.id));
    assert.equal(w.vercel.has(old.id), false);
    assert.equal(w.secrets.data.has(`value:${old.id}`), false);
    w.close();
  });

  test('a token that never expires is replaced by one that never expires', async () => {
    const { w, window, userId, old } = await withToken(undefined);
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind === 'rotated' ? outcome.replacement.expiresAt : 'not rotated', undefined);
    w.close();
  });

  test('the create fails: the old token and its value are untouched', async () => {
    const { w, window, userId, old } = await withToken(30);
    w.vercel.createActsBeforeFault = false;
    w.vercel.faults.create = 'http500';
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'createUnknown');
    assert.ok(w.vercel.has(old.id));
    assert.ok(w.secrets.data.has(`value:${old.id}`));
    w.close();
  });

  test("the replacement's value cannot be stored: it is handed over, and the old token is kept", async () => {
    const { w, window, userId, old } = await withToken(30);
    w.secrets.failStore = (key) => key.startsWith('value:');
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'replacementNotStored');
    if (outcome.kind !== 'replacementNotStored') return;
    assert.equal(outcome.value, w.vercel.valueOf(outcome.replacement.id));
    assert.ok(w.vercel.has(old.id));
    assert.ok(w.secrets.data.has(`value:${old.id}`));
    w.close();
  });

  test("the delete of the old token gets no answer that says what happened: 'may have been deleted', and Retry finishes the rotation", async () => {
    const { w, window, userId, old } = await withToken(30);
    w.vercel.faults.delete = 'http500';
    w.vercel.faults.getToken = 'http500';
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'oldMaybeDeleted');
    if (outcome.kind !== 'oldMaybeDeleted') return;
    assert.ok(w.secrets.data.has(`value:${outcome.replacement.id}`));
    assert.ok(w.secrets.data.has(`value:${old.id}`), 'the old value is kept while its token may exist');
    // The fake carried the delete out before failing: Retry finds it gone.
    const retried = await window.rotation.deleteOld(userId, outcome.replacement, old);
    assert.equal(retried.kind, 'rotated');
    assert.equal(w.secrets.data.has(`value:${old.id}`), false);
    w.close();
  });

  test('the delete of the old token is refused: both exist, the new value is stored, the old one kept', async () => {
    const { w, window, userId, old } = await withToken(30);
    w.vercel.faults.delete = 'forbidden';
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'oldStillActive');
    if (outcome.kind !== 'oldStillActive') return;
    assert.ok(w.vercel.has(old.id));
    assert.ok(w.secrets.data.has(`value:${old.id}`));
    assert.ok(w.secrets.data.has(`value:${outcome.replacement.id}`));
    w.close();
  });

  test('cancelled once the replacement exists: it is stored, and the old token is kept for Retry', async () => {
    const { w, window, userId, old } = await withToken(30);
    const controller = new AbortController();
    const create = window.tokens.create.bind(window.tokens);
    window.tokens.create = async (...args) => {
      const outcome = await create(...args);
      controller.abort();
      return outcome;
    };
    const outcome = await window.rotation.rotate(userId, old, controller.signal);
    assert.equal(outcome.kind, 'oldStillActive');
    assert.ok(w.vercel.has(old.id), 'the old token is kept');
    if (outcome.kind === 'oldStillActive') assert.ok(w.secrets.data.has(`value:${outcome.replacement.id}`));
    w.close();
  });

  test('rotating the token the extension signs in with keeps the account signed in, with the replacement', async () => {
    const w = world();
    const window = w.openWindow();
    const userId = await window.signIn(w.alice.accountToken);
    await window.lists.get(userId)!.refresh();
    const old = window.lists.get(userId)!.token(w.alice.accountTokenId)!;
    const outcome = await window.rotation.rotate(userId, old);
    await settle();
    assert.equal(outcome.kind, 'rotated');
    const replacement = outcome.kind === 'rotated' ? outcome.replacement : assert.fail();
    assert.equal(window.accounts.signedIn, true);
    assert.equal(window.accounts.get(userId)?.tokenId, replacement.id);
    assert.equal(JSON.parse(w.secrets.data.get(`account:${userId}`)!).token, w.vercel.valueOf(replacement.id));
    assert.equal(w.vercel.has(old.id), false);
    w.close();
  });
});
