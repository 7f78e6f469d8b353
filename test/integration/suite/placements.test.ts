// Putting a token where it is used, in the real extension host: a GitHub Actions secret (sealed,
// opened by the stand-in GitHub with libsodium), a .env line behind the real git extension's
// check-ignore, the new terminals' environment, rotation carrying the new value to all three, and
// leak diagnostics with their quick fixes. The workspace is a real git repository (see
// runInCodeServer.ts): remotes origin = acme/web and upstream = acme/upstream, `.env.local` ignored,
// `.env` tracked.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeGitHub } from '../../fake-github/server';
import type { GitHubSessions } from '../../../src/integrations/github/session';
import { answerModal, stopAnsweringModals } from './dialogs';
import { apiCall, getTestApi, inputBoxes, messagesOf, quickPicks, run, sleep, track, waitFor, workspaceFolder, type FakeVercel, type Services, useStandIn } from './helpers';
import { useQuickInputs } from './quickInputs';
import { terminalSees as probeTerminal } from './terminalProbe';
import { useStandInGitHub } from './githubSignIn';

const workspaceRoot = () => workspaceFolder().uri;
const inWorkspace = (name: string) => vscode.Uri.joinPath(workspaceRoot(), name);

describe('putting a token where it is used', () => {
  let services: Services;
  let server: FakeVercel;
  let github: FakeGitHub;
  const ui = useQuickInputs();

  useStandIn((fixture) => ({ services, server } = fixture), { signedIn: true });

  before(async () => {
    github = await new FakeGitHub().start();
    // The extension signs in through VS Code's own getSession, answered by the stand-in provider.
    await useStandInGitHub(github);
  });
  beforeEach(() => {
    github.reset();
    github.clearFaults();
    github.addRepo('acme', 'web', { environments: ['preview', 'production'] });
    github.addRepo('acme', 'upstream');
    stopAnsweringModals();
  });
  afterEach(() => stopAnsweringModals());
  after(async () => {
    await vscode.workspace.getConfiguration('vercelTokens').update('githubApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
  });

  async function createStoredToken(name: string): Promise<string> {
    const created = await run<{ tokenId: string; stored: boolean } | undefined>('vercelTokens.createToken', { name, expiry: '30d' });
    assert.equal(created?.stored, true, JSON.stringify(created));
    return created.tokenId;
  }

  const node = (tokenId: string) => services.provider.nodeFor(services.accounts.current!.userId, tokenId);
  const placeRows = (tokenId: string) =>
    services.provider
      .getChildren(node(tokenId))
      .filter((child) => child.kind === 'place')
      .map((child) => {
        const item = services.provider.getTreeItem(child);
        return `${typeof item.label === 'string' ? item.label : ''} ${String(item.description)}`;
      });

  /** Save as GitHub secret through the real quick inputs: repository → where → name. */
  async function saveToGitHub(tokenId: string, options: { repo: RegExp; where: RegExp; name?: string }) {
    const saving = track(vscode.commands.executeCommand('vercelTokens.saveToGitHubSecret', node(tokenId)));
    const repoPick = await ui.nthPick(0);
    await ui.answerPick(repoPick, options.repo);
    const wherePick = await ui.nthPick(1);
    await ui.answerPick(wherePick, options.where);
    const nameBox = await ui.nthBox(0);
    await ui.answerBox(nameBox, options.name ?? nameBox.value);
    await waitFor(() => saving.settled, 'the save to end', 15_000);
    assert.equal(saving.error, undefined);
    return { saving, repoPick, wherePick, nameBox };
  }

  describe('Save Token as GitHub Actions Secret', () => {
    it('the repository comes from the git remotes; the value arrives sealed and opens to exactly the token; the place is remembered, not the value', async function () {
      this.timeout(40_000);
      const tokenId = await createStoredToken('CI deploys');
      const { repoPick, wherePick, nameBox, saving } = await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
      assert.deepEqual(ui.labels(repoPick).slice(0, 2).sort(), ['$(repo) acme/upstream', '$(repo) acme/web']);
      assert.match(ui.labels(repoPick).at(-1) ?? '', /Enter a Repository/);
      assert.deepEqual(ui.labels(wherePick), ['$(repo) Repository secret', '$(server-environment) preview', '$(server-environment) production']);
      assert.equal(nameBox.value, 'VERCEL_TOKEN');
      assert.deepEqual((saving.value as { kind: string }).kind, 'saved');
      assert.equal(github.requests.find((request) => request.method === 'PUT')?.headers.authorization?.startsWith('Bearer gho_'), true, 'the stand-in session signed the request');

      const value = server.valueOf(tokenId);
      assert.equal(github.received.length, 1);
      assert.deepEqual({ ...github.received[0], at: 0, keyId: '' }, { owner: 'acme', repo: 'web', name: 'VERCEL_TOKEN', value, at: 0, keyId: '' });
      const put = github.requests.find((request) => request.method === 'PUT');
      assert.ok(put && !put.body!.includes(value!), 'the PUT carried the value in the clear');
      assert.deepEqual(placeRows(tokenId), ['Used in acme/web · VERCEL_TOKEN']);
      const info = messagesOf('info').at(-1);
      assert.equal(info?.message, 'Saved "CI deploys" as the GitHub Actions secret acme/web · VERCEL_TOKEN.');
      assert.deepEqual(info?.items, ['Open on GitHub']);
    });

    it("an environment's secret uses that environment's key", async function () {
      this.timeout(40_000);
      const tokenId = await createStoredToken('Production deploys');
      await saveToGitHub(tokenId, { repo: /acme\/web/, where: /production/, name: 'VERCEL_PROD_TOKEN' });
      assert.equal(github.received.length, 1);
      assert.equal(github.received[0].environment, 'production');
      assert.equal(github.received[0].name, 'VERCEL_PROD_TOKEN');
      assert.equal(github.received[0].value, server.valueOf(tokenId));
      assert.equal(github.received[0].keyId, github.keyOf({ owner: 'acme', repo: 'web', environment: 'production' }).keyId);
      assert.deepEqual(placeRows(tokenId), ['Used in acme/web (production) · VERCEL_PROD_TOKEN']);
    });

    it('a secret that exists already: asks, saying when it was last updated; nothing is sent unless Replace', async function () {
      this.timeout(60_000);
      const tokenId = await createStoredToken('Replacer');
      const updatedAt = Date.UTC(2026, 5, 1, 9, 30);
      github.setSecret({ owner: 'acme', repo: 'web' }, 'VERCEL_TOKEN', updatedAt);

      answerModal(/already exists/, undefined);
      await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
      const asked = messagesOf('warning').find((message) => message.modal);
      assert.equal(asked?.message, 'The secret VERCEL_TOKEN already exists in acme/web. Replace it?');
      assert.deepEqual(asked?.items, ['Replace']);
      assert.match(asked?.detail ?? '', /It was last updated .*2026/);
      assert.equal(github.received.length, 0, 'a secret was replaced without asking');
      assert.deepEqual(placeRows(tokenId), []);

      stopAnsweringModals();
      answerModal(/already exists/, 'Replace');
      ui.picks.length = 0;
      await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
      assert.equal(github.received.length, 1);
      assert.equal(github.received[0].value, server.valueOf(tokenId));
    });

    it('errors in words: no access, the organisation forbids it, rate limited; a declined sign-in sends nothing', async function () {
      this.timeout(60_000);
      const tokenId = await createStoredToken('Refused');
      github.reset();
      github.addRepo('acme', 'web', { access: 'none' });
      github.addRepo('acme', 'upstream');
      const saving = track(vscode.commands.executeCommand('vercelTokens.saveToGitHubSecret', node(tokenId)));
      await ui.answerPick(await ui.nthPick(0), /acme\/web/);
      await waitFor(() => saving.settled, 'the command to end');
      assert.match(messagesOf('error').at(-1)?.message ?? '', /acme\/web.*(admin|write) access/);

      // The organisation's policy, then the rate limit: each refused PUT in words, nothing saved.
      const refusedPut = async (fault: () => void, expected: RegExp) => {
        fault();
        ui.picks.length = 0;
        const boxes = inputBoxes.length;
        const attempt = track(vscode.commands.executeCommand('vercelTokens.saveToGitHubSecret', node(tokenId)));
        await ui.answerPick(await ui.nthPick(0), /acme\/upstream/);
        await ui.answerPick(await ui.nthPick(1), /Repository secret/);
        await ui.answerBox(await ui.nthBox(boxes), 'VERCEL_TOKEN');
        await waitFor(() => attempt.settled, 'the command to end');
        assert.match(messagesOf('error').at(-1)?.message ?? '', expected);
        github.clearFaults();
      };
      await refusedPut(() => (github.faults.orgForbids = { method: 'PUT' }), /^Token "Refused" was not saved to GitHub: The organization or enterprise that owns acme\/upstream does not let this GitHub sign-in reach it/);
      await refusedPut(
        () => (github.faults.rateLimit = { method: 'PUT', resetAt: Date.now() + 10 * 60_000 }),
        /^Token "Refused" was not saved to GitHub: GitHub's rate limit for this account is used up, so acme\/upstream was not reached; try again in (9|10|11) minutes\./,
      );
      assert.equal(github.received.length, 0);

      // Declining VS Code's Allow dialog (which a test host cannot show) is what this source answers.
      const declinedOnce: GitHubSessions = { get: () => Promise.resolve({ kind: 'declined' }) };
      const requestsBefore = github.requests.length;
      (await getTestApi()).useGitHubSessions(declinedOnce);
      ui.picks.length = 0;
      const declined = track(vscode.commands.executeCommand('vercelTokens.saveToGitHubSecret', node(tokenId)));
      try {
        await ui.answerPick(await ui.nthPick(0), /acme\/upstream/);
        await waitFor(() => declined.settled, 'the command to end');
      } finally {
        (await getTestApi()).useGitHubSessions(undefined);
      }
      assert.equal(messagesOf('info').at(-1)?.message, 'The GitHub sign-in was declined: nothing was sent to GitHub.');
      assert.deepEqual(github.requests.slice(requestsBefore), [], 'a request was sent after the sign-in was declined');
    });
  });

  describe('Add Token to .env File', () => {
    afterEach(() => {
      for (const name of ['.env.local']) rmSync(inWorkspace(name).fsPath, { force: true });
      writeFileSync(inWorkspace('.env').fsPath, 'OTHER=1\n');
    });

    it('an ignored .env.local: written at once; an existing VERCEL_TOKEN line is replaced and nothing else changes', async function () {
      this.timeout(40_000);
      const tokenId = await createStoredToken('Local dev');
      const before = '# local settings\r\nFIRST=1\r\nVERCEL_TOKEN=vcp_oldvalueoldvalueoldvalue0\r\nexport LAST="quoted # not a comment"\r\n';
      writeFileSync(inWorkspace('.env.local').fsPath, before);
      const adding = track(vscode.commands.executeCommand('vercelTokens.addToEnvFile', node(tokenId)));
      const filePick = await ui.nthPick(0);
      await ui.answerPick(filePick, /^\$\(file\) \.env\.local$/);
      const nameBox = await ui.nthBox(0);
      assert.equal(nameBox.value, 'VERCEL_TOKEN');
      await ui.answerBox(nameBox, 'VERCEL_TOKEN');
      await waitFor(() => adding.settled, 'the write to end');
      assert.equal(adding.error, undefined);
      assert.deepEqual(messagesOf('warning').filter((message) => message.modal), [], 'an ignored file needs no warning');
      const value = server.valueOf(tokenId)!;
      assert.equal(readFileSync(inWorkspace('.env.local').fsPath, 'utf8'), before.replace('vcp_oldvalueoldvalueoldvalue0', value));
      assert.deepEqual(placeRows(tokenId), ['Used in .env.local · VERCEL_TOKEN']);
    });

    /** Add Token to .env File on this file, answering the variable box; resolves once the command ended. */
    async function addTo(tokenId: string, file: RegExp): Promise<void> {
      ui.picks.length = 0;
      const boxes = inputBoxes.length;
      const adding = track(vscode.commands.executeCommand('vercelTokens.addToEnvFile', node(tokenId)));
      await ui.answerPick(await ui.nthPick(0), file);
      await ui.answerBox(await ui.nthBox(boxes), 'VERCEL_TOKEN');
      await waitFor(() => adding.settled, 'the command to end');
      assert.equal(adding.error, undefined);
    }

    it('an untracked .env.development git does not ignore: a modal; Cancel writes nothing; "Add to .gitignore and Write" does both', async function () {
      this.timeout(40_000);
      const tokenId = await createStoredToken('Not ignored');
      const gitignore = inWorkspace('.gitignore').fsPath;
      const gitignoreBefore = readFileSync(gitignore, 'utf8');
      writeFileSync(inWorkspace('.env.development').fsPath, 'A=1\n');
      try {
        answerModal(/is not ignored by git/, undefined);
        await addTo(tokenId, /^\$\(file\) \.env\.development$/);
        const modal = messagesOf('warning').find((message) => message.modal);
        assert.equal(modal?.message, '.env.development is not ignored by git: the token could be committed and pushed with it.');
        assert.deepEqual(modal?.items, ['Add to .gitignore and Write', 'Write Anyway']);
        assert.equal(readFileSync(inWorkspace('.env.development').fsPath, 'utf8'), 'A=1\n');

        stopAnsweringModals();
        answerModal(/is not ignored by git/, 'Add to .gitignore and Write');
        await addTo(tokenId, /^\$\(file\) \.env\.development$/);
        assert.equal(readFileSync(gitignore, 'utf8'), `${gitignoreBefore}/.env.development\n`);
        assert.equal(readFileSync(inWorkspace('.env.development').fsPath, 'utf8'), `A=1\nVERCEL_TOKEN=${server.valueOf(tokenId)}\n`);
        assert.equal(messagesOf('warning').filter((message) => message.modal).length, 2, 'asked again although .gitignore now covers the file');
      } finally {
        writeFileSync(gitignore, gitignoreBefore);
        rmSync(inWorkspace('.env.development').fsPath, { force: true });
      }
    });

    it('a tracked .env: after "Add to .gitignore and Write" a second modal says git still tracks it; nothing written unless Write Anyway', async function () {
      this.timeout(40_000);
      const tokenId = await createStoredToken('Tracked');
      const gitignore = inWorkspace('.gitignore').fsPath;
      const gitignoreBefore = readFileSync(gitignore, 'utf8');
      try {
        answerModal(/is not ignored by git/, 'Add to .gitignore and Write');
        answerModal(/is tracked by git/, undefined);
        await addTo(tokenId, /^\$\(file\) \.env$/);
        const tracked = messagesOf('warning').filter((message) => message.modal).at(-1);
        assert.equal(tracked?.message, '.env is tracked by git: .gitignore does not keep a tracked file out of the next commit.');
        assert.deepEqual(tracked?.items, ['Write Anyway']);
        assert.equal(readFileSync(inWorkspace('.env').fsPath, 'utf8'), 'OTHER=1\n');

        stopAnsweringModals();
        answerModal(/is not ignored by git/, 'Write Anyway');
        await addTo(tokenId, /^\$\(file\) \.env$/);
        assert.equal(readFileSync(inWorkspace('.env').fsPath, 'utf8'), `OTHER=1\nVERCEL_TOKEN=${server.valueOf(tokenId)}\n`);
      } finally {
        writeFileSync(gitignore, gitignoreBefore);
      }
    });
  });

  describe('Use Token in New Terminals', () => {
    const probe = join(tmpdir(), `vercel-tokens-terminal-${process.pid}`);
    afterEach(() => rmSync(probe, { force: true }));

    const terminalSees = () => probeTerminal(probe);

    it('a new terminal gets VERCEL_TOKEN; Stop clears it; so does signing out', async function () {
      this.timeout(60_000);
      const tokenId = await createStoredToken('Shell');
      assert.equal(await run('vercelTokens.useInTerminals', node(tokenId)), true);
      assert.equal(await terminalSees(), server.valueOf(tokenId));
      assert.deepEqual(placeRows(tokenId), ['Used in new terminals of this window · VERCEL_TOKEN']);
      assert.equal(await run('vercelTokens.stopUsingInTerminals'), true);
      assert.equal(await terminalSees(), '');
      assert.deepEqual(placeRows(tokenId), []);

      await run('vercelTokens.useInTerminals', node(tokenId));
      assert.equal(await terminalSees(), server.valueOf(tokenId));
      await services.accounts.signOut(services.accounts.current!.userId);
      await waitFor(() => services.terminals.tokenId === undefined, 'the terminals to let go of the token');
      assert.equal(await terminalSees(), '');
    });
  });

  describe('Rotate Token carries the new value to every place', () => {
    afterEach(() => rmSync(inWorkspace('.env.local').fsPath, { force: true }));

    it('the GitHub secret, the .env line and the terminals get the new value before the old token is deleted', async function () {
      this.timeout(90_000);
      const tokenId = await createStoredToken('Everywhere');
      await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
      writeFileSync(inWorkspace('.env.local').fsPath, 'A=1\n');
      ui.picks.length = 0;
      const adding = track(vscode.commands.executeCommand('vercelTokens.addToEnvFile', node(tokenId)));
      await ui.answerPick(await ui.nthPick(0), /^\$\(file\) \.env\.local$/);
      await ui.answerBox(await ui.nthBox(1), 'VERCEL_TOKEN');
      await waitFor(() => adding.settled, 'the write');
      await run('vercelTokens.useInTerminals', node(tokenId));
      assert.equal(placeRows(tokenId).length, 3);

      const rotated = await run<{ kind: string; replacementId: string }>('vercelTokens.rotateToken', tokenId, { confirmed: true });
      assert.equal(rotated.kind, 'rotated');
      const value = server.valueOf(rotated.replacementId)!;
      assert.equal(github.received.at(-1)?.value, value);
      assert.equal(readFileSync(inWorkspace('.env.local').fsPath, 'utf8'), `A=1\nVERCEL_TOKEN=${value}\n`);
      assert.equal(services.terminals.tokenId, rotated.replacementId);
      assert.equal(server.tokens().some((token) => token.id === tokenId), false);
      assert.equal(placeRows(rotated.replacementId).length, 3);
      assert.match(messagesOf('info').at(-1)?.message ?? '', /Updated with the new value: acme\/web · VERCEL_TOKEN; \.env\.local · VERCEL_TOKEN; new terminals/);
    });

    it('a place that fails keeps the old token; the modal names what worked and what did not; Keep Both leaves both', async function () {
      this.timeout(90_000);
      const tokenId = await createStoredToken('Half');
      await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
      await run('vercelTokens.useInTerminals', node(tokenId));
      github.faults.serverError = { method: 'PUT' };
      answerModal(/was rotated, but one place/, 'Keep Both');
      const rotated = await run<{ kind: string; replacementId: string }>('vercelTokens.rotateToken', tokenId, { confirmed: true });
      assert.equal(rotated.kind, 'placesFailed');
      const modal = messagesOf('warning').find((message) => message.modal);
      assert.deepEqual(modal?.items, ['Retry', 'Skip and Delete the Old Token', 'Keep Both']);
      assert.match(modal?.detail ?? '', /✓ new terminals of this window · VERCEL_TOKEN: updated/);
      assert.match(modal?.detail ?? '', /✗ acme\/web · VERCEL_TOKEN: /);
      assert.ok(server.tokens().some((token) => token.id === tokenId), 'the old token was deleted although GitHub still has it');
      assert.deepEqual(placeRows(tokenId), ['Used in acme/web · VERCEL_TOKEN']);
      assert.equal(services.terminals.tokenId, rotated.replacementId);
    });
  });

  it('Retry after a failed place: the place gets the new value, then the old token is deleted', async function () {
    this.timeout(90_000);
    const tokenId = await createStoredToken('Retried');
    await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
    github.faults.serverError = { method: 'PUT', times: 1 };
    answerModal(/was rotated, but one place/, 'Retry');
    const rotated = await run<{ kind: string; replacementId: string }>('vercelTokens.rotateToken', tokenId, { confirmed: true });
    assert.equal(rotated.kind, 'rotated');
    assert.equal(github.received.at(-1)?.value, server.valueOf(rotated.replacementId));
    assert.equal(server.tokens().some((token) => token.id === tokenId), false);
    assert.deepEqual(placeRows(rotated.replacementId), ['Used in acme/web · VERCEL_TOKEN']);
  });

  it('a token deleted on vercel.com: the next refresh finds it gone, and its places and terminals go with it', async function () {
    this.timeout(60_000);
    const tokenId = await createStoredToken('Deleted elsewhere');
    await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
    await run('vercelTokens.useInTerminals', node(tokenId));
    assert.equal(services.places.of(tokenId).length, 2);
    assert.equal(await apiCall(server, 'DELETE', `/v3/user/tokens/${tokenId}`), 200);
    await vscode.commands.executeCommand('vercelTokens.refresh');
    await waitFor(() => services.places.of(tokenId).length === 0, 'the places of the gone token to be let go');
    assert.equal(services.terminals.tokenId, undefined);
  });

  describe('Delete Token names the places it is used', () => {
    it('the confirmation lists the GitHub secret', async function () {
      this.timeout(40_000);
      const tokenId = await createStoredToken('Used');
      await saveToGitHub(tokenId, { repo: /acme\/web/, where: /Repository secret/ });
      answerModal(/^Delete the Vercel token/, undefined);
      await vscode.commands.executeCommand('vercelTokens.deleteToken', node(tokenId));
      const modal = messagesOf('warning').find((message) => message.modal);
      assert.match(modal?.detail ?? '', /Vercel Tokens put its value in this place, which stops working: acme\/web · VERCEL_TOKEN\./);
      assert.ok(server.tokens().some((token) => token.id === tokenId));
    });
  });

  describe('leaks caught in the editor', () => {
    const tracked = () => inWorkspace('deploy.config.js');
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const name of ['deploy.config.js', 'ci.config.js', '.env.local']) rmSync(inWorkspace(name).fsPath, { force: true });
    });

    const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Vercel Tokens');

    it('a stored value in a tracked file: an error naming the token (never the value); quick fixes rotate, delete, or stop flagging the file', async function () {
      this.timeout(60_000);
      const tokenId = await createStoredToken('Pasted');
      const value = server.valueOf(tokenId)!;
      writeFileSync(tracked().fsPath, `module.exports = {\n  token: '${value}',\n  other: 'vcp_${'x'.repeat(24)}',\n};\n`);
      const document = await vscode.workspace.openTextDocument(tracked());
      await vscode.window.showTextDocument(document);
      await waitFor(() => ours(tracked()).length === 2, 'two diagnostics', 10_000);
      const [exact, alike] = ours(tracked()).sort((a, b) => a.range.start.line - b.range.start.line);
      assert.equal(exact.severity, vscode.DiagnosticSeverity.Error);
      assert.match(exact.message, /the value of the Vercel token "Pasted"/);
      assert.equal(alike.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(document.getText(exact.range), value);
      for (const diagnostic of ours(tracked())) assert.ok(!diagnostic.message.includes(value) && !diagnostic.message.includes(value.slice(-4)), 'a diagnostic holds the value');

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', tracked(), exact.range);
      const titles = actions.map((action) => action.title).filter((title) => /Token|Flag/.test(title));
      assert.deepEqual(titles, ['Rotate This Token ("Pasted")', 'Delete This Token on Vercel ("Pasted")', "Don't Flag Vercel Tokens in This File"]);
      // The quick fix acts on that token directly: Delete asks only its confirmation (answered here: no).
      answerModal(/^Delete the Vercel token "Pasted"\?/, undefined);
      const remove = actions.find((action) => action.title.startsWith('Delete This Token'))!;
      await vscode.commands.executeCommand(remove.command!.command, ...(remove.command!.arguments ?? []));
      assert.equal(messagesOf('warning').filter((message) => message.modal).length, 1, 'the delete did not ask about this token');

      // What a quick fix passes names the token for Rotate and Delete only: Copy Token Value given it
      // asks as from the palette (a picker), and copies nothing when that is closed.
      const clipboardBefore = await vscode.env.clipboard.readText();
      const copying = track(vscode.commands.executeCommand('vercelTokens.copyToken', ...(remove.command!.arguments ?? [])));
      await waitFor(() => quickPicks.some((pick) => pick.placeHolder === 'Copy the value of which token?'), 'the token picker');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await waitFor(() => copying.settled, 'Copy Token Value to end');
      assert.equal(copying.value, false);
      assert.equal(await vscode.env.clipboard.readText(), clipboardBefore);

      const dontFlag = actions.find((action) => action.title.startsWith("Don't Flag"))!;
      await vscode.commands.executeCommand(dontFlag.command!.command, ...(dontFlag.command!.arguments ?? []));
      await waitFor(() => ours(tracked()).length === 0, 'the file no longer flagged');
    });

    it("a value not stored here, of a token of the account: a warning naming it, matched by Vercel's prefix and last characters", async function () {
      this.timeout(30_000);
      const elsewhere = server.issueToken({ kind: 'full', name: 'Made on the dashboard' });
      await vscode.commands.executeCommand('vercelTokens.refresh');
      await waitFor(() => services.lists.get(services.accounts.current!.userId)?.token(elsewhere.token.id), 'the token in the list');
      // Another file than the one the test before stopped flagging.
      const file = inWorkspace('ci.config.js');
      writeFileSync(file.fsPath, `TOKEN=${elsewhere.value}\n`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      await waitFor(() => ours(file).length === 1, 'one diagnostic', 10_000);
      const [diagnostic] = ours(file);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(diagnostic.message, /^This looks like the Vercel token "Made on the dashboard" of your account/);
      assert.ok(!diagnostic.message.includes(elsewhere.value.slice(-4)));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file, diagnostic.range);
      assert.ok(actions.some((action) => action.title === 'Rotate This Token ("Made on the dashboard")'));
    });

    it('a file git ignores is not flagged', async function () {
      this.timeout(30_000);
      const tokenId = await createStoredToken('Where it belongs');
      writeFileSync(inWorkspace('.env.local').fsPath, `VERCEL_TOKEN=${server.valueOf(tokenId)}\n`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(inWorkspace('.env.local')));
      await sleep(1500);
      assert.deepEqual(ours(inWorkspace('.env.local')), []);
    });
  });
});
