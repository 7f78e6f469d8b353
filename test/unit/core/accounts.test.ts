import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, world } from './support';

describe('core: accounts', () => {
  test('each account is one keychain record (token and profile together) plus one list of accounts', async () => {
    const w = world();
    const window = w.openWindow();
    await window.signIn(w.alice.accountToken);
    await window.signIn(w.bob.accountToken);
    assert.deepEqual(JSON.parse(w.secrets.data.get('accounts')!), ['user_alice', 'user_bob']);
    assert.deepEqual(JSON.parse(w.secrets.data.get('account:user_alice')!), {
      userId: 'user_alice',
      username: 'alice',
      tokenId: w.alice.accountTokenId,
      token: w.alice.accountToken,
    });
    assert.equal(JSON.parse(w.secrets.data.get('account:user_bob')!).token, w.bob.accountToken);
    assert.deepEqual(window.accounts.all.map((account) => account.username), ['bob', 'alice'], 'the one used last first');
    assert.equal(window.accounts.current?.username, 'bob');
    assert.ok(!JSON.stringify(window.memento.data).includes('vcp_'), 'no token in globalState');
    w.close();
  });

  test('signing in again with another token of the same account replaces that account, not adds one', async () => {
    const w = world();
    const window = w.openWindow();
    await window.signIn(w.alice.accountToken);
    const second = w.vercel.addToken('user_alice', 'second');
    const outcome = await window.accounts.signIn(w.vercel.valueOf(second.id)!);
    assert.equal(outcome.kind, 'signedIn');
    assert.equal(outcome.kind === 'signedIn' && outcome.replaced, true);
    assert.equal(window.accounts.all.length, 1);
    assert.equal(window.accounts.get('user_alice')?.tokenId, second.id);
    assert.equal(JSON.parse(w.secrets.data.get('account:user_alice')!).token, w.vercel.valueOf(second.id));
    w.close();
  });

  test('signing out of one account leaves the other and its record untouched', async () => {
    const w = world();
    const window = w.openWindow();
    await window.signIn(w.alice.accountToken);
    await window.signIn(w.bob.accountToken);
    await window.accounts.signOut('user_bob');
    assert.deepEqual(window.accounts.all.map((account) => account.username), ['alice']);
    assert.equal(w.secrets.data.has('account:user_bob'), false);
    assert.equal(JSON.parse(w.secrets.data.get('account:user_alice')!).token, w.alice.accountToken);
    assert.deepEqual(JSON.parse(w.secrets.data.get('accounts')!), ['user_alice']);
    w.close();
  });

  test('another window signing in to a second account adds it here, and never pairs it with the first profile', async () => {
    const w = world();
    const first = w.openWindow();
    const second = w.openWindow();
    await first.signIn(w.alice.accountToken);
    await second.accounts.restore();
    await settle();
    assert.deepEqual(second.accounts.all.map((account) => account.username), ['alice']);
    await second.signIn(w.bob.accountToken);
    await settle();
    const seen = first.accounts.all.map((account) => [account.username, account.tokenId]).sort();
    assert.deepEqual(seen, [
      ['alice', w.alice.accountTokenId],
      ['bob', w.bob.accountTokenId],
    ]);
    // Each account's client uses that account's own token.
    assert.equal((await first.accounts.client('user_bob').getUser()).username, 'bob');
    assert.equal((await first.accounts.client('user_alice').getUser()).username, 'alice');
    w.close();
  });

  test('a rejected token is never stored', async () => {
    const w = world();
    const window = w.openWindow();
    const outcome = await window.accounts.signIn('vcp_notarealtoken0000000000');
    assert.equal(outcome.kind, 'rejected');
    assert.equal(w.secrets.data.size, 0);
    w.close();
  });

  test('a keychain that refuses the record: not signed in, nothing half-written', async () => {
    const w = world();
    const window = w.openWindow();
    w.secrets.failStore = (key) => key === 'accounts';
    const outcome = await window.accounts.signIn(w.alice.accountToken);
    assert.equal(outcome.kind, 'notStored');
    assert.equal(window.accounts.signedIn, false);
    assert.equal(w.secrets.data.has('account:user_alice'), false, 'the record is taken back when the list cannot be written');
    w.close();
  });

  test('the single account of an earlier version becomes the first account', async () => {
    const w = world();
    w.secrets.data.set('account', w.alice.accountToken);
    const window = w.openWindow();
    await window.memento.update('vercelTokens.profile', { userId: 'user_alice', username: 'alice', tokenId: w.alice.accountTokenId });
    await window.memento.update('vercelTokens.team', { id: 'team_1', slug: 'acme' });
    await window.accounts.restore();
    assert.deepEqual(window.accounts.all, [{ userId: 'user_alice', username: 'alice', tokenId: w.alice.accountTokenId }]);
    assert.equal(window.accounts.team('user_alice')?.slug, 'acme');
    assert.equal(w.secrets.data.has('account'), false);
    assert.equal(window.memento.get('vercelTokens.profile'), undefined);
    assert.equal(w.vercel.requests.length, 0, 'the cached profile is trusted: no request');
    w.close();
  });
});
