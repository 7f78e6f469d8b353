// Two VS Code windows of one profile share SecretStorage; the other window's writes reach this one as
// SecretStorage.onDidChange (the fake's `otherWindow` writes the shared Map and fires the event, as
// VS Code does). Creating, deleting, signing in or out there updates this window; this window's own
// writes do not make it reload in a loop.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, waitFor, withExtension, type Harness } from '../support/harness';

const lists = (h: Harness) => h.requestsTo('GET', '/v6/user/tokens').length;
const indexKey = (h: Harness) => `index:${h.userId}`;

describe('another window', () => {
  test('creates a token: this window lists it, marked "value stored", and can copy it', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const before = lists(h);
      const value = 'vcp_CreatedInTheOtherWindow0001';
      const token = h.server.addToken({ name: 'From the other window', value });
      await h.secrets.otherWindow.store(`value:${token.id}`, value);
      await h.secrets.otherWindow.store(indexKey(h), JSON.stringify([token.id]));
      await waitFor(() => lists(h) > before, 'a new list');
      await h.settle();
      const row = await h.row('From the other window');
      assert.equal(row.description, 'no expiry · value stored');
      assert.equal(row.contextValue, 'token stored');
      assert.equal(await h.run('vercelTokens.copyToken', row.element), true);
      assert.equal(fake.clipboardText, value);
    });
  });

  test('deletes a token: this window drops the row and its value, and sends no DELETE itself', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const shared = await h.create('Shared');
      const other = await h.create('Other');
      assert.equal((await h.row('Shared')).description, 'no expiry · value stored');
      const before = lists(h);
      // The other window: DELETE on Vercel, then forgets the value and updates the index.
      await h.deleteOnVercel(shared.id);
      await h.secrets.otherWindow.delete(`value:${shared.id}`);
      await h.secrets.otherWindow.store(indexKey(h), JSON.stringify([other.id]));
      await waitFor(() => lists(h) > before, 'a new list');
      await h.settle();
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Other', 'Stand-in account token']);
      assert.equal(h.requestsTo('DELETE', /.*/).length, 1, 'only the other window deleted');
      assert.equal(h.secrets.data.has(`value:${shared.id}`), false);
      assert.equal(h.secrets.data.get(`value:${other.id}`), other.value);
    });
  });

  test('signs in with another account: this window checks who it is and lists that account', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      const second = h.server.addUser({ username: 'second' });
      const secondValue = 'vcp_SecondAccountToken000000001';
      h.server.addToken({ name: 'Second account token', value: secondValue, userId: second.id });
      h.server.addToken({ name: 'Second account CI', userId: second.id });
      const before = h.server.requests.length;
      await h.secrets.otherWindow.store('account', secondValue);
      await waitFor(() => h.treeView.description === 'second', 'the other account');
      await h.settle();
      const after = h.server.requests.slice(before);
      const checkAt = after.findIndex((request) => request.path === '/v2/user');
      assert.ok(checkAt >= 0, 'the new account is checked (GET /v2/user)');
      assert.equal(after[checkAt + 1]?.path, '/v5/user/tokens/current');
      const second4 = `Bearer ${secondValue.slice(0, 4)}…${secondValue.slice(-4)}`;
      assert.ok(
        after.slice(checkAt).every((request) => request.headers.authorization === second4),
        'from the check on, every request is made with the new account token',
      );
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value, "the first account's stored value is kept");
      assert.deepEqual(
        (await h.rows()).map((row) => row.label).sort(),
        ['Second account CI', 'Second account token'],
      );
      assert.equal((await h.row('Second account token')).description, 'no expiry · signed in with this');
      assert.equal(fake.context.get('vercelTokens.signedIn'), true);
    });
  });

  test('signs out: this window is signed out too, without an error', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      await h.create('Mine');
      await h.secrets.otherWindow.delete('account');
      await waitFor(() => fake.context.get('vercelTokens.signedIn') === false, 'signed out');
      await h.settle();
      assert.deepEqual(await h.rows(), []);
      assert.deepEqual(fake.messagesOf('error'), []);
    });
  });

  test("this window's own create and delete do not make it list again and again", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const before = lists(h);
      const mine = await h.create('Mine');
      await h.run('vercelTokens.deleteToken', mine.id, { confirmed: true });
      await h.settle(150);
      assert.ok(lists(h) - before <= 1, `listed ${lists(h) - before} times for one create and one delete`);
    });
  });
});
