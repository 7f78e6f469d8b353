// A token's whole life in the extension: scope on create, one-step rotation, alerts, clean-up.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults, startFakeVercel } from '../../fake-vercel/server';
import { fake, withExtension, type Harness } from '../support/harness';
import { FakeSecretStorage } from '../support/fakes';

const DAY = 24 * 60 * 60 * 1000;

function acmeWithProjects(h: Harness) {
  const acme = h.server.addTeam({ slug: 'acme', name: 'Acme' });
  const web = h.server.addProject({ teamId: acme.id, name: 'web' });
  h.server.addProject({ teamId: acme.id, name: 'api' });
  h.server.addTeam({ slug: 'sso', name: 'SSO Co', samlEnforced: true });
  return { acme, web };
}

describe('Create: name → scope → expiry', () => {
  test('a project of a team: ?teamId= and projectId sent; the tree shows "acme › web"', async () => {
    await withExtension({}, async (h) => {
      const { acme, web } = acmeWithProjects(h);
      await h.signIn();
      const created = h.runPublic<{ tokenId: string } | undefined>('vercelTokens.createToken');
      const name = await fake.nextInputBox();
      assert.equal(name.step, 1);
      name.type('Web deploys').enter();
      const scope = await (await fake.nextQuickPick()).ready();
      assert.deepEqual([scope.step, scope.totalSteps], [2, 3]);
      assert.equal(scope.activeItems[0]?.label, '$(account) Full Account', 'the current selection first, pre-selected');
      const sso = scope.items.find((item) => item.label.includes('SSO Co'));
      assert.match(sso?.description ?? '', /SAML/, 'a team the account cannot act for says why');
      scope.choose(/SSO Co/);
      assert.equal(scope.visible, true, 'not pickable: the pick stays open');
      assert.match(scope.placeholder ?? '', /SAML/);
      scope.choose(/Acme/);
      const projects = await (await fake.nextQuickPick()).ready();
      const labels = projects.items.map((item) => item.label);
      assert.equal(labels[0], '$(organization) All projects of acme');
      assert.deepEqual(labels.slice(1).sort(), ['$(project) api', '$(project) web']);
      projects.choose('$(project) web');
      const expiry = await fake.nextInputBox();
      assert.deepEqual([expiry.step, expiry.totalSteps], [3, 3]);
      expiry.type('never').enter();
      const result = await created;
      assert.ok(result);
      const [post] = h.requestsTo('POST', '/v3/user/tokens');
      assert.deepEqual(post.query, { teamId: acme.id });
      assert.deepEqual(post.body, { name: 'Web deploys', projectId: web.id });
      await h.settle();
      assert.match((await h.row('Web deploys')).description, /Acme › web/);
    });
  });

  test('Back goes from the projects to the teams and from the scope to the name; Enter keeps the selected team', async () => {
    await withExtension({}, async (h) => {
      const { acme } = acmeWithProjects(h);
      await h.signIn();
      await h.context.globalState.update('vercelTokens.teams', { [h.userId]: { id: acme.id, slug: 'acme', name: 'Acme' } });
      const created = h.runPublic('vercelTokens.createToken');
      (await fake.nextInputBox()).type('Kept').enter();
      const scope = await (await fake.nextQuickPick()).ready();
      assert.match(scope.activeItems[0]?.label ?? '', /Acme/, 'the selected team first');
      scope.back();
      const nameAgain = await fake.nextInputBox();
      assert.equal(nameAgain.value, 'Kept');
      nameAgain.enter();
      const scopeAgain = await (await fake.nextQuickPick()).ready();
      scopeAgain.choose((item) => /choose all projects or one/.test((item as { description?: string }).description ?? ''));
      const projects = await (await fake.nextQuickPick()).ready();
      projects.back();
      (await (await fake.nextQuickPick()).ready()).enter();
      (await fake.nextInputBox()).type('never').enter();
      await created;
      const [post] = h.requestsTo('POST', '/v3/user/tokens');
      assert.deepEqual(post.query, { teamId: acme.id }, 'Enter kept the selected team');
      assert.deepEqual(post.body, { name: 'Kept' });
    });
  });

  test('a selected team the account can no longer act for (SAML) is not pre-selected; Full Account is', async () => {
    await withExtension({}, async (h) => {
      const sso = h.server.addTeam({ slug: 'sso', name: 'SSO Co', samlEnforced: true });
      await h.signIn();
      await h.context.globalState.update('vercelTokens.teams', { [h.userId]: { id: sso.id, slug: 'sso', name: 'SSO Co' } });
      const created = h.runPublic('vercelTokens.createToken');
      (await fake.nextInputBox()).type('Safe').enter();
      const scope = await (await fake.nextQuickPick()).ready();
      assert.equal(scope.activeItems[0]?.label, '$(account) Full Account');
      assert.match(scope.items[0].description ?? '', /SAML/);
      scope.hide();
      assert.equal(await created, undefined);
    });
  });

  test('an account without teams has two steps', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const created = h.runPublic('vercelTokens.createToken');
      (await fake.nextInputBox()).type('Two steps').enter();
      const expiry = await fake.nextInputBox();
      assert.deepEqual([expiry.step, expiry.totalSteps], [2, 2]);
      expiry.type('never').enter();
      await created;
      assert.equal(fake.createdQuickPicks.length, 0);
    });
  });

  test('a token that cannot create tokens: explained in words, with Sign In with Another Token', async () => {
    await withExtension({}, async (h) => {
      const team = h.server.addTeam({ slug: 'acme' });
      const scoped = h.server.issueToken({ kind: 'team-scoped', teamId: team.id });
      await h.signIn(scoped.value);
      await h.run('vercelTokens.createToken', { name: 'Nope', expiry: 'never' });
      const message = fake.messagesOf('error').at(-1);
      assert.match(message?.message ?? '', /cannot create tokens .*Full Account/);
      assert.deepEqual(message?.items, ['Sign In with Another Token']);
    });
  });
});

describe('Rotate Token', () => {
  test('a replacement with the same name and lifetime, stored; the old one deleted; the new row selected', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const old = await h.create('CI', '30d');
      const result = await h.run<{ kind: string; replacementId: string }>('vercelTokens.rotateToken', old.id, { confirmed: true });
      assert.equal(result.kind, 'rotated');
      const replacement = h.server.tokens().find((token) => token.id === result.replacementId)!;
      assert.equal(replacement.name, 'CI');
      assert.ok(Math.abs((replacement.expiresAt ?? 0) - replacement.createdAt - 30 * DAY) < 5 * 60_000, 'the same lifetime');
      assert.equal(h.secrets.data.get(`value:${replacement.id}`), h.server.valueOf(replacement.id));
      assert.equal(h.server.tokens().some((token) => token.id === old.id), false);
      assert.equal(h.secrets.data.has(`value:${old.id}`), false);
      await h.settle();
      assert.ok(h.treeView.reveals.some((reveal) => (reveal.element as { tokenId?: string }).tokenId === replacement.id));
      assert.match(fake.statusBarMessages.at(-1)?.text ?? '', /Rotated token "CI"/);
    });
  });

  test('the modal says the old token stops working; dismissed, nothing happens', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      await h.create('CI');
      const row = await h.row('CI');
      assert.equal(await h.runPublic('vercelTokens.rotateToken', row.element), undefined);
      const modal = fake.messages.find((m) => m.message === 'Rotate the Vercel token "CI"?');
      assert.ok(modal?.options?.modal);
      assert.match(modal?.options?.detail ?? '', /stops working at once/);
      assert.equal(h.requestsTo('POST', '/v3/user/tokens').length, 1, 'only the first create');
    });
  });

  test('deleting the old one fails: both exist, the new value is stored, the message offers Retry', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const old = await h.create('CI');
      h.server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...faults.error(403, 'forbidden', 'Not allowed now') });
      const result = await h.run<{ kind: string; replacementId: string }>('vercelTokens.rotateToken', old.id, { confirmed: true });
      assert.equal(result.kind, 'oldStillActive');
      assert.ok(h.server.valueOf(old.id));
      assert.equal(h.secrets.data.get(`value:${result.replacementId}`), h.server.valueOf(result.replacementId));
      const warning = fake.messagesOf('warning').at(-1);
      assert.match(warning?.message ?? '', /still active/);
      assert.deepEqual(warning?.items, ['Retry']);
    });
  });

  test('the replacement cannot be stored: the not-stored dialog, and the old token is kept', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const old = await h.create('CI');
      h.secrets.failStore(new Error('The keyring is locked'), /^value:/);
      await h.run('vercelTokens.rotateToken', old.id, { confirmed: true });
      const modal = fake.messages.find((m) => m.message.includes('was created, but its value is not stored'));
      assert.ok(modal?.options?.modal);
      assert.match(modal?.options?.detail ?? '', /old token "CI" is untouched/);
      assert.ok(h.server.valueOf(old.id));
      assert.equal(h.secrets.data.get(`value:${old.id}`), old.value);
    });
  });

  test("the create's answer is lost: the found replacement is shown, and the message says the old token is untouched", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const old = await h.create('CI');
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
      const result = await h.run<{ kind: string }>('vercelTokens.rotateToken', old.id, { confirmed: true });
      assert.equal(result.kind, 'createUnknown');
      const modal = fake.messages.find((m) => m.message.startsWith('Token "CI" was created on Vercel'));
      assert.match(modal?.options?.detail ?? '', new RegExp(`The old token "CI" \\(${old.id}\\) is untouched and still works`));
      assert.ok(h.server.valueOf(old.id), 'the old token is untouched');
    });
  });

  test('the create fails: the old token is untouched', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const old = await h.create('CI');
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.error(400, 'bad_request', 'Invalid request') });
      const result = await h.run<{ kind: string }>('vercelTokens.rotateToken', old.id, { confirmed: true });
      assert.equal(result.kind, 'refused');
      assert.ok(h.server.valueOf(old.id));
      assert.match(fake.messagesOf('error').at(-1)?.message ?? '', /was not rotated \(it is untouched\)/);
    });
  });
});

describe('Alerts', () => {
  function seed(h: Harness) {
    h.server.addToken({ name: 'Expires soon', expiresAt: Date.now() + 3 * DAY });
    h.server.addToken({ name: 'Expires later', expiresAt: Date.now() + 60 * DAY });
    const leaked = h.server.addToken({ name: 'Leaked' });
    h.server.markLeaked(leaked.id, 'https://github.com/acme/app/blob/main/.env');
  }

  test('one notification for all tokens that need attention, the badge counts them, the rows say why', async () => {
    await withExtension({}, async (h) => {
      seed(h);
      await h.signIn();
      await h.settle();
      const notices = fake.messagesOf('warning').filter((m) => m.items.includes('Rotate…'));
      assert.equal(notices.length, 1, 'one notification');
      assert.match(notices[0].message, /"Expires soon" expires in 3 days/);
      assert.match(notices[0].message, /"Leaked" leaked/);
      assert.deepEqual(notices[0].items, ['Rotate…', 'Show', "Don't Warn Again for These"]);
      assert.deepEqual(h.treeView.badge, { value: 2, tooltip: '2 Vercel tokens need attention: expiring soon, leaked or revoked' });
      const soon = await h.row('Expires soon');
      assert.equal(soon.icon?.color, 'list.warningForeground');
      assert.match(soon.accessibilityLabel ?? '', /expires in 3 days.*needs attention/);
    });
  });

  test('the same tokens are not announced again after a reload', async () => {
    const secrets = new FakeSecretStorage();
    const server = await startFakeVercel();
    let globalState: Record<string, unknown> = {};
    await withExtension({ secrets, server }, async (h) => {
      seed(h);
      await h.signIn();
      await h.settle();
      assert.equal(fake.messagesOf('warning').filter((m) => m.items.includes('Rotate…')).length, 1);
      globalState = { ...h.context.globalState.data };
      assert.ok(!JSON.stringify(globalState).includes('vcp_'), 'ids and states only');
    });
    // The window reloads: the same keychain, the same global state, the same account on Vercel.
    await withExtension({ secrets, globalState, server }, async (h) => {
      await h.settle();
      assert.ok((await h.rows()).some((row) => row.label === 'Leaked'), 'signed in and listed again');
      assert.equal(fake.messagesOf('warning').filter((m) => m.items.includes('Rotate…')).length, 0);
      assert.equal((h.treeView.badge as { value: number } | undefined)?.value, 2, 'the badge still counts them');
    });
    await server.close();
  });
});

describe('Clean-up', () => {
  test('Delete on several selected rows asks once, deletes each, and reports the one that failed', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const a = await h.create('A');
      const b = await h.create('B');
      const c = await h.create('C');
      h.server.fail({ method: 'DELETE', path: `/v3/user/tokens/${b.id}`, ...faults.error(403, 'forbidden', 'Not allowed') });
      fake.answerMessage('Delete 3 Vercel tokens?', 'Delete');
      const rows = await h.rows();
      const selected = ['A', 'B', 'C'].map((label) => rows.find((row) => row.label === label)!.element);
      const result = await h.runPublic<{ deleted: string[]; failed: unknown[] }>('vercelTokens.deleteToken', selected[0], selected);
      assert.deepEqual(result.deleted.sort(), [a.id, c.id].sort());
      assert.equal(result.failed.length, 1);
      const modal = fake.messages.find((m) => m.message === 'Delete 3 Vercel tokens?');
      assert.match(modal?.options?.detail ?? '', /• A\n• B\n• C/);
      assert.match(fake.messagesOf('error').at(-1)?.message ?? '', /1 of 3 tokens were not deleted: "B"/);
      assert.equal(h.secrets.data.has(`value:${a.id}`), false);
      assert.equal(h.secrets.data.get(`value:${b.id}`), b.value, 'the one not deleted keeps its value');
    });
  });

  test("the account's own token among the selection goes last: the others are deleted first, then the user is signed out and told", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const a = await h.create('A');
      const rows = await h.rows();
      const own = rows.find((row) => row.label === 'Stand-in account token')!.element;
      const mine = rows.find((row) => row.label === 'A')!.element;
      fake.answerMessage('Delete 2 Vercel tokens?', 'Delete');
      const result = await h.runPublic<{ deleted: string[]; failed: unknown[] }>('vercelTokens.deleteToken', own, [own, mine]);
      assert.deepEqual(result.failed, []);
      assert.equal(result.deleted[0], a.id, 'the other token first');
      assert.equal(result.deleted.length, 2);
      assert.match(fake.messagesOf('information').at(-1)?.message ?? '', /signed in with: you are signed out of that account/);
      assert.equal(fake.context.get('vercelTokens.signedIn'), false);
    });
  });

  test('Delete Expired and Revoked Tokens…: all pre-selected, one confirmation', async () => {
    await withExtension({}, async (h) => {
      const expired = h.server.addToken({ name: 'Old', expiresAt: Date.now() + 1000 });
      const revoked = h.server.addToken({ name: 'Revoked' });
      h.server.revoke(revoked.id);
      h.server.expire(expired.id);
      await h.signIn();
      fake.answerQuickPick((items) => items.filter((item: { picked?: boolean }) => item.picked));
      fake.answerMessage('Delete 2 Vercel tokens?', 'Delete');
      const result = await h.runPublic<{ deleted: string[] }>('vercelTokens.deleteExpiredTokens');
      assert.deepEqual(result.deleted.sort(), [expired.id, revoked.id].sort());
      const [pick] = fake.quickPicks;
      assert.equal((pick.options as { canPickMany: boolean }).canPickMany, true);
      assert.ok((pick.items as { picked: boolean }[]).every((item) => item.picked));
    });
  });

  test('Delete Expired and Revoked Tokens… with one: the confirmation, progress and status bar speak of one token', async () => {
    await withExtension({}, async (h) => {
      const revoked = h.server.addToken({ name: 'Revoked' });
      h.server.revoke(revoked.id);
      await h.signIn();
      fake.answerQuickPick((items) => items.filter((item: { picked?: boolean }) => item.picked));
      fake.answerMessage('Delete 1 Vercel token?', 'Delete');
      const result = await h.runPublic<{ deleted: string[] }>('vercelTokens.deleteExpiredTokens');
      assert.deepEqual(result.deleted, [revoked.id]);
      assert.ok(fake.progress.some((run) => run.options.title === 'Deleting 1 token'), fake.progress.map((run) => run.options.title).join(', '));
      assert.ok(fake.statusBarMessages.some((m) => m.text === '$(trash) Deleted 1 token'));
    });
  });

  test('Hide Expired and Revoked: filtered, remembered, and the view says how many are hidden', async () => {
    await withExtension({}, async (h) => {
      const revoked = h.server.addToken({ name: 'Revoked' });
      h.server.revoke(revoked.id);
      await h.signIn();
      await h.runPublic('vercelTokens.hideInactiveTokens');
      await h.settle();
      assert.ok(!(await h.rows()).some((row) => row.label === 'Revoked'));
      assert.equal(h.treeView.message, '1 expired or revoked token is hidden.');
      assert.equal(h.context.globalState.get('vercelTokens.hideInactive'), true);
      assert.equal(fake.context.get('vercelTokens.hideInactive'), true);
      await h.runPublic('vercelTokens.showInactiveTokens');
      await h.settle();
      assert.ok((await h.rows()).some((row) => row.label === 'Revoked'));
      assert.equal(h.treeView.message, undefined);
    });
  });

  test('every token hidden and the refresh failed: the stale list is said in the message, as no welcome says it', async () => {
    await withExtension({}, async (h) => {
      const expired = h.server.addToken({ name: 'Expired' });
      h.server.expire(expired.id);
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'omit', tokenIds: [h.accountTokenId], times: 'always' });
      await h.signIn();
      await h.runPublic('vercelTokens.hideInactiveTokens');
      await h.settle();
      assert.equal(fake.context.get('vercelTokens.allHidden'), true);
      assert.equal(h.treeView.message, undefined, 'no error: the welcome says it');
      h.server.clearFaults();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.equal(fake.context.get('vercelTokens.allHidden'), true, 'the stale list is still shown, all of it hidden');
      assert.match(h.treeView.message ?? '', /^Showing the list from .+: the refresh failed \(Vercel had a server error \(HTTP 500\)/);
      assert.match(h.treeView.message ?? '', /1 expired or revoked token is hidden\.$/);
    });
  });

  test('every token hidden: vercelTokens.allHidden is set (the view shows its welcome), and cleared once a token is shown again', async () => {
    await withExtension({}, async (h) => {
      const revoked = h.server.addToken({ name: 'Revoked' });
      h.server.revoke(revoked.id);
      const expired = h.server.addToken({ name: 'Expired' });
      h.server.expire(expired.id);
      // The list leaves out the account's own token, as a lagging list may: every token it shows is inactive.
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'omit', tokenIds: [h.accountTokenId], times: 'always' });
      await h.signIn();
      assert.deepEqual((await h.rows()).map((row) => row.label).sort(), ['Expired', 'Revoked']);
      assert.equal(fake.context.get('vercelTokens.allHidden'), false);

      await h.runPublic('vercelTokens.hideInactiveTokens');
      await h.settle();
      assert.deepEqual(await h.rows(), [], 'an empty tree: VS Code shows the welcome view');
      assert.equal(fake.context.get('vercelTokens.allHidden'), true);
      assert.equal(fake.context.get('vercelTokens.state'), 'ready', 'not the empty list\'s welcome');
      // VS Code shows a view's welcome only while the view has no message: the welcome says it.
      assert.equal(h.treeView.message, undefined, 'no message that would hide the welcome');

      await h.runPublic('vercelTokens.showInactiveTokens');
      await h.settle();
      assert.equal((await h.rows()).length, 2);
      assert.equal(fake.context.get('vercelTokens.allHidden'), false);

      // Hidden again, then a token that is not hidden appears.
      await h.runPublic('vercelTokens.hideInactiveTokens');
      await h.settle();
      assert.equal(fake.context.get('vercelTokens.allHidden'), true);
      await h.create('Fresh');
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Fresh']);
      assert.equal(fake.context.get('vercelTokens.allHidden'), false);
      // Sent only when it changed, like the view's other context keys.
      const sent = fake.contextHistory.filter(({ key }) => key === 'vercelTokens.allHidden').map(({ value }) => value);
      assert.deepEqual(sent, [false, true, false, true, false]);
    });
  });
});
