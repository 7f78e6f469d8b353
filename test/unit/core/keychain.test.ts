import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, world } from './support';

describe('core: stored values across windows', () => {
  test('two windows creating at the same time both keep their values listed as stored', async () => {
    const w = world();
    const first = w.openWindow();
    const second = w.openWindow();
    await first.signIn(w.alice.accountToken);
    await second.accounts.restore();
    const a = w.vercel.addToken('user_alice', 'a').id;
    const b = w.vercel.addToken('user_alice', 'b').id;
    // Both windows have read the (empty) index before either writes.
    assert.equal((await first.keychain.storedTokenIds('user_alice')).size, 0);
    assert.equal((await second.keychain.storedTokenIds('user_alice')).size, 0);
    const results = await Promise.all([
      first.keychain.storeTokenValue('user_alice', a, 'vcp_valueAAAAAAAAAAAAAAAA'),
      second.keychain.storeTokenValue('user_alice', b, 'vcp_valueBBBBBBBBBBBBBBBB'),
    ]);
    assert.deepEqual(results, [{ stored: true }, { stored: true }]);
    await settle();
    const both = [a, b].sort();
    assert.deepEqual(JSON.parse(w.secrets.data.get('index:user_alice')!).sort(), both, 'the stored index lists both');
    assert.deepEqual([...(await first.keychain.storedTokenIds('user_alice'))].sort(), both);
    assert.deepEqual([...(await second.keychain.storedTokenIds('user_alice'))].sort(), both);
    w.close();
  });

  test('a value another window forgot is not brought back by this window', async () => {
    const w = world();
    const first = w.openWindow();
    const second = w.openWindow();
    await first.signIn(w.alice.accountToken);
    const a = w.vercel.addToken('user_alice', 'a').id;
    await first.keychain.storeTokenValue('user_alice', a, 'vcp_valueAAAAAAAAAAAAAAAA');
    await settle();
    assert.deepEqual([...(await second.keychain.storedTokenIds('user_alice'))], [a]);
    await second.keychain.deleteTokenValues('user_alice', [a]);
    await settle();
    assert.deepEqual(JSON.parse(w.secrets.data.get('index:user_alice')!), []);
    assert.deepEqual([...(await first.keychain.storedTokenIds('user_alice'))], []);
    assert.equal(w.secrets.data.has(`value:${a}`), false);
    w.close();
  });

  test('a value that does not read back is not stored, and is not listed', async () => {
    const w = world();
    const window = w.openWindow();
    w.secrets.failStore = (key) => key.startsWith('value:');
    const result = await window.keychain.storeTokenValue('user_alice', 'tok_a', 'vcp_valueAAAAAAAAAAAAAAAA');
    assert.equal(result.stored, false);
    assert.deepEqual([...(await window.keychain.storedTokenIds('user_alice'))], []);
    w.close();
  });
});
