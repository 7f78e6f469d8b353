// Faults, 429s, 403s, a failing keychain, another window and bad input — in the real extension host
// (code-server 4.100.3), against the stand-in API. For each: what the server saw, what is in the real
// SecretStorage, and what VS Code was asked to show. (The full tables, incl. cancellation and every
// fault kind on every path, run in test/unit/reliability; this is the same behaviour in VS Code itself.)
//
// Notes on the real host: notifications with buttons keep a command waiting until they are closed
// (dismissingNotifications closes them); modal dialogs are refused in extension tests, so a command
// that ends in a modal rejects with "refused to show dialog in tests" after the modal was requested.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults, type FaultAction } from '../../fake-vercel/server';
import {
  apiCall,
  dismissingNotifications,
  list,
  listsIdle,
  messages,
  messagesOf,
  outgoing,
  requestLines,
  rootIds,
  run,
  setApiUrl,
  signIn,
  storedAccountTokens,
  tokenItem,
  track,
  waitFor,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';

const SERVER_500 = 'Vercel had a server error (HTTP 500): An unexpected internal error occurred. Nothing was changed; try again later.';
const SERVER_500_UNKNOWN =
  'Vercel had a server error (HTTP 500): An unexpected internal error occurred. The request may or may not have been carried out; refresh before trying again.';
const NOT_JSON = 'Vercel sent a response this extension cannot read: HTTP 200 with a body that is not JSON.';
const TIMEOUT = 'Vercel did not answer within 1 s.';
const GATEWAY_502 =
  "Vercel's gateway failed (HTTP 502): Vercel answered with HTTP 502 and no readable error. The request may or may not have been carried out; refresh before trying again.";
const SIGNED_OUT =
  'Vercel no longer accepts the token this extension signed in with (invalid, expired or revoked). You have been signed out.';

interface CreateResult {
  tokenId: string;
  stored: boolean;
}

async function setTimeoutSeconds(seconds: number | undefined): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('vercelTokens');
  await config().update('requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);
  await waitFor(() => config().inspect('requestTimeoutSeconds')?.globalValue === seconds, `requestTimeoutSeconds = ${seconds}`);
}

describe('reliability', () => {
  let services: Services;
  let server: FakeVercel;
  const realSecrets = () => (services.keychain as unknown as { secrets: vscode.SecretStorage }).secrets;

  useStandIn((fixture) => ({ services, server } = fixture));
  before(() => setTimeoutSeconds(1));
  after(() => setTimeoutSeconds(undefined));

  async function storedIds(): Promise<string[]> {
    return [...(await services.keychain.storedTokenIds(server.user.id))].sort();
  }

  async function createStored(name: string): Promise<{ id: string; value: string }> {
    const result = await run<CreateResult>('vercelTokens.createToken', { name, expiry: 'never' });
    assert.ok(result?.stored);
    await listsIdle(services);
    messages.length = 0;
    return { id: result.tokenId, value: server.valueOf(result.tokenId)! };
  }

  describe('faults on each path', () => {
    for (const [name, action, reason] of [
      ['500', faults.serverError(500), SERVER_500],
      ['a body that is not JSON', { kind: 'malformed', variant: 'not-json' }, NOT_JSON],
    ] as [string, FaultAction, string][]) {
      it(`Sign In, ${name}: not signed in, nothing stored, "Not signed in: …" with Try Again`, async () => {
        server.fail({ method: 'GET', path: '/v2/user', times: 'always', ...action });
        const result = await dismissingNotifications(run('vercelTokens.signIn', server.accountToken));
        assert.equal(result, false);
        assert.equal(services.accounts.signedIn, false);
        assert.deepEqual(await storedAccountTokens(services), []);
        assert.deepEqual(requestLines(server), ['GET /v2/user']);
        assert.deepEqual(messagesOf('error').map((m) => [m.message, m.items]), [[`Not signed in: ${reason}`, ['Try Again']]]);
      });
    }

    for (const [name, action, reason] of [
      ['a body that is not JSON', { kind: 'malformed', variant: 'not-json' }, NOT_JSON],
      ['a body without tokens', { kind: 'malformed', variant: 'missing-fields' }, 'Vercel sent a response this extension cannot read: tokens is missing.'],
      ['a body that never finishes', { kind: 'hang', partialBody: true }, TIMEOUT],
    ] as [string, FaultAction, string | RegExp][]) {
      it(`Refresh, ${name}: the last list and the stored values stay; the view says it is stale and why`, async function () {
        this.timeout(30_000);
        await signIn(services, server.accountToken);
        const kept = await createStored('Kept');
        const ids = rootIds(services);
        const listsBefore = server.requests.filter((entry) => entry.path === '/v6/user/tokens').length;
        server.fail({ method: 'GET', path: '/v6/user/tokens', times: 'always', ...action });
        await vscode.commands.executeCommand('vercelTokens.refresh');
        await listsIdle(services);
        const lists = server.requests.filter((entry) => entry.path === '/v6/user/tokens').length - listsBefore;
        assert.equal(lists, 1, 'not retried: a timeout or an unreadable answer would only repeat');
        assert.deepEqual(rootIds(services), ids);
        assert.deepEqual(await storedIds(), [kept.id]);
        assert.equal(await services.keychain.getTokenValue(kept.id), kept.value);
        const error = list(services).error ?? '';
        if (typeof reason === 'string') assert.equal(error, reason);
        else assert.match(error, reason);
        assert.ok(services.treeView.message?.endsWith(`: the refresh failed (${error}).`), services.treeView.message);
        assert.deepEqual(messagesOf('error').map((m) => m.message), [`Could not refresh the tokens: ${error}`]);
      });
    }

    for (const [name, action, reason] of [
      ['500', faults.serverError(500), SERVER_500],
      ['a body that is not JSON', { kind: 'malformed', variant: 'not-json' }, NOT_JSON],
    ] as [string, FaultAction, string][]) {
      it(`Select Team, ${name}: the team stays, "Could not list the teams: …"`, async () => {
        server.addTeam({ slug: 'acme', name: 'Acme' });
        await signIn(services, server.accountToken);
        server.fail({ method: 'GET', path: '/v2/teams', times: 'always', ...action });
        const selecting = track(vscode.commands.executeCommand('vercelTokens.selectTeam'));
        await waitFor(() => selecting.settled || messagesOf('error').length > 0, 'the command to end or say something', 10_000);
        if (!selecting.settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await waitFor(() => selecting.settled, 'the command to end');
        assert.equal(selecting.error, undefined);
        assert.equal(services.accounts.team(server.user.id), undefined);
        assert.deepEqual(messagesOf('error').map((m) => m.message), [`Could not list the teams: ${reason}`]);
        assert.equal(services.accounts.signedIn, true);
      });
    }

    for (const [name, action, reason] of [
      ['502 (HTML)', faults.serverError(502, 'html'), GATEWAY_502],
      ['500 (any 5xx may come after Vercel acted)', faults.serverError(500), SERVER_500_UNKNOWN],
      ['connection reset before Vercel acted', { kind: 'reset' }, /^The connection to 127\.0\.0\.1:\d+ failed \(ECONNRESET\)\.$/],
      ['no answer', { kind: 'hang' }, TIMEOUT],
    ] as [string, FaultAction, string | RegExp][]) {
      it(`Create, ${name}: one POST, checked against the list, not created, "was not created" with Retry, nothing stored`, async function () {
        this.timeout(20_000);
        await signIn(services, server.accountToken);
        const kept = await createStored('Kept');
        const before = server.requests.length;
        server.fail({ method: 'POST', path: '/v3/user/tokens', ...action });
        const result = await dismissingNotifications(run('vercelTokens.createToken', { name: 'New', expiry: 'never' }));
        await listsIdle(services);
        assert.equal(result, undefined);
        const after = requestLines(server, before);
        assert.equal(after.filter((line) => line === 'POST /v3/user/tokens').length, 1, after.join(', '));
        assert.ok(after.slice(after.indexOf('POST /v3/user/tokens')).includes('GET /v6/user/tokens'), 'the list was checked');
        assert.equal(server.tokens().some((token) => token.name === 'New'), false);
        assert.deepEqual(await storedIds(), [kept.id]);
        const error = messagesOf('error').find((m) => m.message.startsWith('Token "New"'));
        assert.ok(error, JSON.stringify(messages));
        // The reason, then what the check of the list found.
        const found = ' The token list shows no new token of that name.';
        assert.ok(error.message.startsWith('Token "New" was not created: '));
        assert.ok(error.message.endsWith(found), error.message);
        const text = error.message.slice('Token "New" was not created: '.length, -found.length);
        if (typeof reason === 'string') assert.equal(text, reason);
        else assert.match(text, reason);
        assert.deepEqual(error.items, ['Retry']);
      });
    }

    it('Create, 200 that is not JSON after Vercel created it: found in the list, the modal offers Delete Token on Vercel, nothing stored', async () => {
      await signIn(services, server.accountToken);
      server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'malformed', variant: 'not-json' });
      const creating = track(run('vercelTokens.createToken', { name: 'Unreadable', expiry: 'never' }));
      await waitFor(() => messagesOf('warning').some((m) => m.modal) || creating.settled, 'the modal');
      await waitFor(() => creating.settled, 'the command to end');
      assert.match(String(creating.error), /refused to show dialog in tests/);
      const modal = messagesOf('warning').find((m) => m.modal);
      assert.equal(modal?.message, `Token "Unreadable" was created on Vercel, but its value was lost in transit (${NOT_JSON}).`);
      assert.deepEqual(modal?.items, ['Delete Token on Vercel', 'Keep']);
      const onServer = server.tokens().filter((token) => token.name === 'Unreadable');
      assert.ok(modal?.detail?.startsWith(`Found since the request:\n${onServer[0]?.id}, created `), modal?.detail);
      assert.equal(onServer.length, 1);
      assert.equal(server.requests.filter((entry) => entry.method === 'POST').length, 1);
      await listsIdle(services);
      assert.equal(tokenItem(services, onServer[0].id).description, 'no expiry');
      assert.equal(await services.keychain.getTokenValue(onServer[0].id), undefined);
    });

    for (const [name, action, gone, reason] of [
      ['connection reset before Vercel acted', { kind: 'reset' }, false, /^Token "Doomed" was not deleted: the delete failed \(The connection to 127\.0\.0\.1:\d+ failed \(ECONNRESET\)\.\) and Vercel still has the token afterwards\. Its stored value is kept; try again later\.$/],
      ['connection reset after Vercel deleted it', { kind: 'resetAfterCommit' }, true, undefined],
      ['no answer', { kind: 'hang' }, false, /^Token "Doomed" was not deleted: the delete failed \(Vercel did not answer within 1 s\.\) and Vercel still has the token afterwards\. Its stored value is kept; try again later\.$/],
    ] as [string, FaultAction, boolean, RegExp | undefined][]) {
      it(`Delete, ${name}: one DELETE, then Vercel asked for the token; ${gone ? 'gone (404), so cleaned up' : 'still there, so kept with its value, and the reason shown'}`, async () => {
        await signIn(services, server.accountToken);
        const doomed = await createStored('Doomed');
        server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', ...action });
        const result = await run('vercelTokens.deleteToken', doomed.id, { confirmed: true });
        await listsIdle(services);
        assert.equal(server.requests.filter((entry) => entry.method === 'DELETE').length, 1);
        assert.deepEqual(
          server.requests.filter((entry) => entry.path === `/v5/user/tokens/${doomed.id}`).map((entry) => entry.status),
          [gone ? 404 : 200],
          'the lost answer is settled by asking for the token itself',
        );
        assert.equal(result, gone);
        assert.equal(server.tokens().some((token) => token.id === doomed.id), !gone);
        assert.equal(await services.keychain.getTokenValue(doomed.id), gone ? undefined : doomed.value);
        assert.equal(rootIds(services).includes(doomed.id), !gone);
        if (reason) assert.match(messagesOf('error').at(-1)?.message ?? '', reason);
        else assert.deepEqual(messagesOf('error'), []);
      });
    }
  });

  describe('429', () => {
    it('Refresh honours Retry-After: 1 and lists; Create gets one POST, never a retry, and "Try again in 1 s"', async function () {
      this.timeout(20_000);
      await signIn(services, server.accountToken);
      server.addToken({ name: 'Appeared meanwhile' });
      const before = server.requests.length;
      server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: 1 }) });
      await vscode.commands.executeCommand('vercelTokens.refresh');
      await listsIdle(services);
      const lists = server.requests.slice(before).filter((entry) => entry.path === '/v6/user/tokens');
      assert.deepEqual(lists.map((entry) => entry.status), [429, 200]);
      assert.ok(lists[1].at - lists[0].at >= 950, `retried after ${lists[1].at - lists[0].at} ms`);
      assert.ok(list(services).tokens.some((token) => token.name === 'Appeared meanwhile'));
      assert.deepEqual(messagesOf('error'), []);

      // Retry-After: 0 — a read would be retried at once; a create must not be.
      server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.rateLimited({ retryAfter: 0 }) });
      assert.equal(await run('vercelTokens.createToken', { name: 'Limited', expiry: 'never' }), undefined);
      assert.deepEqual(messagesOf('error').map((m) => m.message), ["Token \"Limited\" was not created: Vercel's rate limit was reached. Try again in 1 s."]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(server.requests.filter((entry) => entry.method === 'POST').map((entry) => entry.status), [429], 'never retried');
      assert.equal(server.tokens().some((token) => token.name === 'Limited'), false);
    });
  });

  describe('403', () => {
    it('invalidToken on Create: signed out, the token forgotten, Sign In offered, no other error', async () => {
      await signIn(services, server.accountToken);
      const kept = await createStored('Kept');
      server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.invalidToken() });
      await dismissingNotifications(run('vercelTokens.createToken', { name: 'New', expiry: 'never' }));
      await listsIdle(services);
      assert.equal(services.accounts.signedIn, false);
      assert.deepEqual(await storedAccountTokens(services), []);
      assert.deepEqual(messagesOf('warning').map((m) => [m.message, m.items]), [[SIGNED_OUT, ['Sign In']]]);
      assert.deepEqual(messagesOf('error'), []);
      assert.deepEqual(rootIds(services), []);
      assert.equal(await services.keychain.getTokenValue(kept.id), kept.value, 'stored values stay for the next sign-in');
    });

    it('SAML and scope refusals on Create explain what to do and keep the session', async () => {
      const team = server.addTeam({ slug: 'acme', name: 'Acme' });
      await signIn(services, server.accountToken);
      await services.accounts.selectTeam(server.user.id, { id: team.id, slug: 'acme', name: 'Acme' });
      await listsIdle(services);
      server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.saml(team.id, 'acme') });
      await run('vercelTokens.createToken', { name: 'For Acme', expiry: 'never' });
      server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.scopeRequired('acme') });
      // "Cannot create tokens" waits for its Sign In with Another Token button: closed here.
      await dismissingNotifications(run('vercelTokens.createToken', { name: 'For Acme', expiry: 'never' }));
      const errors = messagesOf('error');
      assert.deepEqual(errors.map((m) => m.message).slice(0, 1), [
        'Token "For Acme" was not created: This team requires SAML single sign-on: You must re-authenticate to access "acme" (SAML Single Sign-On). ' +
          "Log in to the team on vercel.com (Vercel's SAML login), then try again.",
      ]);
      assert.equal(errors.length, 2);
      assert.match(
        errors[1].message,
        /^Token "For Acme" was not created: the token this extension signed in with cannot create tokens \(To create a token you must be authenticated to scope "acme".*\)\. Only a personal token with "Full Account" scope can: create one at vercel\.com\/account\/settings\/tokens and sign in with it\.$/,
      );
      assert.deepEqual(errors[1].items, ['Sign In with Another Token']);
      assert.equal(services.accounts.signedIn, true);
      assert.equal(server.tokens().some((token) => token.name === 'For Acme'), false);
    });
  });

  describe('a failing keychain (the real SecretStorage refusing values)', () => {
    it('the value is offered in a modal with Copy Value and Delete Token on Vercel; the tree says "value NOT stored"; nothing half-stored', async () => {
      await signIn(services, server.accountToken);
      const secrets = realSecrets();
      const original = secrets.store.bind(secrets);
      const refuse = (key: string, value: string) =>
        key.startsWith('value:') ? Promise.reject(new Error('No OS keyring is available')) : original(key, value);
      Object.defineProperty(secrets, 'store', { value: refuse, configurable: true, writable: true });
      try {
        const creating = track(run('vercelTokens.createToken', { name: 'Unsaved', expiry: 'never' }));
        await waitFor(() => messagesOf('warning').some((m) => m.modal) || creating.settled, 'the modal');
        await waitFor(() => creating.settled, 'the command to end');
        assert.match(String(creating.error), /refused to show dialog in tests/);
        const modal = messagesOf('warning').find((m) => m.modal);
        assert.equal(modal?.message, 'Token "Unsaved" was created, but its value is not stored.');
        assert.deepEqual(modal?.items, ['Copy Value', 'Delete Token on Vercel', 'Discard Value']);
        assert.match(modal?.detail ?? '', /VS Code could not store its value \(No OS keyring is available\)/);
        const token = server.tokens().find((candidate) => candidate.name === 'Unsaved');
        assert.ok(token);
        assert.ok(!(modal?.detail ?? '').includes(server.valueOf(token.id)!));
        assert.equal(tokenItem(services, token.id).description, 'no expiry · value NOT stored');
        assert.equal(tokenItem(services, token.id).contextValue, 'token');
        assert.equal(await services.keychain.getTokenValue(token.id), undefined);
        assert.deepEqual(await storedIds(), []);
      } finally {
        delete (secrets as unknown as Record<string, unknown>).store;
      }
    });
  });

  describe('another window (its writes to SecretStorage, as VS Code delivers them)', () => {
    it('a token created there appears here with its value; deleted there, it goes here; signed out there, signed out here', async () => {
      await signIn(services, server.accountToken);
      const secrets = realSecrets();
      const userId = server.user.id;
      const value = 'vcp_FromTheOtherWindow00000001';
      const token = server.addToken({ name: 'From the other window', value });
      await secrets.store(`value:${token.id}`, value);
      await secrets.store(`index:${userId}`, JSON.stringify([token.id]));
      await waitFor(() => list(services).isValueStored(token.id), 'the token and its value to appear');
      assert.equal(tokenItem(services, token.id).description, 'no expiry · value stored');
      assert.equal(await run('vercelTokens.copyToken', token.id), true);
      assert.equal(await vscode.env.clipboard.readText(), value);

      assert.equal(await apiCall(server, 'DELETE', `/v3/user/tokens/${token.id}`), 200);
      await secrets.delete(`value:${token.id}`);
      await secrets.store(`index:${userId}`, '[]');
      await waitFor(() => !list(services).token(token.id), 'the token to go');
      assert.equal(server.requests.filter((entry) => entry.method === 'DELETE').length, 1, 'only the other window deleted');

      // Signed out there: the account leaves the list of accounts, and its record goes.
      await secrets.store('accounts', '[]');
      await secrets.delete(`account:${userId}`);
      await waitFor(() => !services.accounts.signedIn && services.lists.get(userId) === undefined, 'signed out');
      assert.deepEqual(rootIds(services), []);
      assert.deepEqual(messagesOf('error'), []);
    });
  });

  describe('bad input is refused before anything is sent', () => {
    it('names and expiries as command arguments: the validator’s message, no request', async () => {
      await signIn(services, server.accountToken);
      const before = server.requests.length;
      outgoing.length = 0;
      const names = ['', '   ', 'tab\there', 'line\nbreak', 'a'.repeat(101), 'invoice\u202Eexe.txt', 'zero\u200Bwidth', '\uFEFF'];
      const expiries = ['', 'soon', '-7d', '0', '2020-01-01', '2026-02-30', '9999-12-31', '1e309', '10min', '3x'];
      for (const name of names) await run('vercelTokens.createToken', { name, expiry: 'never' });
      for (const expiry of expiries) await run('vercelTokens.createToken', { name: 'Valid', expiry });
      await listsIdle(services);
      assert.deepEqual(requestLines(server, before), []);
      assert.deepEqual(outgoing, []);
      const shown = messagesOf('error').map((m) => m.message);
      assert.equal(shown.length, names.length + expiries.length, JSON.stringify(shown));
      assert.ok(shown.every((message) => message.startsWith('Token not created: ')), JSON.stringify(shown));
      assert.equal(shown[0], 'Token not created: Enter a name for the token.');
      assert.match(shown[5], /RIGHT-TO-LEFT OVERRIDE/);
      assert.match(shown[names.length + 5], /^Token not created: February 2026 has 28 days; 2026-02-30 is not a real date\.$/);
    });

    it('account tokens as the sign-in argument: refused with the reason, no request, nothing stored; one trailing newline is trimmed', async function () {
      this.timeout(30_000);
      const token = server.accountToken;
      for (const raw of ['', '  ', `${token}\n${token}`, `${token}\n\n`, `Bearer ${token}`, 'https://vercel.com', `"${token}"`, 'vcp_short']) {
        messages.length = 0;
        assert.equal(await dismissingNotifications(run('vercelTokens.signIn', raw)), false, JSON.stringify(raw));
        assert.equal(messagesOf('error').length, 1);
        assert.ok(messagesOf('error')[0].message.startsWith('Not signed in: '));
        assert.ok(!messagesOf('error')[0].message.includes(token), 'the message quotes the token');
      }
      assert.deepEqual(server.requests, []);
      assert.deepEqual(await storedAccountTokens(services), []);

      assert.equal(await run('vercelTokens.signIn', `${token}\n`), true);
      assert.deepEqual(await storedAccountTokens(services), [token]);
    });

    it('a bad vercelTokens.apiUrl user setting: sign-in refused with the setting’s problem, nothing leaves the extension host', async function () {
      this.timeout(30_000);
      const port = new URL(server.url).port;
      // (http://example.com is in faults.test.ts; the full table runs in test/unit/reliability/badInput.test.ts.)
      for (const url of ['not a url', `http://user:secret@127.0.0.1:${port}`, 'ftp://api.vercel.com']) {
        await setApiUrl(url);
        messages.length = 0;
        outgoing.length = 0;
        assert.equal(await dismissingNotifications(run('vercelTokens.signIn', server.accountToken)), false, url);
        assert.deepEqual(server.requests, [], url);
        assert.deepEqual(outgoing, [], url);
        assert.match(messagesOf('error')[0]?.message ?? '', /^Not signed in: The setting vercelTokens\.apiUrl is refused: /, url);
      }
      assert.deepEqual(await storedAccountTokens(services), []);
    });
  });
});
