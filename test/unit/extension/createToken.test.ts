import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults } from '../../fake-vercel/server';
import { formatDateTime } from '../../../src/domain/format';
import { VirtualClock } from '../core/support';
import { fake, waitFor, withExtension, type Harness } from '../support/harness';
import { InputBoxValidationSeverity, QuickInputButtons } from '../support/vscode';

/** The accepted formats, repeated after the preview because it replaces the prompt. */
const FORMATS = '12h, 7d, 2w, 6mo, 1y, a number of days, a date YYYY-MM-DD, or never';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const posts = (h: Harness) => h.requestsTo('POST', '/v3/user/tokens');
/** Matches the modal shown when the keychain did not keep a new token's value. */
const UNSTORED = 'was created, but its value is not stored';
const clipboardCountdown = () => fake.statusBarItems.find((item) => item.id === 'vercelTokens.clipboard' && !item.disposed);

describe('Create: input steps', () => {
  test('step 1/2 asks for a name and explains what is wrong with it while typing', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const running = h.run('vercelTokens.createToken');
      const box = await fake.nextInputBox();
      assert.equal(box.title, 'Create Vercel Auth Token');
      assert.equal(box.step, 1);
      assert.equal(box.totalSteps, 2);
      assert.equal(box.value, '');
      assert.deepEqual(box.buttons, [], 'no Back button on the first step');
      assert.equal(box.validationMessage, undefined, 'an empty box starts with its prompt, not an error');

      box.enter();
      assert.equal(box.validationText, 'Enter a name for the token.');
      assert.equal(box.validationSeverity, InputBoxValidationSeverity.Error);
      assert.equal(box.visible, true);

      box.type('   ');
      assert.equal(box.validationText, 'The name cannot be only whitespace. Enter a visible name.');
      assert.equal(box.validationSeverity, InputBoxValidationSeverity.Error);
      box.enter();
      assert.equal(box.visible, true);

      box.type('ci\u0007deploy');
      assert.equal(box.validationText, 'The name contains a control character (U+0007) at position 3. Remove it.');
      box.type('ci\tdeploy');
      assert.equal(box.validationText, 'The name contains a control character (U+0009 CHARACTER TABULATION) at position 3. Remove it.');
      box.enter();
      assert.equal(box.visible, true, 'a name with a control character is not accepted');

      box.type('CI deploy');
      assert.equal(box.validationMessage, undefined);
      box.enter();
      const expiry = await fake.nextInputBox();
      assert.equal(expiry.step, 2);
      expiry.escape();
      assert.equal(await running, undefined);
      assert.equal(posts(h).length, 0, 'nothing is sent when the user cancels');
    });
  });

  test('step 2/2 is pre-filled with the default expiry, fully selected, with a live preview and errors', async () => {
    await withExtension({ settings: [['vercelTokens.defaultExpiry', '2w']] }, async (h) => {
      await h.signIn();
      const running = h.run('vercelTokens.createToken');
      const name = await fake.nextInputBox();
      name.type('CI deploy').enter();
      const expiry = await fake.nextInputBox();
      assert.equal(expiry.step, 2);
      assert.equal(expiry.totalSteps, 2);
      assert.equal(expiry.value, '2w');
      assert.equal(expiry.selectedText, '2w', 'the whole default is selected, so typing replaces it');
      assert.equal(expiry.prompt, `Expiry: ${FORMATS}.`);
      assert.deepEqual(expiry.buttons, [QuickInputButtons.Back]);
      assert.equal(expiry.validationSeverity, InputBoxValidationSeverity.Info);
      assert.match(expiry.validationText ?? '', new RegExp(`^Expires .* \\(in 14 days\\) · ${FORMATS}$`));

      const before = Date.now();
      expiry.type('12h');
      assert.equal(expiry.validationSeverity, InputBoxValidationSeverity.Info);
      const twelveHours = [before, Date.now()].map((now) => `Expires ${formatDateTime(now + 12 * HOUR)} (in 12 hours) · ${FORMATS}`);
      assert.ok(twelveHours.includes(expiry.validationText ?? ''), expiry.validationText);

      expiry.type('never');
      assert.equal(expiry.validationText, `Never expires · ${FORMATS}`);

      expiry.type('0');
      assert.equal(expiry.validationSeverity, InputBoxValidationSeverity.Error);
      assert.match(expiry.validationText ?? '', /^The expiry must be at least 1 hour away\./);
      expiry.type('2020-01-01');
      assert.equal(expiry.validationSeverity, InputBoxValidationSeverity.Error);
      assert.match(expiry.validationText ?? '', /^2020-01-01 is in the past\./);
      expiry.type('garbage');
      assert.equal(expiry.validationSeverity, InputBoxValidationSeverity.Error);
      assert.match(expiry.validationText ?? '', /^That is not an expiry\./);
      expiry.enter();
      assert.equal(expiry.visible, true, 'an invalid expiry is not accepted');
      assert.equal(posts(h).length, 0);

      expiry.escape();
      assert.equal(await running, undefined);
    });
  });

  test('Back returns to step 1 with the name kept; the accepted expiry goes into the request', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const running = h.run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken');
      (await fake.nextInputBox()).type('First name').enter();
      const expiry = await fake.nextInputBox();
      assert.equal(expiry.value, '30d', 'the contributed default');
      expiry.back();
      const name = await fake.nextInputBox();
      assert.equal(name.step, 1);
      assert.equal(name.value, 'First name');
      assert.equal(name.selectedText, 'First name');
      name.type('Second name').enter();
      const expiryAgain = await fake.nextInputBox();
      const before = Date.now();
      expiryAgain.type('7d').enter();
      const result = await running;
      const after = Date.now();
      assert.ok(result?.stored);
      const [post] = posts(h);
      assert.equal(posts(h).length, 1);
      const body = post.body as { name: string; expiresAt: number };
      assert.deepEqual(Object.keys(body).sort(), ['expiresAt', 'name']);
      assert.equal(body.name, 'Second name');
      const sevenDays = (now: number) => new Date(now).setDate(new Date(now).getDate() + 7);
      assert.ok(body.expiresAt >= sevenDays(before) && body.expiresAt <= sevenDays(after), `expiresAt ${body.expiresAt}`);
    });
  });
});

describe('Create: request', () => {
  test('arguments { name, expiry } skip the prompts; "never" sends only the name', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const result = await h.run('vercelTokens.createToken', { name: 'Automation', expiry: 'never' });
      assert.ok(result);
      assert.equal(fake.inputBoxes.length, 0, 'no prompt was shown');
      const [post] = posts(h);
      assert.deepEqual(post.body, { name: 'Automation' });
      assert.deepEqual(post.query, {});
      assert.equal(h.server.tokens().find((token) => token.name === 'Automation')?.expiresAt, undefined);
    });
  });

  test('an expiry sends { name, expiresAt }; without one the default expiry setting applies', async () => {
    await withExtension({ settings: [['vercelTokens.defaultExpiry', '3d']] }, async (h) => {
      await h.signIn();
      const before = Date.now();
      await h.run('vercelTokens.createToken', { name: 'Hours', expiry: '12h' });
      await h.run('vercelTokens.createToken', { name: 'Default' });
      const after = Date.now();
      const [hours, byDefault] = posts(h).map((post) => post.body as { name: string; expiresAt: number });
      assert.deepEqual(Object.keys(hours).sort(), ['expiresAt', 'name']);
      assert.ok(hours.expiresAt >= before + 12 * HOUR && hours.expiresAt <= after + 12 * HOUR);
      assert.equal(byDefault.name, 'Default');
      assert.ok(byDefault.expiresAt >= before + 3 * DAY - HOUR && byDefault.expiresAt <= after + 3 * DAY + HOUR);
    });
  });

  test('bad arguments are refused before anything is sent', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      assert.equal(await h.run('vercelTokens.createToken', { name: ' padded' }), undefined);
      assert.equal(await h.run('vercelTokens.createToken', { name: 'ok', expiry: '0' }), undefined);
      assert.equal(posts(h).length, 0);
      assert.deepEqual(
        fake.messagesOf('error').map((m) => m.message.split(':')[0]),
        ['Token not created', 'Token not created'],
      );
    });
  });

  test('with a team selected the request carries ?teamId=', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const team = h.server.addTeam({ slug: 'acme', name: 'Acme' });
      fake.answerQuickPick((items) => items.find((item) => item.team?.id === team.id));
      await h.run('vercelTokens.selectTeam');
      await h.run('vercelTokens.createToken', { name: 'For Acme', expiry: 'never' });
      const [post] = posts(h);
      assert.deepEqual(post.query, { teamId: team.id });
      assert.ok(fake.progress.some((run) => run.options.title === 'Creating Vercel token "For Acme" for team acme…'));
      assert.equal(h.server.tokens().find((token) => token.name === 'For Acme')?.teamId, team.id);
    });
  });

  test('without being signed in, it signs in first: closing the sign-in box sends nothing', async () => {
    // Before, it only said "Sign in to Vercel first." with a Sign In button.
    await withExtension({}, async (h) => {
      const running = h.run('vercelTokens.createToken', { name: 'x', expiry: 'never' });
      const box = await fake.nextInputBox();
      assert.equal(box.title, 'Sign In to Vercel');
      assert.equal(box.password, true);
      box.escape();
      assert.equal(await running, undefined);
      assert.deepEqual(h.server.requests, []);
      assert.equal(h.secrets.countOf('store'), 0);
    });
  });

  test('without being signed in, a token pasted into the sign-in box signs in, then the token is created', async () => {
    await withExtension({}, async (h) => {
      const running = h.run<{ tokenId: string; stored: boolean } | undefined>('vercelTokens.createToken', { name: 'First', expiry: 'never' });
      (await fake.nextInputBox()).type(h.server.accountToken).enter();
      const result = await running;
      assert.ok(result?.stored);
      assert.equal(h.storedAccount()?.token, h.server.accountToken);
      assert.equal(h.server.ownerOf(result.tokenId), h.userId);
      assert.equal(h.secrets.data.get(`value:${result.tokenId}`), h.server.valueOf(result.tokenId));
      assert.deepEqual(posts(h).map((post) => post.body), [{ name: 'First' }]);
    });
  });
});

describe('Create: the value', () => {
  test('is stored under a per-token key, read back, listed, revealed and announced with Copy Value', async () => {
    // A virtual clock that stays put: the copied value is not cleared from the clipboard while the test looks.
    await withExtension({ clock: new VirtualClock() }, async (h) => {
      await h.signIn();
      fake.answerMessage('New token created', 'Copy Value');
      const result = await h.run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name: 'Deploy', expiry: 'never' });
      assert.ok(result?.stored);
      const id = result.tokenId;
      const value = h.server.valueOf(id);
      assert.ok(value);
      assert.equal(h.secrets.data.get(`value:${id}`), value);
      assert.deepEqual(h.storedIndex(), [id]);
      const calls = h.secrets.calls.map((call) => `${call.op} ${call.key}`);
      const storeAt = calls.indexOf(`store value:${id}`);
      assert.ok(storeAt >= 0);
      assert.equal(calls[storeAt + 1], `get value:${id}`, 'read back right after the store');

      const [first] = await h.rows();
      assert.equal(first.label, 'Deploy');
      assert.equal(first.description, 'no expiry · value stored');
      const reveal = h.treeView.reveals.at(-1);
      assert.equal(reveal?.element, first.element);
      assert.deepEqual(reveal?.options, { select: true, focus: false });

      const notice = fake.messagesOf('information').find((m) => m.message.startsWith('New token created'));
      assert.equal(notice?.message, 'New token created. Its value is stored in VS Code.');
      assert.deepEqual(notice?.items, ['Copy Value']);
      assert.ok(fake.statusBarMessages.some((m) => m.text === '$(check) Created token "Deploy"' && m.timeout === 5000), 'the name in the status bar');
      await waitFor(() => fake.clipboardText === value, 'the value on the clipboard');
      // Copy Value reads the value from the keychain by id: the notification never held the value itself.
      await waitFor(
        () => clipboardCountdown()?.text === '$(clippy) Copied the value of "Deploy": clipboard clears in 60 s',
        'the countdown to clearing it',
      );
    });
  });

  test('every confirmation has the same text, so VS Code keeps only the newest; its Copy Value copies the newest token', async () => {
    await withExtension({ clock: new VirtualClock() }, async (h) => {
      await h.signIn();
      const first = await h.run<{ tokenId: string }>('vercelTokens.createToken', { name: 'First', expiry: 'never' });
      fake.answerMessage('New token created', 'Copy Value');
      const second = await h.run<{ tokenId: string }>('vercelTokens.createToken', { name: 'Second', expiry: '7d' });
      assert.ok(first && second);
      const notices = fake.messagesOf('information').filter((m) => m.message.startsWith('New token created'));
      assert.equal(notices.length, 2);
      // VS Code closes an open notification when one with the same text and buttons is shown.
      const shown = notices.map(({ message, options, items }) => ({ message, options, items }));
      assert.deepEqual(shown[0], shown[1]);
      assert.deepEqual(shown[0].items, ['Copy Value']);
      await waitFor(() => fake.clipboardText === h.server.valueOf(second.tokenId), 'the second value on the clipboard');
      assert.deepEqual(
        fake.statusBarMessages.map((m) => m.text).filter((text) => text.startsWith('$(check) Created')),
        ['$(check) Created token "First"', '$(check) Created token "Second"'],
      );
    });
  });

  test('a Vercel error is shown with its message; nothing is stored or listed', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.error(400, 'bad_request', 'Invalid request: `name` is too long') });
      const result = await h.run('vercelTokens.createToken', { name: 'Rejected', expiry: 'never' });
      await h.settle();
      assert.equal(result, undefined);
      assert.equal(
        fake.messagesOf('error').at(-1)?.message,
        'Token "Rejected" was not created: Vercel refused the request (HTTP 400): Invalid request: `name` is too long.',
      );
      assert.deepEqual(h.storedValueKeys(), []);
      assert.equal(h.secrets.data.has(`index:${h.userId}`), false);
      assert.equal((await h.rows()).some((row) => row.label === 'Rejected'), false);
      assert.equal(posts(h).length, 1, 'not retried');
    });
  });

  test('a login-session account cannot create tokens; the message says what kind of token is needed', async () => {
    await withExtension({}, async (h) => {
      const session = h.server.issueToken({ kind: 'oauth' });
      await h.signIn(session.value);
      assert.equal(await h.run('vercelTokens.createToken', { name: 'Nope', expiry: 'never' }), undefined);
      const message = fake.messagesOf('error').at(-1)?.message ?? '';
      assert.match(message, /^Token "Nope" was not created: the token this extension signed in with cannot create tokens \(Only user authentication tokens can be used to create new tokens\)/);
      assert.match(message, /Full Account/);
      assert.deepEqual(h.storedValueKeys(), []);
    });
  });

  test('a store failure opens a modal; Copy Value puts the value on the clipboard and the tree says "value NOT stored"', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.secrets.failStore(new Error('The keyring is locked'), /^value:/);
      fake.answerMessage(UNSTORED, 'Copy Value');
      const result = await h.run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name: 'Unsaved', expiry: 'never' });
      assert.deepEqual(result, { tokenId: result?.tokenId, stored: false });
      const modal = fake.messages.find((m) => m.message === 'Token "Unsaved" was created, but its value is not stored.');
      assert.ok(modal);
      assert.equal(modal.kind, 'warning');
      assert.equal(modal.options?.modal, true);
      assert.match(modal.options?.detail ?? '', /VS Code could not store its value \(The keyring is locked\)/);
      assert.deepEqual(modal.items, ['Copy Value', 'Delete Token on Vercel', 'Discard Value']);
      assert.equal(fake.clipboardText, h.server.valueOf(result.tokenId));
      assert.deepEqual(h.storedValueKeys(), []);
      const row = await h.row('Unsaved');
      assert.equal(row.description, 'no expiry · value NOT stored');
      assert.equal(row.contextValue, 'token', 'no Copy Token Value on it');
      assert.match(row.tooltip, /could not be stored/);
    });
  });

  test('a store failure opens a modal; Delete Token on Vercel revokes it', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.secrets.failStore(new Error('The keyring is locked'), /^value:/);
      fake.answerMessage(UNSTORED, 'Delete Token on Vercel');
      const result = await h.run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name: 'Unsaved', expiry: 'never' });
      await h.settle();
      assert.equal(result?.stored, false);
      assert.deepEqual(
        h.requestsTo('DELETE', /^\/v3\/user\/tokens\//).map((request) => [request.path, request.status]),
        [[`/v3/user/tokens/${result.tokenId}`, 200]],
      );
      assert.equal(h.server.tokens().some((token) => token.name === 'Unsaved'), false);
      assert.equal((await h.rows()).some((row) => row.label === 'Unsaved'), false);
      assert.equal(fake.clipboardText, '', 'nothing copied');
    });
  });

  test('a read-back that differs is treated like a failed store', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.secrets.mangleReads((key, value) => (key.startsWith('value:') ? 'something else' : value));
      fake.answerMessage(UNSTORED, 'Discard Value');
      const result = await h.run<{ stored: boolean }>('vercelTokens.createToken', { name: 'Garbled', expiry: 'never' });
      assert.equal(result?.stored, false);
      const modal = fake.messages.find((m) => m.message.includes('its value is not stored'));
      assert.match(modal?.options?.detail ?? '', /did not match/);
      assert.deepEqual(h.storedIndex(), [], 'not listed as stored');
      assert.match(h.channel.linesAt('warn').join('\n'), /was discarded at the user's request/);
    });
  });

  test('closing the store-failure dialog twice ends it, as its text promises', async () => {
    // Regression test; the bug it caught (src/commands/createToken.ts offerUnstoredValue, since fixed): the second dialog says "If you close this
    // dialog again without choosing, nothing else changes, but the value will be gone for good", yet
    // the loop asks again forever, prepending that sentence once more each time.
    await withExtension({}, async (h) => {
      await h.signIn();
      h.secrets.failStore(new Error('locked'), /^value:/);
      fake.answerMessage(UNSTORED, undefined, { times: 2 });
      fake.answerMessage(UNSTORED, 'Discard Value', { times: 50 });
      const result = await h.run<{ stored: boolean }>('vercelTokens.createToken', { name: 'Dismissed', expiry: 'never' });
      assert.equal(result?.stored, false);
      const modals = fake.messages.filter((m) => m.message.includes('its value is not stored'));
      assert.match(modals[1]?.options?.detail ?? '', /^If you close this dialog again without choosing/);
      assert.equal(modals.length, 2, `the dialog was shown ${modals.length} times`);
    });
  });
});

describe('Create: unknown outcome', () => {
  test('a connection reset after Vercel created the token: no second POST, the list is checked, deletion offered', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
      fake.answerMessage('was created on Vercel, but its value was lost', 'Delete Token on Vercel');
      const result = await h.run('vercelTokens.createToken', { name: 'Lost', expiry: 'never' });
      await h.settle();
      assert.equal(result, undefined);
      assert.equal(posts(h).length, 1, 'never retried blindly');
      const postAt = h.server.requests.findIndex((request) => request.method === 'POST');
      assert.ok(
        h.server.requests.slice(postAt + 1).some((request) => request.method === 'GET' && request.path === '/v6/user/tokens'),
        'the token list was read after the failed POST',
      );
      const warning = fake.messages.find((m) => m.message.startsWith('Token "Lost" was created on Vercel'));
      assert.ok(warning);
      assert.equal(warning.options?.modal, true);
      assert.deepEqual(warning.items, ['Delete Token on Vercel', 'Keep']);
      const deletes = h.requestsTo('DELETE', /^\/v3\/user\/tokens\//);
      assert.equal(deletes.length, 1);
      // The modal named what was found: the token's id and when it was created.
      const made = deletes[0].path.split('/').at(-1) ?? '';
      const createdAt = h.requestsTo('POST', '/v3/user/tokens')[0].at;
      assert.match(warning.options?.detail ?? '', new RegExp(`^Found since the request:\n${made}, created `));
      // Created between the POST's arrival and now (the time is shown to the minute).
      assert.ok(
        [createdAt, Date.now()].some((at) => warning.options?.detail?.includes(`${made}, created ${formatDateTime(at)}`)),
        warning.options?.detail,
      );
      assert.equal(h.server.tokens().some((token) => token.name === 'Lost'), false, 'deleted on Vercel');
      assert.deepEqual(h.storedValueKeys(), []);
    });
  });

  test('two tokens of that name appeared since the request: both are listed and "Delete 2 Tokens on Vercel" deletes both', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      // Made meanwhile by someone else with the same name: this window's list does not know it.
      const meanwhile = h.server.addToken({ name: 'Twice' });
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
      fake.answerMessage('was created on Vercel, but its value was lost', 'Delete 2 Tokens on Vercel');
      assert.equal(await h.run('vercelTokens.createToken', { name: 'Twice', expiry: 'never' }), undefined);
      await h.settle();
      const warning = fake.messages.find((m) => m.message.startsWith('Token "Twice" was created on Vercel'));
      assert.ok(warning);
      assert.deepEqual(warning.items, ['Delete 2 Tokens on Vercel', 'Keep']);
      const deleted = h.requestsTo('DELETE', /^\/v3\/user\/tokens\//).map((request) => request.path.split('/').at(-1) ?? '');
      assert.equal(deleted.length, 2);
      assert.ok(deleted.includes(meanwhile.id));
      for (const id of deleted) assert.match(warning.options?.detail ?? '', new RegExp(`^${id}, created `, 'm'));
      assert.match(warning.options?.detail ?? '', /Delete them on Vercel\? Nothing is deleted unless you choose to\./);
      assert.equal(h.server.tokens().some((token) => token.name === 'Twice'), false);
    });
  });

  test('when the user keeps it, the created token is listed (without a value)', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
      fake.answerMessage('was created on Vercel, but its value was lost', 'Keep');
      await h.run('vercelTokens.createToken', { name: 'Kept', expiry: 'never' });
      await h.settle();
      assert.equal(h.requestsTo('DELETE', /.*/).length, 0);
      const row = await h.row('Kept');
      assert.equal(row.description, 'no expiry');
      assert.ok(fake.messages.some((m) => m.message.startsWith('Token "Kept" was created on Vercel')));
    });
  });

  test('a connection reset before Vercel acted: the user is told it was not created and can Retry', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'reset' });
      fake.answerMessage('Token "Again" was not created', 'Retry');
      const result = await h.run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name: 'Again', expiry: 'never' });
      await h.settle();
      const notCreated = fake.messages.find((m) => m.message.startsWith('Token "Again" was not created'));
      assert.equal(notCreated?.kind, 'error');
      assert.deepEqual(notCreated?.items, ['Retry']);
      assert.equal(posts(h).length, 2, 'the first attempt, then the retry the user asked for');
      assert.equal(h.server.tokens().filter((token) => token.name === 'Again').length, 1);
      assert.ok(result?.stored);
      assert.equal(h.secrets.data.get(`value:${result.tokenId}`), h.server.valueOf(result.tokenId));
    });
  });
});

describe('Create: concurrent refresh', () => {
  test('a refresh that was loading while a token was created keeps the new token and its stored value', async () => {
    // Regression test; the bug it caught (src/views/tokenModel.ts load()/forgetOrphans(), since fixed): a
    // load that fetched the list before the create read the index after it, took the new id for an orphan
    // and deleted its value (shown once by Vercel, so it was gone), and replaced the list with one that
    // lacked the new token.
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'GET', path: '/v2/teams', kind: 'delay', ms: 400 });
      const listsBefore = h.requestsTo('GET', '/v6/user/tokens').length;
      const refreshing = h.run('vercelTokens.refresh');
      await waitFor(
        () => h.requestsTo('GET', '/v6/user/tokens').slice(listsBefore).some((request) => request.status === 200),
        'the list answered (teams still loading)',
      );
      const result = await h.run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name: 'Racing', expiry: 'never' });
      assert.ok(result?.stored);
      await refreshing;
      await h.settle();
      assert.equal(h.secrets.data.get(`value:${result.tokenId}`), h.server.valueOf(result.tokenId), 'the value is still stored');
      const row = (await h.rows()).find((candidate) => candidate.label === 'Racing');
      assert.equal(row?.description, 'no expiry · value stored');
    });
  });
});

describe('Create: cancelled while Vercel is still working', () => {
  test('Retry after a cancelled create that Vercel finished anyway does not make a second token', async () => {
    // Regression test; the bug it caught (src/commands/createToken.ts reconcileUnknownOutcome, since fixed): the list is checked once, right after
    // the cancel, while Vercel may still be creating the token; the user is told flatly "was not
    // created" and Retry POSTs again without checking again, leaving a duplicate whose value is lost.
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'delay', ms: 300 });
      const createdOnVercel = waitFor(() => h.server.tokens().some((token) => token.name === 'Slow'), 'Vercel finishing the create');
      fake.answerMessage('Token "Slow" was not created', 'Retry', { after: createdOnVercel });
      const progress = fake.nextProgress();
      const running = h.run('vercelTokens.createToken', { name: 'Slow', expiry: 'never' });
      const creating = await progress;
      await waitFor(() => posts(h).length === 1, 'the POST on its way');
      creating.cancel();
      await running;
      await h.settle();
      assert.equal(h.server.tokens().filter((token) => token.name === 'Slow').length, 1, 'one token named "Slow" on Vercel');
    });
  });
});

describe('Create: what the tree says right after', () => {
  test('a token created to expire in 7 days is listed as expiring in 7 days', async () => {
    // Regression test; the bug it caught (src/domain/tokenStatus.ts describeStatus, and formatRelative in src/domain/format.ts, since fixed): the
    // remaining time is rounded down from the moment of rendering, a few ms after the expiry was
    // computed, so "7d" (previewed as "in 7 days") is listed as "expires in 6 days", "12h" as 11 hours.
    await withExtension({}, async (h) => {
      await h.signIn();
      await h.create('Week', '7d');
      await h.create('Half a day', '12h');
      assert.equal((await h.row('Week')).description, 'expires in 7 days · value stored');
      assert.equal((await h.row('Half a day')).description, 'expires in 12 hours · value stored');
    });
  });
});
