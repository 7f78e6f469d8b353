// Any extension can run any command with any arguments. These run the commands as another
// extension would (the registered command, not the test API) and check that nothing happens
// without the user.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, waitFor, withExtension } from '../support/harness';

describe('Commands act only for the user', () => {
  test('copyToken(id) from another extension shows the picker (the id first) instead of copying', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const first = await h.create('First');
      await h.create('Second');
      const copied = h.runPublic('vercelTokens.copyToken', first.id);
      assert.equal(await copied, false, 'the picker was dismissed');
      assert.equal(fake.clipboardText, '', 'nothing was copied');
      assert.equal(fake.quickPicks.length, 1, 'the picker was shown');
      assert.deepEqual(
        (fake.quickPicks[0].items as { detail: string }[]).map((item) => item.detail)[0],
        first.id,
        'the id given pre-selects its token (first in the picker)',
      );
    });
  });

  test('a node-shaped object that this tree did not hand out counts as no argument', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      assert.equal(await h.runPublic('vercelTokens.copyToken', { kind: 'token', tokenId: mine.id, userId: h.userId }), false);
      assert.equal(fake.clipboardText, '');
      assert.equal(fake.quickPicks.length, 1, 'asked exactly as from the palette');
    });
  });

  test("the tree's own node is acted on directly", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      assert.equal(await h.runPublic('vercelTokens.copyToken', (await h.row('Mine')).element), true);
      assert.equal(fake.clipboardText, mine.value);
      assert.equal(fake.quickPicks.length, 0);
    });
  });

  test('deleteToken(id, { confirmed: true }) still asks in the modal; dismissed, nothing is deleted', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const doomed = await h.create('Doomed');
      fake.answerQuickPick((items) => items[0]);
      assert.equal(await h.runPublic('vercelTokens.deleteToken', doomed.id, { confirmed: true }), false);
      assert.ok(fake.messages.some((m) => m.message === 'Delete the Vercel token "Doomed"?' && m.options?.modal), 'the modal was shown');
      assert.equal(h.requestsTo('DELETE', /\/v3\/user\/tokens\//).length, 0, 'no DELETE was sent');
      assert.ok(h.server.valueOf(doomed.id));
    });
  });

  test('createToken({ name, expiry: "never" }) shows the boxes; dismissed, nothing is created', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const created = h.runPublic('vercelTokens.createToken', { name: 'Silent', expiry: 'never' });
      const box = await fake.nextInputBox();
      assert.equal(box.title, 'Create Vercel Auth Token');
      assert.equal(box.value, '', 'the name from the argument is not used');
      box.hide();
      assert.equal(await created, undefined);
      assert.equal(h.requestsTo('POST', /\/v3\/user\/tokens/).length, 0, 'no token was created');
    });
  });

  test('signIn(token) shows the masked box and sends nothing; the token argument is ignored', async () => {
    await withExtension({}, async (h) => {
      const signingIn = h.runPublic('vercelTokens.signIn', h.server.accountToken);
      const box = await fake.nextInputBox();
      assert.equal(box.password, true);
      assert.equal(box.value, '');
      box.hide();
      assert.equal(await signingIn, false);
      assert.equal(h.server.requests.length, 0, 'nothing was sent to Vercel');
      assert.equal(h.secrets.data.size, 0);
    });
  });
});

describe('Create Auth Token while signed out', () => {
  test('is in the palette from the first moment', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { menus: { commandPalette: { command: string; when?: string }[] } };
    };
    const entry = manifest.contributes.menus.commandPalette.find((item) => item.command === 'vercelTokens.createToken');
    assert.ok(!entry || entry.when === undefined || entry.when === 'true', `no 'when' hides it: ${JSON.stringify(entry)}`);
  });

  test('signs in first, then goes on into the create', async () => {
    await withExtension({}, async (h) => {
      const created = h.runPublic<{ tokenId: string } | undefined>('vercelTokens.createToken');
      const signInBox = await fake.nextInputBox();
      assert.equal(signInBox.title, 'Sign In to Vercel');
      signInBox.type(h.server.accountToken).enter();
      const name = await fake.nextInputBox();
      assert.equal(name.title, 'Create Vercel Auth Token');
      name.type('First token').enter();
      (await fake.nextInputBox()).type('never').enter();
      const result = await created;
      assert.ok(result, 'the token was created');
      await waitFor(() => h.server.tokens().some((token) => token.name === 'First token'), 'the token on Vercel');
      assert.equal(h.secrets.data.get(`value:${result.tokenId}`), h.server.valueOf(result.tokenId));
    });
  });
});
