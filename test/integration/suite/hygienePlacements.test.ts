// Secret hygiene of the places a token's value goes, in the real VS Code (code-server 4.100.3) at
// TRACE log level: a GitHub Actions secret (the stand-in GitHub sign-in and API), new terminals, an
// ignored .env.local, a value pasted into a file git would track (a leak diagnostic), a rotation that
// carries the new value to its places, a delete. Then no value may be in a diagnostic, a message, the
// "Vercel Tokens" log, globalState, or any file the VS Code server wrote, and the GitHub request lines
// carry no Authorization. `npm run test:hygiene` searches the files again after VS Code has exited
// (test/hygiene/run.ts), with the values the first test adds to VERCEL_TOKENS_HYGIENE_OUT.
//
// A terminal started while a token is in use is the second test: VS Code itself logs the whole
// environment of every new terminal (remoteagent.log at debug, ptyhost.log at trace), so that value
// is in VS Code's logs, where the extension cannot keep it out; the test pins that it is nowhere else.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeGitHub } from '../../fake-github/server';
import { scanForSecrets, type Secret } from '../../hygiene/scan';
import {
  githubStandin,
  inputBoxes,
  messages,
  messagesOf,
  run,
  signIn,
  sleep,
  track,
  waitFor,
  workspaceFolder,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';
import { extensionLogFile, scanRoots, userDataDir } from './hygieneFiles';
import { terminalSees as probeTerminal } from './terminalProbe';
import { useStandInGitHub } from './githubSignIn';

const LEVEL_NAMES: Record<number, string> = { 0: 'off', 1: 'trace', 2: 'debug', 3: 'info', 4: 'warn', 5: 'error' };
const stamp = String.raw`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} `;

// Where the server's files are, found as hygiene.test.ts finds them (a test file cannot import
// another: mocha would run its tests twice).

/** Adds this test's values to the runner's side file; hygiene.test.ts writes it first (the files run in name order). */
function handOver(marker: string, secrets: Secret[]): void {
  const out = process.env.VERCEL_TOKENS_HYGIENE_OUT;
  if (!out) return;
  const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { marker?: string; secrets?: Secret[] }) : {};
  const known = new Set((earlier.secrets ?? []).map((secret) => secret.value));
  const merged = [...(earlier.secrets ?? []), ...secrets.filter((secret) => !known.has(secret.value))];
  // The runner checks one trace marker in the log: the first test's, when there is one.
  writeFileSync(out, JSON.stringify({ marker: earlier.marker ?? marker, secrets: merged }, null, 2));
}

type Pick = vscode.QuickPick<vscode.QuickPickItem>;

/** For a failed command: its error, else what it showed. */
function describeOutcome(error: unknown): string {
  return error instanceof Error ? error.message : error !== undefined ? JSON.stringify(error) : JSON.stringify(messages);
}

describe('secret hygiene of the places a value goes', () => {
  let services: Services;
  let server: FakeVercel;
  let github: FakeGitHub;
  let levelBefore: vscode.LogLevel;
  const picks: Pick[] = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  let createQuickPick: unknown;
  const inWorkspace = (name: string) => vscode.Uri.joinPath(workspaceFolder().uri, name);
  // Plain text: at trace the TypeScript extension logs the whole text of an open JS/TS file, which
  // says nothing about this extension.
  const tracked = () => inWorkspace('hygiene-deploy-notes.txt');
  const envLocal = () => inWorkspace('.env.local');
  const probe = join(tmpdir(), `vercel-tokens-hygiene-terminal-${process.pid}`);
  /**
   * Deletes the files that hold a value. The pasted file is emptied first: VS Code keeps its document
   * after the editor closes, and the extension would go on scanning the value in it, in later suites too.
   */
  const removeFiles = async () => {
    if (existsSync(tracked().fsPath)) {
      writeFileSync(tracked().fsPath, '');
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === tracked().toString());
      if (document) await waitFor(() => document.getText() === '', 'VS Code to read the emptied file', 10_000);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const path of [tracked().fsPath, envLocal().fsPath, probe]) rmSync(path, { force: true });
  };

  useStandIn((fixture) => ({ services, server } = fixture));

  before(async () => {
    levelBefore = vscode.env.logLevel;
    // TRACE for everything, this extension's channel included.
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    // The quick picks the extension creates, answered below as a user would.
    createQuickPick = window.createQuickPick;
    const create = createQuickPick as (...args: unknown[]) => Pick;
    window.createQuickPick = (...args: unknown[]) => {
      const pick = create.apply(vscode.window, args);
      picks.push(pick);
      return pick;
    };
    github = await new FakeGitHub().start();
    github.addRepo('acme', 'web', { environments: ['production'] });
    // The extension signs in through VS Code's own getSession, answered by the stand-in provider.
    await useStandInGitHub(github);
  });
  after(async () => {
    window.createQuickPick = createQuickPick;
    await removeFiles();
    (await githubStandin()).reset();
    await vscode.workspace.getConfiguration('vercelTokens').update('githubApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', LEVEL_NAMES[levelBefore] ?? 'info');
  });

  /**
   * The quick inputs of one command, counted from when it starts: the next one may be created
   * before the previous answer's accept returns.
   */
  function inputsFrom() {
    const firstPick = picks.length;
    const firstBox = inputBoxes.length;
    let pickCount = 0;
    let boxCount = 0;
    const state = () => `shown: ${JSON.stringify(messages.map((shown) => shown.message))}; picks: ${JSON.stringify(picks.slice(firstPick).map((pick) => pick.placeholder))}`;
    return {
      async answerPick(label: RegExp): Promise<void> {
        const index = firstPick + pickCount++;
        await waitFor(() => picks.length > index && picks[index].items.length > 0 && !picks[index].busy, `quick pick #${index - firstPick + 1} with its items (${state()})`, 10_000);
        const pick = picks[index];
        const item = pick.items.find((candidate) => label.test(candidate.label));
        assert.ok(item, `no item ${label} in ${JSON.stringify(pick.items.map((candidate) => candidate.label))}`);
        pick.activeItems = [item];
        await sleep(200);
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      },
      async acceptBox(expected: string): Promise<void> {
        const index = firstBox + boxCount++;
        await waitFor(() => inputBoxes.length > index, `input box #${index - firstBox + 1} (${state()})`, 10_000);
        assert.equal(inputBoxes[index].value, expected);
        await sleep(200);
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      },
    };
  }

  async function createStored(name: string): Promise<{ id: string; value: string }> {
    const created = await run<{ tokenId: string; stored: boolean } | undefined>('vercelTokens.createToken', { name, expiry: '30d' });
    assert.equal(created?.stored, true, `${name}: ${JSON.stringify(created)}`);
    const value = server.valueOf(created.tokenId);
    assert.ok(value, `the stand-in has no value for ${name}`);
    return { id: created.tokenId, value };
  }

  const node = (tokenId: string) => services.provider.nodeFor(services.accounts.current!.userId, tokenId);

  const terminalSees = () => probeTerminal(probe);

  const ourDiagnostics = () =>
    vscode.languages.getDiagnostics().flatMap(([uri, diagnostics]) => diagnostics.filter((d) => d.source === 'Vercel Tokens').map((d) => ({ uri, d })));

  /** Every diagnostic of every file, whoever made it: none holds a value or its last characters. */
  function assertNoValueInDiagnostics(secrets: Secret[], when: string): void {
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const diagnostic of diagnostics) {
        const text = [diagnostic.message, JSON.stringify(diagnostic.code ?? ''), diagnostic.source ?? '', ...(diagnostic.relatedInformation ?? []).map((info) => info.message)].join('\n');
        for (const secret of secrets) {
          assert.ok(!text.includes(secret.value), `${when}: ${secret.label} is in a diagnostic of ${uri.toString()}: ${diagnostic.message}`);
          assert.ok(!text.includes(secret.value.slice(-6)), `${when}: the last characters of ${secret.label} are in a diagnostic of ${uri.toString()}`);
        }
      }
    }
  }

  it('GitHub secret, terminals, .env.local, a pasted value, rotation and delete at TRACE: no value in diagnostics, messages, the log, globalState or the server’s files', async function () {
    this.timeout(150_000);
    const marker = `hygiene-places-${Date.now()}`;
    const channel = (services.log as unknown as { channel: vscode.LogOutputChannel }).channel;
    await waitFor(() => channel.logLevel === vscode.LogLevel.Trace, 'the "Vercel Tokens" channel at Trace');
    services.log.trace(`${marker}: trace is on`);
    await signIn(services, server.accountToken);
    const secrets: Secret[] = [
      { label: 'the account token', value: server.accountToken },
      { label: 'the GitHub sign-in token', value: github.acceptedToken },
    ];
    const ci = await createStored('Hygiene CI');
    const shell = await createStored('Hygiene shell');
    const pasted = await createStored('Hygiene pasted');
    secrets.push(
      { label: 'the value of "Hygiene CI"', value: ci.value },
      { label: 'the value of "Hygiene shell"', value: shell.value },
      { label: 'the value of "Hygiene pasted"', value: pasted.value },
    );

    // A GitHub Actions secret: repository acme/web from the git remote, the repository's secret, VERCEL_TOKEN.
    const savingInputs = inputsFrom();
    const saving = track(vscode.commands.executeCommand('vercelTokens.saveToGitHubSecret', node(ci.id)));
    await savingInputs.answerPick(/acme\/web/);
    await savingInputs.answerPick(/Repository secret/);
    await savingInputs.acceptBox('VERCEL_TOKEN');
    await waitFor(() => saving.settled, 'the save to GitHub', 15_000);
    assert.equal((saving.value as { kind?: string } | undefined)?.kind, 'saved', describeOutcome(saving.error));
    assert.deepEqual(github.received.map((secret) => secret.value === ci.value), [true], 'GitHub did not get the value of "Hygiene CI"');

    // The ignored .env.local, created by the command.
    const addingInputs = inputsFrom();
    const adding = track(vscode.commands.executeCommand('vercelTokens.addToEnvFile', node(ci.id)));
    await addingInputs.answerPick(/Create \.env\.local/);
    await addingInputs.acceptBox('VERCEL_TOKEN');
    await waitFor(() => adding.settled, 'the .env.local write', 15_000);
    assert.equal((adding.value as { kind?: string } | undefined)?.kind, 'written', describeOutcome(adding.error));
    assert.equal(readFileSync(envLocal().fsPath, 'utf8'), `VERCEL_TOKEN=${ci.value}\n`);

    // New terminals would get a value, then no longer: the terminal started after Stop has none.
    // (One started in between is the next test: VS Code logs its environment.)
    assert.equal(await run('vercelTokens.useInTerminals', node(shell.id)), true);
    assert.equal(services.terminals.tokenId, shell.id);
    // At TRACE, VS Code's own logs record each terminal's environment: the user is told so.
    assert.match(messagesOf('warning').at(-1)?.message ?? '', /VS Code's log level is Trace: at that level VS Code's own logs record each new terminal's environment, this value included\./);
    assert.equal(await run('vercelTokens.stopUsingInTerminals'), true);
    assert.equal(services.terminals.tokenId, undefined);
    assert.equal(await terminalSees(), '');

    // A value pasted into a file git would commit: an error names the token; its quick fixes are offered.
    writeFileSync(tracked().fsPath, `Deploys use this token: ${pasted.value}\n`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(tracked()));
    await waitFor(() => ourDiagnostics().some(({ d }) => d.severity === vscode.DiagnosticSeverity.Error && /"Hygiene pasted"/.test(d.message)), 'the leak diagnostic', 10_000);
    assertNoValueInDiagnostics(secrets, 'with the leak flagged');
    const leak = ourDiagnostics().find(({ d }) => d.severity === vscode.DiagnosticSeverity.Error)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', tracked(), leak.d.range);
    const offered = actions.filter((action) => /Token|Flag/.test(action.title));
    assert.ok(offered.length >= 3, `quick fixes: ${JSON.stringify(actions.map((action) => action.title))}`);
    for (const action of offered) {
      const shown = `${action.title}\n${JSON.stringify(action.command?.arguments ?? [])}`;
      for (const secret of secrets) assert.ok(!shown.includes(secret.value), `${secret.label} is in the quick fix "${action.title}"`);
    }

    // Rotation carries a new value to the GitHub secret and .env.local before the old token goes.
    const rotated = await run<{ kind: string; replacementId: string }>('vercelTokens.rotateToken', ci.id, { confirmed: true });
    assert.equal(rotated.kind, 'rotated', JSON.stringify(messages));
    const replacement = server.valueOf(rotated.replacementId);
    assert.ok(replacement);
    secrets.push({ label: 'the value of the replacement of "Hygiene CI"', value: replacement });
    assert.equal(github.received.at(-1)?.value, replacement, 'GitHub did not get the new value');
    assert.equal(readFileSync(envLocal().fsPath, 'utf8'), `VERCEL_TOKEN=${replacement}\n`);

    // The pasted token is deleted: the file now holds a value of no stored token.
    assert.equal(await run('vercelTokens.deleteToken', pasted.id, { confirmed: true }), true);
    await waitFor(() => !ourDiagnostics().some(({ d }) => /"Hygiene pasted"/.test(d.message)) && ourDiagnostics().length > 0, 'the diagnostic to stop naming the deleted token', 10_000);
    assertNoValueInDiagnostics(secrets, 'after the delete');
    handOver(marker, secrets);

    // globalState, as the extension holds it: places as metadata, never a value.
    const globalState = (services.places as unknown as { store: vscode.Memento }).store;
    const state = Object.fromEntries(globalState.keys().map((key) => [key, globalState.get<unknown>(key)]));
    assert.match(JSON.stringify(state['vercelTokens.places'] ?? null), /"owner":"acme","repo":"web"/, `globalState holds no GitHub place: ${Object.keys(state).join(', ')}`);
    const stateText = JSON.stringify(state);
    for (const secret of secrets) assert.ok(!stateText.includes(secret.value), `${secret.label} is in globalState (keys ${Object.keys(state).join(', ')})`);

    // Everything the extension showed.
    for (const shown of messages) {
      const text = [shown.message, shown.detail ?? '', ...shown.items].join('\n');
      for (const secret of secrets) assert.ok(!text.includes(secret.value), `${secret.label} was shown: ${shown.message}`);
    }
    assert.ok(messagesOf('info').some((shown) => /^Saved "Hygiene CI" as the GitHub Actions secret acme\/web · VERCEL_TOKEN\.$/.test(shown.message)), JSON.stringify(messages));

    // The log file: every GitHub request is one line of method, path, status and time.
    services.log.trace(`${marker}: done`);
    const userData = userDataDir();
    const logPath = extensionLogFile(userData);
    await waitFor(() => readFileSync(logPath, 'utf8').includes(`${marker}: done`), `the log file ${logPath} to be written`, 10_000);
    const logLines = readFileSync(logPath, 'utf8').split('\n');
    const session = logLines.slice(logLines.findIndex((line) => line.includes(`${marker}: trace is on`)));
    const githubLines = session.filter((line) => / \/repos\//.test(line));
    for (const pattern of [
      /\[info\] GET \/repos\/acme\/web\/environments\S* → 200 in \d+ ms$/,
      /\[info\] GET \/repos\/acme\/web\/actions\/secrets\/public-key → 200 in \d+ ms$/,
      /\[info\] PUT \/repos\/acme\/web\/actions\/secrets\/VERCEL_TOKEN → 201 in \d+ ms$/,
      /\[info\] PUT \/repos\/acme\/web\/actions\/secrets\/VERCEL_TOKEN → 204 in \d+ ms$/,
    ]) {
      assert.ok(githubLines.some((line) => pattern.test(line)), `no log line ${pattern}:\n${githubLines.join('\n')}`);
    }
    for (const line of githubLines) {
      assert.match(line, new RegExp(`${stamp}\\[(info|warning)\\] (GET|PUT) /repos/\\S+ → (\\d{3}|no response) in \\d+ ms(: .*)?$`));
      assert.doesNotMatch(line, /authorization|bearer|gho_/i, `a GitHub log line carries an Authorization: ${line}`);
    }
    for (const secret of secrets) {
      const found = session.find((line) => line.includes(secret.value));
      assert.equal(found, undefined, `${secret.label} is in the log`);
    }

    // Every file the server wrote, once the places the user chose for a value are gone.
    await removeFiles();
    const roots = scanRoots(userData);
    const report = scanForSecrets(roots, [...secrets, { label: 'CONTROL: the trace marker', value: `${marker}: trace is on` }]);
    assert.ok(
      report.findings.some((finding) => finding.label.startsWith('CONTROL') && finding.file.endsWith('Vercel Tokens.log')),
      'the search did not read the log file',
    );
    const leaks = report.findings.filter((finding) => !finding.label.startsWith('CONTROL'));
    console.log(`hygiene: places: searched ${report.files} files (${report.bytes} bytes) under ${roots.join(', ')} for ${secrets.length} values`);
    assert.deepEqual(
      leaks.map((finding) => `${finding.label} in ${finding.file} (${finding.encoding})`),
      [],
      'token values were found in files the VS Code server wrote',
    );
    assertNoValueInDiagnostics(secrets, 'at the end');
  });
  it('a terminal started while a token is in use: the value is in VS Code’s own terminal-launch logs only (remoteagent.log, ptyhost.log), never the extension’s log or state', async function () {
    this.timeout(60_000);
    await signIn(services, server.accountToken);
    const used = await createStored('Hygiene terminal env');
    // Not handed over to test/hygiene/run.ts: its search would find this value where VS Code logged it.
    const secret: Secret = { label: 'the value of "Hygiene terminal env"', value: used.value };
    assert.equal(await run('vercelTokens.useInTerminals', node(used.id)), true);
    assert.ok((await terminalSees()) === used.value, 'a new terminal did not get the value');
    assert.equal(await run('vercelTokens.stopUsingInTerminals'), true);
    // A deleted token's value opens nothing, wherever VS Code wrote it.
    assert.equal(await run('vercelTokens.deleteToken', used.id, { confirmed: true }), true);

    const userData = userDataDir();
    const logPath = extensionLogFile(userData);
    services.log.trace('terminal environment test: done');
    await waitFor(() => readFileSync(logPath, 'utf8').includes('terminal environment test: done'), `the log file ${logPath} to be written`, 10_000);
    assert.ok(!readFileSync(logPath, 'utf8').includes(used.value), 'the value is in the "Vercel Tokens" log');
    const globalState = (services.places as unknown as { store: vscode.Memento }).store;
    assert.ok(!JSON.stringify(globalState.keys().map((key) => globalState.get<unknown>(key))).includes(used.value), 'the value is in globalState');

    // remoteagent.log: "Terminal process launching on remote agent {…env…}" (debug); ptyhost.log:
    // "PtyService#createProcess(…)" and node-pty's spawn (trace); code-server prints what remoteagent logs.
    const vscodeTerminalLogs = /(^|\/)(remoteagent\.log|ptyhost\.log|coder-logs\/code-server-stdout\.log)$/;
    const found = scanForSecrets(scanRoots(userData), [secret]).findings.map((finding) => finding.file);
    console.log(`hygiene: places: the value of a token used in a new terminal is in ${found.length ? found.join(', ') : 'no file'} (VS Code log level ${LEVEL_NAMES[vscode.env.logLevel]})`);
    assert.deepEqual(found.filter((file) => !vscodeTerminalLogs.test(file)), [], 'the value of a token used in terminals is in a file other than VS Code’s terminal-launch logs');
  });
});
