// Secret hygiene in the real VS Code (code-server 4.100.3, extension host on the server):
// - a full session at TRACE log level, then every file VS Code's server wrote (user data with logs
//   and globalStorage, its runtime dir, the workspace) is searched for every token value;
// - the "Vercel Tokens" log file itself: one line per request (method, path, status, duration),
//   Authorization and bearerToken redacted, trace lines present;
// - vercelTokens.apiUrl in the workspace's .vscode/settings.json is ignored;
// - the manifest as VS Code loaded it.
// SecretStorage of code-server lives in the browser (localStorage), not in these files: see
// docs/reliability.md. `npm run test:hygiene` runs this file again with the whole server at trace
// level and searches the files once more after VS Code has exited (test/hygiene/run.ts).
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { faults } from '../../fake-vercel/server';
import { findFiles, scanForSecrets, type Secret } from '../../hygiene/scan';
import {
  DAY,
  dismissingNotifications,
  extension,
  list,
  listsIdle,
  messages,
  messagesOf,
  run,
  signIn,
  startServer,
  waitFor,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';
import { extensionLogFile, scanRoots, userDataDir } from './hygieneFiles';

const LEVEL_NAMES: Record<number, string> = { 0: 'off', 1: 'trace', 2: 'debug', 3: 'info', 4: 'warn', 5: 'error' };

describe('secret hygiene', () => {
  let services: Services;
  let server: FakeVercel;
  let levelBefore: vscode.LogLevel;

  useStandIn((fixture) => ({ services, server } = fixture));
  before(() => {
    levelBefore = vscode.env.logLevel;
  });
  after(async () => {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', LEVEL_NAMES[levelBefore] ?? 'info');
  });

  it('the manifest VS Code loaded declares untrusted-workspace limits, virtual workspaces and application-scoped settings', () => {
    const manifest = extension().packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] }; virtualWorkspaces: unknown };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('vercelTokens.apiUrl'));
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
    assert.equal(manifest.contributes.configuration.properties['vercelTokens.apiUrl'].scope, 'application');
    assert.equal(manifest.contributes.configuration.properties['vercelTokens.requestTimeoutSeconds'].scope, 'application');
  });

  it('a full session at TRACE level leaves no token value in any file the VS Code server wrote; the log records every request, redacted', async function () {
    this.timeout(60_000);
    const marker = `hygiene-${Date.now()}`;
    const secrets: Secret[] = [{ label: 'the account token', value: server.accountToken }];

    // TRACE for everything, this extension's channel included.
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    const channel = (services.log as unknown as { channel: vscode.LogOutputChannel }).channel;
    await waitFor(() => channel.logLevel === vscode.LogLevel.Trace, 'the "Vercel Tokens" channel at Trace');
    services.log.trace(`${marker}: trace is on`);

    // A token Vercel refuses, then the real account.
    const revoked = server.issueToken({ kind: 'full', name: 'Revoked before use' });
    server.revoke(revoked.token.id);
    secrets.push({ label: 'a revoked token tried at sign-in', value: revoked.value });
    assert.equal(await dismissingNotifications(run('vercelTokens.signIn', revoked.value)), false);
    await signIn(services, server.accountToken);

    // Several tokens created and stored; one copied; ids copied; refreshed.
    const created: { id: string; value: string }[] = [];
    for (const [name, expiry] of [
      ['Hygiene never', 'never'],
      ['Hygiene week', '7d'],
      ['Hygiene half day', '12h'],
    ]) {
      const result = await run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name, expiry });
      assert.ok(result?.stored, `${name} was not stored`);
      const value = server.valueOf(result.tokenId);
      assert.ok(value);
      created.push({ id: result.tokenId, value });
      secrets.push({ label: `the value of "${name}"`, value });
    }
    await listsIdle(services);
    assert.equal(await run('vercelTokens.copyToken', created[0].id), true);
    assert.equal(await vscode.env.clipboard.readText(), created[0].value);
    await run('vercelTokens.copyTokenId', created[1].id);
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);

    // Failing requests: a 500 on refresh; a 400 whose message echoes the Authorization header.
    server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await listsIdle(services);
    server.fail({
      method: 'POST',
      path: '/v3/user/tokens',
      ...faults.error(400, 'bad_request', `Invalid request. Received headers: Authorization: Bearer ${server.accountToken}`),
    });
    assert.equal(await run('vercelTokens.createToken', { name: 'Hygiene echo', expiry: 'never' }), undefined);
    const echo = messagesOf('error').find((m) => m.message.startsWith('Token "Hygiene echo" was not created'));
    assert.equal(
      echo?.message,
      'Token "Hygiene echo" was not created: Vercel refused the request (HTTP 400): Invalid request. Received headers: Authorization: Bearer [redacted].',
    );

    // Delete one, then sign out.
    assert.equal(await run('vercelTokens.deleteToken', created[2].id, { confirmed: true }), true);
    await listsIdle(services);
    await vscode.commands.executeCommand('vercelTokens.signOut');
    await listsIdle(services);

    // Redaction of the channel itself, written through the real LogOutputChannel.
    services.log.info(`${marker}: Authorization: Bearer ${server.accountToken}`);
    services.log.info(`${marker}: {"token":{"id":"${created[0].id}"},"bearerToken":"${created[0].value}"}`);
    services.log.trace(`${marker}: done`);

    for (const shown of messages) {
      for (const secret of secrets) assert.ok(!`${shown.message}\n${shown.detail ?? ''}`.includes(secret.value), `${secret.label} was shown: ${shown.message}`);
    }

    // What the test knows goes to the runner (test/hygiene/run.ts) for its search after VS Code exits.
    const out = process.env.VERCEL_TOKENS_HYGIENE_OUT;
    if (out) writeFileSync(out, JSON.stringify({ marker, secrets }, null, 2));

    // --- The log file of the "Vercel Tokens" channel ---
    const userData = userDataDir();
    const logPath = extensionLogFile(userData);
    await waitFor(() => readFileSync(logPath, 'utf8').includes(`${marker}: done`), `the log file ${logPath} to be written`, 10_000);
    const logLines = readFileSync(logPath, 'utf8').split('\n');
    const session = logLines.slice(logLines.findIndex((line) => line.includes(`${marker}: trace is on`)));
    const has = (pattern: RegExp, what: string) =>
      assert.ok(session.some((line) => pattern.test(line)), `no log line for ${what} (${pattern})\n${session.join('\n')}`);
    const stamp = String.raw`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} `;
    has(new RegExp(`${stamp}\\[trace\\] ${marker}: trace is on$`), 'the trace probe');
    has(new RegExp(`${stamp}\\[info\\] GET /v2/user → 200 in \\d+ ms$`), 'GET /v2/user');
    has(new RegExp(`${stamp}\\[warning\\] GET /v2/user → 403 in \\d+ ms: Not authorized$`), 'the refused sign-in');
    has(new RegExp(`${stamp}\\[info\\] GET /v5/user/tokens/current → 200 in \\d+ ms$`), 'GET /v5/user/tokens/current');
    has(new RegExp(`${stamp}\\[info\\] GET /v6/user/tokens\\?limit=100 → 200 in \\d+ ms$`), 'the list');
    has(new RegExp(`${stamp}\\[info\\] GET /v2/teams\\?limit=100 → 200 in \\d+ ms$`), 'the teams');
    has(new RegExp(`${stamp}\\[info\\] POST /v3/user/tokens → 200 in \\d+ ms$`), 'a create');
    has(new RegExp(`${stamp}\\[info\\] DELETE /v3/user/tokens/${created[2].id} → 200 in \\d+ ms$`), 'the delete');
    has(new RegExp(`${stamp}\\[warning\\] GET /v6/user/tokens\\?limit=100 → 500 in \\d+ ms: An unexpected internal error occurred\\.$`), 'the 500');
    has(
      new RegExp(`${stamp}\\[warning\\] POST /v3/user/tokens → 400 in \\d+ ms: Invalid request\\. Received headers: Authorization: \\[redacted\\]$`),
      'the 400 with the echoed header',
    );
    has(new RegExp(`${stamp}\\[info\\] ${marker}: Authorization: \\[redacted\\]$`), 'the Authorization probe');
    has(new RegExp(`${stamp}\\[info\\] ${marker}: \\{"token":\\{"id":"${created[0].id}"\\},"bearerToken":"\\[redacted\\]"\\}$`), 'the bearerToken probe');
    has(new RegExp(`${stamp}\\[info\\] Signed out of tester$`), 'the sign-out');
    const requestLines = session.filter((line) => / (GET|POST|DELETE) \/\S* → /.test(line));
    assert.ok(requestLines.length >= 12, `${requestLines.length} request lines`);
    for (const line of requestLines) assert.match(line, / → (\d{3}|no response) in \d+ ms( \(attempt \d+\))?(: .*)?$/);

    // VS Code's own logs are at trace too (proof that the level really was on while it ran).
    const traceLines = findFiles(join(userData, 'logs'), 'remoteexthost.log')
      .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
      .filter((line) => line.includes('[trace]'));
    assert.ok(traceLines.length > 0, 'remoteexthost.log has no [trace] lines');

    // --- Every file the server wrote ---
    const roots = scanRoots(userData);
    const report = scanForSecrets(roots, [...secrets, { label: 'CONTROL: the trace marker', value: `${marker}: trace is on` }]);
    const control = report.findings.filter((finding) => finding.label.startsWith('CONTROL'));
    assert.ok(control.some((finding) => finding.file.endsWith('Vercel Tokens.log')), 'the search did not read the log file');
    const leaks = report.findings.filter((finding) => !finding.label.startsWith('CONTROL'));
    console.log(`hygiene: searched ${report.files} files (${report.bytes} bytes) under ${roots.join(', ')} for ${secrets.length} values`);
    assert.deepEqual(
      leaks.map((finding) => `${finding.label} in ${finding.file} (${finding.encoding})`),
      [],
      'token values were found in files the VS Code server wrote',
    );
    assert.ok(report.files >= 10, `only ${report.files} files searched: ${report.scanned.join(', ')}`);
  });

  it('vercelTokens.apiUrl in the workspace .vscode/settings.json, pointing at a second stand-in, gets no request; the user setting’s server gets them all', async function () {
    this.timeout(30_000);
    const second = await startServer();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test window has a workspace folder');
    const dir = join(folder.uri.fsPath, '.vscode');
    const config = () => vscode.workspace.getConfiguration('vercelTokens');
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'settings.json'),
        JSON.stringify(
          {
            'vercelTokens.apiUrl': second.url,
            'vercelTokens.requestTimeoutSeconds': 1,
            // A window-scoped setting in the same file: shows that VS Code read the file.
            'vercelTokens.defaultExpiry': '2w',
          },
          null,
          2,
        ),
      );
      await waitFor(() => config().get('defaultExpiry') === '2w', 'VS Code to read .vscode/settings.json');
      assert.notEqual(config().get('apiUrl'), second.url, 'VS Code itself does not apply an application setting from a workspace');

      await signIn(services, server.accountToken);
      const before = Date.now();
      const result = await run<{ tokenId: string }>('vercelTokens.createToken', { name: 'Workspace default expiry' });
      assert.ok(result);
      const expiresAt = list(services).token(result.tokenId)?.expiresAt ?? 0;
      assert.ok(expiresAt > before + 13 * DAY && expiresAt < before + 15 * DAY, 'the workspace defaultExpiry (2w) was used');
      // requestTimeoutSeconds = 1 from the workspace is ignored: a 1.3 s answer still arrives.
      server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'delay', ms: 1300 });
      await vscode.commands.executeCommand('vercelTokens.refresh');
      await listsIdle(services);
      assert.equal(list(services).error, undefined);
      assert.equal(await run('vercelTokens.deleteToken', result.tokenId, { confirmed: true }), true);
      await vscode.commands.executeCommand('vercelTokens.signOut');
      await listsIdle(services);

      assert.deepEqual(second.requests, [], 'the workspace API URL received a request (and the account token)');
      const seen = new Set(server.requests.map((request) => `${request.method} ${request.path}`));
      for (const line of ['GET /v2/user', 'GET /v5/user/tokens/current', 'GET /v6/user/tokens', 'POST /v3/user/tokens', `DELETE /v3/user/tokens/${result.tokenId}`]) {
        assert.ok(seen.has(line), `the user-setting server did not get ${line}`);
      }
    } finally {
      // Emptied first: VS Code notices a changed file sooner than a deleted folder.
      writeFileSync(join(dir, 'settings.json'), '{}');
      await waitFor(() => config().get('defaultExpiry') === '30d', 'the workspace settings to be gone');
      rmSync(dir, { recursive: true, force: true });
      await second.close();
    }
  });
});
