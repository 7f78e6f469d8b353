// Several Vercel accounts in one window: the tree, Create, Sign Out and the status bar.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, withExtension, type Harness } from '../support/harness';

/** Signs in the stand-in's default user (tester), then a second user (work); returns work's ids. */
async function twoAccounts(h: Harness) {
  await h.signIn();
  const work = h.server.addUser({ username: 'work' });
  const issued = h.server.issueToken({ kind: 'full', userId: work.id, name: 'work account token' });
  h.server.addToken({ name: 'Work deploys', userId: work.id });
  await h.signIn(issued.value);
  return { work, workToken: issued };
}

const statusText = () => fake.statusBarItems.find((item) => item.id === 'vercelTokens.account')?.text;

describe('Several accounts', () => {
  test('with two accounts each is a root row (username, expanded) with its own tokens under it', async () => {
    await withExtension({}, async (h) => {
      const { work } = await twoAccounts(h);
      const roots = await h.rows();
      assert.deepEqual(
        roots.map((row) => [row.label, row.id, row.collapsible, row.contextValue]),
        [
          ['work', `account/${work.id}`, 2, 'account'],
          ['tester', `account/${h.userId}`, 2, 'account'],
        ],
        'the one used last first; expanded at first',
      );
      const workTokens = (await h.children(roots[0])).map((row) => row.label);
      const testerTokens = (await h.children(roots[1])).map((row) => row.label);
      assert.deepEqual(workTokens.sort(), ['Work deploys', 'work account token']);
      assert.ok(testerTokens.includes('Stand-in account token'));
      assert.ok(!testerTokens.includes('Work deploys'), "one account's tokens never show under another");
      assert.equal(h.treeView.description, '2 accounts');
      assert.equal(statusText(), '$(account) work', 'the status bar names the account Create would use');
    });
  });

  test('Create run on an account node creates in that account; the status bar then names it', async () => {
    await withExtension({}, async (h) => {
      await twoAccounts(h);
      const tester = (await h.rows()).find((row) => row.label === 'tester')!;
      const created = h.runPublic<{ tokenId: string } | undefined>('vercelTokens.createToken', tester.element);
      (await fake.nextInputBox()).type('For tester').enter();
      (await fake.nextInputBox()).type('never').enter();
      const result = await created;
      assert.ok(result);
      assert.equal(fake.quickPicks.length, 0, 'no account picker: the node says which');
      assert.equal(h.server.ownerOf(result.tokenId), h.userId, 'made with that account');
      await h.settle();
      assert.equal(statusText(), '$(account) tester');
    });
  });

  test('from the palette, Create asks which account, the one used last first', async () => {
    await withExtension({}, async (h) => {
      const { work } = await twoAccounts(h);
      fake.answerQuickPick(() => undefined);
      assert.equal(await h.runPublic('vercelTokens.createToken'), undefined);
      const [pick] = fake.quickPicks;
      assert.equal((pick.options as { placeHolder: string }).placeHolder, 'Create the token in which Vercel account?');
      assert.deepEqual(
        (pick.items as { label: string; userId: string }[]).map((item) => [item.label, item.userId]),
        [
          ['$(account) work', work.id],
          ['$(account) tester', h.userId],
        ],
      );
    });
  });

  test('signing out of one account leaves the other; with one left the tree shows its tokens as roots', async () => {
    await withExtension({}, async (h) => {
      const { work } = await twoAccounts(h);
      const workRow = (await h.rows()).find((row) => row.label === 'work')!;
      assert.equal(await h.runPublic('vercelTokens.signOut', workRow.element), true);
      await h.settle();
      assert.equal(h.secrets.data.has(`account:${work.id}`), false);
      assert.ok(h.secrets.data.has(`account:${h.userId}`));
      const roots = await h.rows();
      assert.ok(roots.every((row) => row.id?.startsWith('token/')), roots.map((row) => row.id).join(', '));
      assert.ok(roots.some((row) => row.label === 'Stand-in account token'));
      assert.equal(h.treeView.description, 'tester');
    });
  });

  test("signing out offers to forget that account's stored values; dismissed, they are kept", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      fake.answerMessage(/^Signed out of Vercel/, 'Forget Stored Values');
      await h.runPublic('vercelTokens.signOut');
      await h.settle();
      const message = fake.messages.find((m) => m.message.startsWith('Signed out of Vercel'));
      assert.match(message?.message ?? '', /The value of 1 token of this account is still stored in VS Code\.$/);
      assert.equal(h.secrets.data.has(`value:${mine.id}`), false, 'forgotten at the user\'s request');
    });
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      await h.runPublic('vercelTokens.signOut');
      await h.settle();
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value, 'dismissed: kept');
    });
  });

  test('each account is one keychain record; no profile in globalState', async () => {
    await withExtension({}, async (h) => {
      const { work, workToken } = await twoAccounts(h);
      assert.deepEqual(JSON.parse(h.secrets.data.get(`account:${work.id}`)!), {
        userId: work.id,
        username: 'work',
        tokenId: workToken.token.id,
        token: workToken.value,
      });
      assert.deepEqual(JSON.parse(h.secrets.data.get('accounts')!).sort(), [h.userId, work.id].sort());
      assert.ok(!JSON.stringify(h.context.globalState.data).includes('vcp_'));
    });
  });
});
