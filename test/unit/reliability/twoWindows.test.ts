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

  test('signs in with another account: this window adds it as a second account, from its record, and lists it with its token', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      const second = h.server.addUser({ username: 'second' });
      const secondValue = 'vcp_SecondAccountToken000000001';
      const secondToken = h.server.addToken({ name: 'Second account token', value: secondValue, userId: second.id });
      h.server.addToken({ name: 'Second account CI', userId: second.id });
      const before = h.server.requests.length;
      // The other window's sign-in: the record (checked there), then the list of accounts.
      const record = { userId: second.id, username: 'second', tokenId: secondToken.id, token: secondValue };
      await h.secrets.otherWindow.store(h.accountKey(second.id), JSON.stringify(record));
      await h.secrets.otherWindow.store('accounts', JSON.stringify([h.userId, second.id]));
      await waitFor(() => h.treeView.description === '2 accounts', 'the second account');
      await h.settle();
      const after = h.server.requests.slice(before);
      assert.ok(!after.some((request) => request.path === '/v2/user'), 'the record says who it is: no "who am I" here');
      const second4 = `Bearer ${secondValue.slice(0, 4)}…${secondValue.slice(-4)}`;
      const secondLists = after.filter((request) => request.path === '/v6/user/tokens' && request.headers.authorization === second4);
      assert.ok(secondLists.length > 0, "the second account's list is read with its own token");
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value, "the first account's stored value is kept");
      const roots = await h.rows();
      assert.deepEqual(roots.map((row) => row.label), ['tester', 'second'], 'one root per account');
      const secondRows = await h.children(roots[1]);
      assert.deepEqual(secondRows.map((row) => row.label).sort(), ['Second account CI', 'Second account token']);
      assert.equal(secondRows.find((row) => row.label === 'Second account token')?.description, 'no expiry · signed in with this');
      assert.ok((await h.children(roots[0])).some((row) => row.label === 'Mine'));
      assert.equal(fake.context.get('vercelTokens.signedIn'), true);
    });
  });

  test('signs out: this window is signed out too, without a message', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      await h.create('Mine');
      fake.messages.length = 0;
      // The other window's sign-out: out of the list, then the record deleted.
      await h.secrets.otherWindow.store('accounts', '[]');
      await h.secrets.otherWindow.delete(h.accountKey());
      await waitFor(() => fake.context.get('vercelTokens.signedIn') === false, 'signed out');
      await h.settle();
      assert.deepEqual(await h.rows(), []);
      assert.deepEqual(fake.messages, [], 'no modal, no notification, no error');
    });
  });

  test('signs out of one of two accounts: this window drops that one and keeps the other', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const work = h.server.addUser({ username: 'work' });
      const workToken = h.server.issueToken({ kind: 'full', userId: work.id });
      await h.signIn(workToken.value);
      assert.equal(h.treeView.description, '2 accounts');
      fake.messages.length = 0;
      await h.secrets.otherWindow.store('accounts', JSON.stringify([h.userId]));
      await h.secrets.otherWindow.delete(h.accountKey(work.id));
      await waitFor(() => h.treeView.description === 'tester', 'one account left');
      await h.settle();
      // With one account the tree looks as before accounts: its tokens are the roots.
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Stand-in account token']);
      assert.equal(fake.context.get('vercelTokens.signedIn'), true);
      assert.deepEqual(fake.messages, []);
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
