import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults, startFakeVercel } from '../../fake-vercel/server';
import { VirtualClock } from '../core/support';
import { fake, waitFor, withExtension } from '../support/harness';

const clipboardCountdown = () => fake.statusBarItems.find((item) => item.id === 'vercelTokens.clipboard' && !item.disposed);

describe('Copy', () => {
  test('Copy Token Value on a tree item puts the stored value on the clipboard; the status bar counts down to its clearing', async () => {
    // The countdown replaced the "Copied … to the clipboard" status message (vercelTokens.clipboardClearSeconds, default 60).
    await withExtension({ clock: new VirtualClock() }, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      const row = await h.row('Mine');
      const shownBefore = fake.statusBarMessages.length;
      assert.equal(await h.run('vercelTokens.copyToken', row.element), true);
      assert.equal(fake.clipboardText, mine.value);
      assert.deepEqual(fake.statusBarMessages.slice(shownBefore), [], 'no passing message: the countdown says it');
      assert.equal(clipboardCountdown()?.text, '$(clippy) Copied the value of "Mine": clipboard clears in 60 s');
      assert.equal(clipboardCountdown()?.visible, true);
      assert.ok(!(await h.visibleText()).some((text) => text.includes(mine.value)), 'the value itself is shown nowhere');
    });
  });

  test('with vercelTokens.clipboardClearSeconds 0 the value stays, and the status bar says it was copied', async () => {
    await withExtension({ settings: [['vercelTokens.clipboardClearSeconds', 0]] }, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      const shownBefore = fake.statusBarMessages.length;
      assert.equal(await h.run('vercelTokens.copyToken', (await h.row('Mine')).element), true);
      await h.settle();
      assert.equal(fake.clipboardText, mine.value, 'never cleared');
      assert.deepEqual(fake.statusBarMessages.slice(shownBefore).map((m) => m.text), ['$(check) Copied the value of "Mine" to the clipboard']);
      assert.equal(clipboardCountdown()?.visible ?? false, false, 'no countdown');
    });
  });

  test('from the palette, the quick pick offers only the tokens whose value is stored', async () => {
    await withExtension({}, async (h) => {
      h.server.addToken({ name: 'Made elsewhere' });
      await h.signIn();
      const first = await h.create('First');
      const second = await h.create('Second');
      fake.answerQuickPick((items) => items.find((item) => item.label === 'First'));
      assert.equal(await h.run('vercelTokens.copyToken'), true);
      const [pick] = fake.quickPicks;
      assert.deepEqual(
        (pick.items as { label: string; detail: string }[]).map((item) => [item.label, item.detail]),
        [
          ['Second', second.id],
          ['First', first.id],
        ],
      );
      assert.equal((pick.options as { placeHolder: string }).placeHolder, 'Copy the value of which token?');
      assert.equal(fake.clipboardText, first.value);
    });
  });

  test('a token without a stored value has nothing to copy', async () => {
    await withExtension({}, async (h) => {
      const other = h.server.addToken({ name: 'Made elsewhere' });
      await h.signIn();
      assert.equal(await h.run('vercelTokens.copyToken', other.id), false);
      assert.equal(fake.clipboardText, '');
      assert.equal(
        fake.messagesOf('error').at(-1)?.message,
        'No value of "Made elsewhere" is stored in VS Code. Vercel shows a value only once, when the token is created.',
      );
    });
  });

  test('Copy Token ID puts the id on the clipboard', async () => {
    await withExtension({}, async (h) => {
      const other = h.server.addToken({ name: 'Any' });
      await h.signIn();
      const row = await h.row('Any');
      assert.equal(await h.run('vercelTokens.copyTokenId', row.element), true);
      assert.equal(fake.clipboardText, other.id);
      assert.deepEqual(fake.statusBarMessages.map((m) => m.text), ['$(check) Copied the ID of "Any"']);
    });
  });
});

describe('Delete', () => {
  test('asks in a modal that names the token, sends DELETE, forgets the stored value', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const doomed = await h.create('Doomed');
      const kept = await h.create('Kept');
      fake.answerMessage('Delete the Vercel token', 'Delete');
      assert.equal(await h.run('vercelTokens.deleteToken', (await h.row('Doomed')).element), true);
      await h.settle();
      const modal = fake.messages.find((m) => m.message.startsWith('Delete the Vercel token'));
      assert.equal(modal?.message, 'Delete the Vercel token "Doomed"?');
      assert.equal(modal?.kind, 'warning');
      assert.equal(modal?.options?.modal, true);
      assert.equal(modal?.options?.detail, 'Anything using this token stops working at once. This cannot be undone.');
      assert.deepEqual(modal?.items, ['Delete']);
      assert.deepEqual(
        h.requestsTo('DELETE', /.*/).map((request) => [request.path, request.status]),
        [[`/v3/user/tokens/${doomed.id}`, 200]],
      );
      assert.equal(h.secrets.data.has(`value:${doomed.id}`), false);
      assert.deepEqual(h.storedIndex(), [kept.id]);
      assert.equal(h.secrets.data.get(`value:${kept.id}`), kept.value);
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Kept', 'Stand-in account token']);
      assert.equal(fake.statusBarMessages.at(-1)?.text, '$(trash) Deleted token "Doomed"');
      assert.ok(!fake.messagesOf('information').some((m) => m.message.startsWith('Deleted')), 'no notification left waiting');
    });
  });

  test('closing the modal deletes nothing', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      assert.equal(await h.run('vercelTokens.deleteToken', mine.id), false);
      assert.equal(h.requestsTo('DELETE', /.*/).length, 0);
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value);
    });
  });

  test('deleting the token the extension signs in with warns, then signs out', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const accountId = h.accountTokenId;
      fake.answerMessage('Delete the Vercel token', 'Delete');
      assert.equal(await h.run('vercelTokens.deleteToken', (await h.row('Stand-in account token')).element), true);
      await h.settle();
      const modal = fake.messages.find((m) => m.message.startsWith('Delete the Vercel token'));
      assert.match(modal?.options?.detail ?? '', /This is the token Vercel Tokens signs in with: you will be signed out afterwards/);
      assert.deepEqual(h.requestsTo('DELETE', /.*/).map((request) => request.path), [`/v3/user/tokens/${accountId}`]);
      assert.equal(h.storedAccount(), undefined, 'the account record is gone');
      assert.deepEqual(h.storedAccountIds(), []);
      assert.equal(fake.context.get('vercelTokens.signedIn'), false);
      assert.deepEqual(await h.rows(), []);
      assert.equal(
        fake.messagesOf('information').at(-1)?.message,
        'Deleted "Stand-in account token", the token this extension signed in with. You are signed out.',
      );
    });
  });

  test('404 means it is already gone once Vercel confirms it (GET of the id: 404): the stored value and the row are cleaned up', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const gone = await h.create('Gone');
      // Deleted on vercel.com: this window's list still shows it.
      await h.deleteOnVercel(gone.id);
      assert.equal(await h.run('vercelTokens.deleteToken', gone.id, { confirmed: true }), true);
      await h.settle();
      assert.deepEqual(h.requestsTo('DELETE', /.*/).map((request) => request.status), [200, 404], 'the website delete, then ours');
      assert.deepEqual(h.requestsTo('GET', `/v5/user/tokens/${gone.id}`).map((request) => request.status), [404], 'asked for the token itself');
      assert.deepEqual(h.storedValueKeys(), []);
      assert.deepEqual(h.storedIndex(), []);
      assert.equal((await h.rows()).some((row) => row.label === 'Gone'), false);
      assert.deepEqual(fake.messagesOf('error'), []);
      assert.ok(h.channel.linesAt('info').includes(`Token ${gone.id} was already gone on Vercel`));
    });
  });

  test('a 404 to the DELETE alone is not enough: the token is still there (GET of the id), so its value and row are kept', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.notFound('Token not found') });
      assert.equal(await h.run('vercelTokens.deleteToken', mine.id, { confirmed: true }), false);
      await h.settle();
      assert.deepEqual(h.requestsTo('GET', `/v5/user/tokens/${mine.id}`).map((request) => request.status), [200]);
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value, 'the value is kept');
      assert.ok(h.storedIndex().includes(mine.id));
      assert.equal((await h.row('Mine')).description, 'no expiry · value stored');
      assert.equal(
        fake.messagesOf('error').at(-1)?.message,
        'Token "Mine" was not deleted: the delete failed (Token not found) and Vercel still has the token afterwards. Its stored value is kept; try again later.',
      );
    });
  });

  test('another failure keeps everything and says why', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.serverError(500) });
      assert.equal(await h.run('vercelTokens.deleteToken', mine.id, { confirmed: true }), false);
      // A 5xx may come after Vercel acted: GET of the token settles it (still there: not deleted).
      assert.deepEqual(h.requestsTo('GET', `/v5/user/tokens/${mine.id}`).map((request) => request.status), [200]);
      assert.equal(
        fake.messagesOf('error').at(-1)?.message,
        'Token "Mine" was not deleted: the delete failed (An unexpected internal error occurred.) and Vercel still has the token afterwards. Its stored value is kept; try again later.',
      );
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value);
      assert.ok((await h.rows()).some((row) => row.label === 'Mine'));
    });
  });
});

describe('Refresh', () => {
  test('forgets stored values of tokens that no longer exist on Vercel', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const orphan = await h.create('Deleted on vercel.com');
      const kept = await h.create('Still there');
      // Deleted on the website, not through this extension.
      await h.deleteOnVercel(orphan.id);
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.equal(h.secrets.data.has(`value:${orphan.id}`), false);
      assert.deepEqual(h.storedIndex(), [kept.id]);
      assert.equal(h.secrets.data.get(`value:${kept.id}`), kept.value);
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Still there', 'Stand-in account token']);
      assert.ok(h.channel.linesAt('info').includes('Forgot 1 stored value(s) of tokens that no longer exist'));
    });
  });

  test("another window's SecretStorage change refreshes the list", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const lists = h.requestsTo('GET', '/v6/user/tokens').length;
      // The other window creates a token and stores its value in the shared SecretStorage.
      const value = 'vcp_OtherWindowValue0000000000';
      const token = h.server.addToken({ name: 'From the other window', value });
      await h.secrets.otherWindow.store(`value:${token.id}`, value);
      await h.secrets.otherWindow.store(`index:${h.userId}`, JSON.stringify([token.id]));
      await waitFor(() => h.requestsTo('GET', '/v6/user/tokens').length > lists, 'a new list request');
      await h.settle();
      const row = await h.row('From the other window');
      assert.equal(row.description, 'no expiry · value stored');
    });
  });

  test('another window signing out signs this one out too, without asking anything', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      fake.messages.length = 0;
      // The other window's sign-out: the account out of the list, then its record deleted.
      await h.secrets.otherWindow.store('accounts', '[]');
      await h.secrets.otherWindow.delete(h.accountKey());
      await waitFor(() => fake.context.get('vercelTokens.signedIn') === false, 'signed out');
      await h.settle();
      assert.deepEqual(await h.rows(), []);
      assert.deepEqual(fake.messages, [], 'no modal, no notification');
    });
  });

  test('403 invalidToken while refreshing signs out and offers Sign In', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.revoke(h.accountTokenId);
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.equal(fake.context.get('vercelTokens.signedIn'), false);
      assert.equal(h.storedAccount(), undefined, 'the refused token is forgotten');
      assert.deepEqual(h.storedAccountIds(), []);
      const warning = fake.messagesOf('warning').at(-1);
      assert.equal(
        warning?.message,
        'Vercel no longer accepts the token this extension signed in with (invalid, expired or revoked). You have been signed out.',
      );
      assert.deepEqual(warning?.items, ['Sign In']);
      assert.deepEqual(await h.rows(), []);
      assert.deepEqual(fake.messagesOf('error'), [], 'no second, generic error');
    });
  });

  test('a failing refresh keeps the last list and says it is stale', async () => {
    await withExtension({}, async (h) => {
      h.server.addToken({ name: 'Listed' });
      await h.signIn();
      const before = (await h.rows()).map((row) => row.label);
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.deepEqual((await h.rows()).map((row) => row.label), before);
      assert.match(
        h.treeView.message ?? '',
        /^Showing the list from \w{3}, \w{3} \d+, \d{4}, \d\d:\d\d: the refresh failed \(Vercel had a server error \(HTTP 500\): An unexpected internal error occurred\. Nothing was changed; try again later\.\)\.$/,
      );
      assert.equal(fake.context.get('vercelTokens.state'), 'ready');
      assert.match(fake.messagesOf('error').at(-1)?.message ?? '', /^Could not refresh the tokens: Vercel had a server error \(HTTP 500\)/);
      // The next good refresh clears the notice.
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.equal(h.treeView.message, undefined);
    });
  });

  test('a first load that fails shows the error state, whose welcome (Retry) no view message hides', async () => {
    await withExtension({}, async (h) => {
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
      await h.signIn();
      assert.equal(fake.context.get('vercelTokens.state'), 'error');
      // VS Code shows a view's welcome only while the view has no message.
      assert.equal(h.treeView.message, undefined);
    });
  });
});

describe('API URL setting', () => {
  test('a vercelTokens.apiUrl set only in workspace settings is ignored', async () => {
    const elsewhere = await startFakeVercel();
    try {
      await withExtension({ settings: [['vercelTokens.apiUrl', elsewhere.url, 'workspace']] }, async (h) => {
        await h.signIn();
        await h.create('Created');
        fake.setConfiguration('vercelTokens.apiUrl', `${elsewhere.url}/`, 'workspace');
        await h.run('vercelTokens.refresh');
        await h.settle();
        assert.deepEqual(elsewhere.requests, [], 'the workspace URL never received the token');
        assert.ok(h.server.requests.length >= 5);
      });
    } finally {
      await elsewhere.close();
    }
  });

  test('http:// to a non-loopback host is refused with a message and no request', async () => {
    await withExtension({ apiUrl: 'http://api.example.com' }, async (h) => {
      assert.equal(await h.run('vercelTokens.signIn', h.server.accountToken), false);
      await h.settle();
      const message = fake.messagesOf('error').at(-1)?.message ?? '';
      assert.match(message, /^Not signed in: The setting vercelTokens\.apiUrl is refused: Use https:\/\/ for this host/);
      assert.deepEqual(h.server.requests, []);
      assert.equal(h.secrets.countOf('store'), 0, 'nothing stored');
    });
  });

  test('switching the setting to a refused URL while signed in stops all requests and says why', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const sent = h.server.requests.length;
      fake.setConfiguration('vercelTokens.apiUrl', 'http://10.0.0.1:8080', 'global');
      await h.settle();
      assert.equal(h.server.requests.length, sent);
      assert.match(h.treeView.message ?? '', /the refresh failed \(The setting vercelTokens\.apiUrl is refused: Use https:\/\//);
      assert.equal(await h.run('vercelTokens.createToken', { name: 'x', expiry: 'never' }), undefined);
      assert.equal(h.server.requests.length, sent);
      assert.match(fake.messagesOf('error').at(-1)?.message ?? '', /^Token "x" was not created: The setting vercelTokens\.apiUrl is refused/);
    });
  });
});

describe('Open Leak Location', () => {
  test('opens https links only; other schemes are refused', async () => {
    await withExtension({}, async (h) => {
      const web = h.server.addToken({ name: 'Web' });
      h.server.markLeaked(web.id, 'https://github.com/acme/app/blob/main/.env');
      const command = h.server.addToken({ name: 'Command' });
      h.server.markLeaked(command.id, 'command:workbench.action.terminal.new');
      const file = h.server.addToken({ name: 'File' });
      h.server.markLeaked(file.id, 'file:///etc/passwd');
      await h.signIn();
      assert.equal(await h.run('vercelTokens.openLeakLocation', web.id), true);
      assert.equal(await h.run('vercelTokens.openLeakLocation', command.id), false);
      assert.equal(await h.run('vercelTokens.openLeakLocation', file.id), false);
      assert.deepEqual(fake.openedExternal.map(String), ['https://github.com/acme/app/blob/main/.env']);
      assert.deepEqual(fake.messagesOf('error').map((m) => m.message), [
        'The leak location of "Command" is not a web link.',
        'The leak location of "File" is not a web link.',
      ]);
    });
  });

  test('a leak location without a scheme is refused with a message, not an exception', async () => {
    // Regression test; the bug it caught (src/commands/openLeakLocation.ts, since fixed): Uri.parse(url, true) throws "[UriError]: Scheme is
    // missing" for a URL such as "github.com/acme/app", so the command fails instead of answering.
    await withExtension({}, async (h) => {
      const token = h.server.addToken({ name: 'Schemeless' });
      h.server.markLeaked(token.id, 'github.com/acme/app/blob/main/.env');
      await h.signIn();
      const outcome = await h.run('vercelTokens.openLeakLocation', token.id).then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.message }),
      );
      assert.deepEqual(outcome, { value: false });
      assert.deepEqual(fake.openedExternal, []);
      assert.equal(fake.messagesOf('error').at(-1)?.message, 'The leak location of "Schemeless" is not a web link.');
    });
  });
});
