import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenMatcher } from '../../../src/core/tokenMatcher';
import { settle, world } from './support';

async function signedIn() {
  const w = world();
  const window = w.openWindow();
  const userId = await window.signIn(w.alice.accountToken);
  const created = await window.tokens.create(userId, { name: 'Stored here', team: null });
  const stored = created.kind === 'createdAndStored' ? created.token : assert.fail(created.kind);
  const elsewhere = w.vercel.addToken(userId, 'Made elsewhere');
  await window.lists.get(userId)!.refresh();
  const matcher = new TokenMatcher(window.accounts, window.keychain, window.lists);
  return { w, window, userId, stored, elsewhere, matcher };
}

const parts = (value: string) => [value, value.slice(0, 4), value.slice(-4)] as const;

describe('core: which token a string in a document is', () => {
  test('the exact stored value: that token, exact', async () => {
    const { w, userId, stored, matcher } = await signedIn();
    const match = await matcher.match(...parts(w.vercel.valueOf(stored.id)!));
    assert.deepEqual(match && { userId: match.userId, id: match.token.id, exact: match.exact }, { userId, id: stored.id, exact: true });
    matcher.dispose();
    w.close();
  });

  test('a value not stored here: matched by the prefix and suffix Vercel lists, not exact', async () => {
    const { w, elsewhere, matcher } = await signedIn();
    const match = await matcher.match(...parts(w.vercel.valueOf(elsewhere.id)!));
    assert.equal(match?.token.id, elsewhere.id);
    assert.equal(match?.exact, false);
    matcher.dispose();
    w.close();
  });

  test('an unknown value, or a suffix two tokens share: no match', async () => {
    const { w, window, userId, matcher } = await signedIn();
    assert.equal(await matcher.match('vcp_somebodyelsesvalue000000zzzz', 'vcp_', 'zzzz'), undefined);
    // Two tokens listed with the same last characters: four characters cannot tell them apart.
    const twin = w.vercel.addToken(userId, 'Twin');
    w.vercel.listSuffix(twin.id, 'zzzz');
    w.vercel.listSuffix(w.vercel.addToken(userId, 'Other twin').id, 'zzzz');
    await window.lists.get(userId)!.refresh();
    assert.equal(await matcher.match('vcp_notstoredanywhere00000zzzz', 'vcp_', 'zzzz'), undefined);
    matcher.dispose();
    w.close();
  });

  test('a value forgotten (its token deleted) no longer matches; the matcher says to look again', async () => {
    const { w, window, userId, stored, matcher } = await signedIn();
    const value = w.vercel.valueOf(stored.id)!;
    assert.equal((await matcher.match(...parts(value)))?.exact, true);
    let changes = 0;
    matcher.onDidChange(() => changes++);
    await window.tokens.delete(userId, stored.id);
    await settle();
    assert.ok(changes > 0, 'no change announced');
    assert.equal(await matcher.match(...parts(value)), undefined);
    matcher.dispose();
    w.close();
  });

  test('a token created in this window after a first match: its value matches exactly', async () => {
    const { w, window, userId, stored, matcher } = await signedIn();
    assert.equal((await matcher.match(...parts(w.vercel.valueOf(stored.id)!)))?.exact, true);
    const created = await window.tokens.create(userId, { name: 'Made later', team: null });
    const later = created.kind === 'createdAndStored' ? created.token : assert.fail(created.kind);
    await settle();
    const match = await matcher.match(...parts(w.vercel.valueOf(later.id)!));
    assert.deepEqual(match && { id: match.token.id, exact: match.exact }, { id: later.id, exact: true });
    matcher.dispose();
    w.close();
  });

  test('signed out: nothing matches', async () => {
    const { w, window, userId, stored, matcher } = await signedIn();
    const value = w.vercel.valueOf(stored.id)!;
    await window.accounts.signOut(userId);
    await settle();
    assert.equal(await matcher.match(...parts(value)), undefined);
    matcher.dispose();
    w.close();
  });
});
