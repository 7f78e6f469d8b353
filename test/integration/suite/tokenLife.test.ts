// A token's life in the real extension host: the scope step of Create answered through the real
// quick inputs, Rotate Token and its failure paths, the attention notification and the view's
// badge, and the multi-select delete with one failing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import {
  DAY,
  list,
  listsIdle,
  messages,
  messagesOf,
  run,
  sleep,
  statusBarMessages,
  track,
  waitFor,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';
import { useQuickInputs } from './quickInputs';


describe('a token’s life', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture), { signedIn: true });

  const ui = useQuickInputs();
  const createdPicks = ui.picks;
  const { answerBox, answerPick, nthPick, nthBox, labels } = ui;

  describe('the scope step of Create, through the real quick inputs', () => {
    it('name → scope (a team, then one of its projects; a SAML team shown but not pickable) → expiry: POSTs ?teamId and {name, projectId}', async function () {
      this.timeout(40_000);
      const acme = server.addTeam({ slug: 'acme', name: 'Acme' });
      const web = server.addProject({ teamId: acme.id, name: 'web' });
      server.addProject({ teamId: acme.id, name: 'docs' });
      server.addTeam({ slug: 'sso-corp', name: 'SSO Corp', samlEnforced: true });
      const before = server.requests.length;

      const creating = track(vscode.commands.executeCommand('vercelTokens.createToken'));
      const nameBox = await nthBox(0);
      assert.equal(nameBox.step, 1);
      await answerBox(nameBox, 'Scoped through the picks');

      const scopePick = await nthPick(0);
      assert.equal(scopePick.step, 2);
      assert.equal(scopePick.totalSteps, 3);
      // Full Account (the current selection) first, then the teams in the order Vercel lists them.
      assert.equal(labels(scopePick)[0], '$(account) Full Account');
      assert.deepEqual(labels(scopePick).slice(1).sort(), ['$(lock) SSO Corp', '$(organization) Acme']);
      assert.equal(scopePick.activeItems[0]?.label, '$(account) Full Account', 'the current selection is active');

      // The SAML team: accepting it explains instead of going on.
      await answerPick(scopePick, /SSO Corp/);
      await waitFor(() => /SAML/.test(scopePick.placeholder ?? ''), 'the refusal in the placeholder');
      assert.equal(createdPicks.length, 1, 'no project step for a team that cannot be picked');

      await answerPick(scopePick, /Acme/);
      const projectPick = await nthPick(1);
      assert.equal(projectPick.step, 2);
      assert.equal(labels(projectPick)[0], '$(organization) All projects of acme');
      assert.deepEqual(labels(projectPick).slice(1).sort(), ['$(project) docs', '$(project) web']);
      await answerPick(projectPick, /^\$\(project\) web$/);

      const expiryBox = await nthBox(1);
      assert.equal(expiryBox.step, 3);
      assert.equal(expiryBox.totalSteps, 3);
      await answerBox(expiryBox, 'never');

      await waitFor(() => creating.settled, 'the create to end', 15_000);
      assert.equal(creating.error, undefined);
      const posts = server.requests.slice(before).filter((entry) => entry.method === 'POST');
      assert.equal(posts.length, 1);
      assert.deepEqual(posts[0].query, { teamId: acme.id });
      assert.deepEqual(posts[0].body, { name: 'Scoped through the picks', projectId: web.id });
      const created = server.tokens().find((token) => token.name === 'Scoped through the picks');
      assert.ok(created, 'not created on the stand-in');
      assert.equal(await services.keychain.getTokenValue(created.id), server.valueOf(created.id));
    });

    it('an account without teams: two steps, name (1/2 once the teams are read) and expiry (2/2), no scope pick', async function () {
      this.timeout(30_000);
      const creating = track(vscode.commands.executeCommand('vercelTokens.createToken'));
      const nameBox = await nthBox(0);
      await waitFor(() => nameBox.totalSteps === 2, 'the name box to learn there are two steps');
      await answerBox(nameBox, 'No teams here');
      const expiryBox = await nthBox(1);
      assert.equal(expiryBox.step, 2);
      assert.equal(expiryBox.totalSteps, 2);
      await answerBox(expiryBox, 'never');
      await waitFor(() => creating.settled, 'the create to end', 15_000);
      assert.equal(createdPicks.length, 0);
      assert.ok(server.tokens().some((token) => token.name === 'No teams here'));
    });
  });

  describe('Rotate Token', () => {
    async function seeded(name: string, expiresInDays?: number): Promise<string> {
      const token = server.addToken({ name, expiresAt: expiresInDays === undefined ? undefined : Date.now() + expiresInDays * DAY });
      await list(services).refresh();
      await listsIdle(services);
      assert.ok(list(services).token(token.id), 'the seeded token is not listed');
      return token.id;
    }

    it('creates a replacement with the same name and lifetime, stores its value, deletes the old one', async () => {
      const old = await seeded('CI deploy', 30);
      const oldExpiresAt = server.tokens().find((token) => token.id === old)!.expiresAt!;
      const result = await run<{ kind: string; replacementId?: string }>('vercelTokens.rotateToken', old, { confirmed: true });
      assert.equal(result?.kind, 'rotated');
      const replacement = server.tokens().find((token) => token.id === result.replacementId);
      assert.ok(replacement);
      assert.equal(replacement.name, 'CI deploy');
      // The same lifetime: about 30 days from now as well.
      assert.ok(Math.abs((replacement.expiresAt ?? 0) - (Date.now() + (oldExpiresAt - replacement.createdAt))) < DAY, 'a different lifetime');
      assert.equal(server.tokens().some((token) => token.id === old), false, 'the old token is still on Vercel');
      assert.equal(await services.keychain.getTokenValue(replacement.id), server.valueOf(replacement.id));
      await waitFor(() => list(services).token(replacement.id) && !list(services).token(old), 'the list to show the replacement only');
      assert.deepEqual(statusBarMessages, ['$(check) Rotated token "CI deploy": the old one is deleted']);
      assert.deepEqual(messagesOf('error'), []);
    });

    it('the create fails: the old token is untouched, and the error says so', async () => {
      const old = await seeded('Untouched');
      const count = server.tokens().length;
      server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.error(400, 'bad_request', 'Invalid request: name is invalid') });
      const result = await run<{ kind: string }>('vercelTokens.rotateToken', old, { confirmed: true });
      assert.equal(result?.kind, 'refused');
      assert.equal(server.tokens().length, count, 'a token was created or deleted');
      assert.ok(server.tokens().some((token) => token.id === old));
      assert.ok(list(services).token(old));
      const errors = messagesOf('error');
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /^Token "Untouched" was not rotated \(it is untouched\): /);
    });

    it('the value cannot be stored (SecretStorage refuses): the not-stored modal says the old one still works; the old one is kept', async () => {
      const old = await seeded('Keep me');
      const secrets = (services.keychain as unknown as { secrets: vscode.SecretStorage }).secrets;
      const original = secrets.store.bind(secrets);
      const refuse = (key: string, value: string) => (key.startsWith('value:') ? Promise.reject(new Error('No OS keyring is available')) : original(key, value));
      Object.defineProperty(secrets, 'store', { value: refuse, configurable: true, writable: true });
      try {
        const rotating = track(run('vercelTokens.rotateToken', old, { confirmed: true }));
        await waitFor(() => rotating.settled, 'the rotation to end', 15_000);
        // A test host refuses modal dialogs: the command ends with that refusal, where the user would choose.
        assert.match(String(rotating.error), /refused to show dialog in tests/);
        const modal = messagesOf('warning').find((message) => message.modal);
        assert.equal(modal?.message, 'Token "Keep me" was created, but its value is not stored.');
        assert.deepEqual(modal?.items, ['Copy Value', 'Delete Token on Vercel', 'Discard Value']);
        assert.match(modal?.detail ?? '', /could not store its value \(No OS keyring is available\)/);
        assert.match(modal?.detail ?? '', /The old token "Keep me" is untouched and still works\./);
        const named = server.tokens().filter((token) => token.name === 'Keep me');
        assert.equal(named.length, 2, 'the old one and its replacement');
        assert.ok(named.some((token) => token.id === old), 'the old token was deleted');
        const replacement = named.find((token) => token.id !== old)!;
        assert.ok(!(modal?.detail ?? '').includes(server.valueOf(replacement.id)!), 'the modal shows the value');
      } finally {
        delete (secrets as unknown as Record<string, unknown>).store;
      }
    });

    it('the delete of the old one fails: both exist, a warning with Retry; Retry deletes the old one', async function () {
      this.timeout(30_000);
      const old = await seeded('Both for now');
      server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.error(403, 'forbidden', 'You cannot delete this token right now') });
      const rotating = track(run<{ kind: string; replacementId?: string }>('vercelTokens.rotateToken', old, { confirmed: true }));
      await waitFor(() => messagesOf('warning').length > 0, 'the warning');
      const [warning] = messagesOf('warning');
      assert.equal(warning.modal, false);
      assert.deepEqual(warning.items, ['Retry']);
      assert.match(warning.message, new RegExp(`^Token "Both for now" was rotated: the new token is stored in VS Code, but the old one \\(${old}\\) is still active on Vercel`));
      assert.match(warning.message, /Both work until the old one is deleted\.$/);
      const named = server.tokens().filter((token) => token.name === 'Both for now');
      assert.equal(named.length, 2, 'both exist');
      const replacement = named.find((token) => token.id !== old)!;
      assert.equal(await services.keychain.getTokenValue(replacement.id), server.valueOf(replacement.id));

      // Retry: the notification's primary action, pressed through the workbench.
      await sleep(300);
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      await waitFor(() => rotating.settled, 'the rotation to end after Retry', 10_000);
      assert.equal(rotating.error, undefined);
      assert.equal(rotating.value?.kind, 'rotated');
      assert.equal(server.tokens().some((token) => token.id === old), false, 'Retry did not delete the old token');
      assert.ok(server.tokens().some((token) => token.id === replacement.id));
    });
  });

  describe('alerts', () => {
    it('one notification for a seeded account (expiring + leaked), the badge counts them; neither a refresh nor the next check announces them again', async function () {
      this.timeout(30_000);
      const user = server.addUser({ username: 'needs-attention' });
      const login = server.issueToken({ kind: 'full', userId: user.id, name: 'Signs in' });
      server.addToken({ userId: user.id, name: 'Healthy', expiresAt: Date.now() + 90 * DAY });
      server.addToken({ userId: user.id, name: 'Expiring soon', expiresAt: Date.now() + 2 * DAY + 60 * 60_000 });
      const leaked = server.addToken({ userId: user.id, name: 'Leaked one' });
      server.markLeaked(leaked.id, 'https://github.com/example/repo/blob/main/.env');

      // Signed in to this account only (the suite's own sign-in is another user).
      for (const { userId } of services.accounts.all) await services.accounts.signOut(userId);
      assert.equal(await run('vercelTokens.signIn', login.value), true);
      await waitFor(() => messages.some((message) => /need attention/.test(message.message)), 'the attention notification');
      await listsIdle(services);
      await sleep(300);
      const notices = messages.filter((message) => /need attention|The Vercel token/.test(message.message));
      assert.equal(notices.length, 1, `more than one notification: ${JSON.stringify(notices)}`);
      assert.equal(notices[0].severity, 'warning');
      assert.match(notices[0].message, /^Vercel tokens need attention: /);
      assert.match(notices[0].message, /"Expiring soon" /);
      assert.match(notices[0].message, /"Leaked one" leaked/);
      assert.deepEqual(notices[0].items, ['Rotate…', 'Show', "Don't Warn Again for These"]);
      await waitFor(() => services.treeView.badge?.value === 2, 'the badge to count 2');
      assert.match(services.treeView.badge?.tooltip ?? '', /^2 Vercel tokens need attention/);

      // A refresh changes nothing: no second notification.
      await list(services).refresh();
      await listsIdle(services);
      await sleep(300);
      assert.equal(messages.filter((message) => /need attention/.test(message.message)).length, 1);

      // The hourly check, run now: still nothing new to announce. (A real reload, with the state
      // VS Code kept, is the e2e journey's; the unit tests restart the extension over the same state.)
      await services.alerts.check();
      await sleep(300);
      assert.equal(messages.filter((message) => /need attention/.test(message.message)).length, 1, 'announced again by the next check');
      assert.equal(services.alerts.current.length, 2, 'the badge still counts them');

      // Don't Warn Again for These: the badge goes.
      await services.alerts.dismiss(services.alerts.current);
      await waitFor(() => services.treeView.badge === undefined, 'the badge to go');
    });
  });

  describe('multi-select delete', () => {
    it('three selected, the DELETE of one fails: two are deleted, the error names the one that was not', async () => {
      const ids = ['First', 'Second (fails)', 'Third'].map((name) => server.addToken({ name }).id);
      await list(services).refresh();
      await listsIdle(services);
      server.fail({ method: 'DELETE', path: `/v3/user/tokens/${ids[1]}`, ...faults.error(403, 'forbidden', 'You cannot delete this token') });
      const result = await run<{ deleted: string[]; failed: { tokenId: string; reason: string }[] }>('vercelTokens.deleteToken', ids, { confirmed: true });
      assert.deepEqual(result?.deleted.sort(), [ids[0], ids[2]].sort());
      assert.deepEqual(result?.failed.map((failure) => failure.tokenId), [ids[1]]);
      const remaining = new Set(server.tokens().map((token) => token.id));
      assert.equal(remaining.has(ids[0]), false);
      assert.equal(remaining.has(ids[1]), true);
      assert.equal(remaining.has(ids[2]), false);
      const errors = messagesOf('error');
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, new RegExp(`^1 of 3 tokens were not deleted: "Second \\(fails\\)" \\(${ids[1]}\\): .*Their stored values are kept\\.$`));
      assert.deepEqual(statusBarMessages, ['$(trash) Deleted 2 tokens']);
      await waitFor(() => !list(services).token(ids[0]) && !list(services).token(ids[2]) && list(services).token(ids[1]), 'the list to follow');
    });
  });
});
