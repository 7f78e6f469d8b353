// Every contributed command is registered, and each one run while signed out ends quietly: it
// offers to sign in (or asks for the token: Sign In, and Create, which signs in first) and no
// request reaches the API.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  extension,
  inputBoxes,
  messages,
  outgoing,
  run as runTrusted,
  sleep,
  track,
  waitFor,
  clearNotifications,
  type FakeVercel,
  type Services,
  useStandIn,
} from './helpers';

const ALL_COMMANDS = [
  'vercelTokens.signIn',
  'vercelTokens.signOut',
  'vercelTokens.createToken',
  'vercelTokens.refresh',
  'vercelTokens.copyToken',
  'vercelTokens.copyTokenId',
  'vercelTokens.deleteToken',
  'vercelTokens.selectTeam',
  'vercelTokens.openLeakLocation',
  'vercelTokens.rotateToken',
  'vercelTokens.deleteExpiredTokens',
  'vercelTokens.hideInactiveTokens',
  'vercelTokens.showInactiveTokens',
  'vercelTokens.saveToGitHubSecret',
  'vercelTokens.addToEnvFile',
  'vercelTokens.useInTerminals',
  'vercelTokens.stopUsingInTerminals',
  'vercelTokens.dontFlagTokensInFile',
];

const SIGN_IN_OFFER = { severity: 'info', message: 'Sign in to Vercel first.', modal: false, detail: undefined, items: ['Sign In'] };

/** What each command resolves to when the user closes the sign-in offer. (Create signs in first: below.) */
const OFFERING_COMMANDS: [string, unknown][] = [
  ['vercelTokens.refresh', undefined],
  ['vercelTokens.copyToken', false],
  ['vercelTokens.copyTokenId', false],
  ['vercelTokens.deleteToken', false],
  ['vercelTokens.selectTeam', undefined],
  ['vercelTokens.openLeakLocation', false],
];

describe('commands', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture));

  it('registers every command of package.json contributes.commands', async () => {
    const manifest = JSON.parse(readFileSync(join(extension().extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string; title: string }[] };
    };
    const contributed = manifest.contributes.commands.map(({ command }) => command);
    assert.deepEqual([...contributed].sort(), [...ALL_COMMANDS].sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed but not registered',
    );
  });

  for (const [command, closedResult] of OFFERING_COMMANDS) {
    it(`${command} signed out offers "Sign In", waits for the answer and sends nothing`, async () => {
      const run = track(vscode.commands.executeCommand(command));
      await waitFor(() => messages.length > 0 || run.settled, 'a message or the end of the command');
      assert.deepEqual(messages, [SIGN_IN_OFFER]);
      await sleep(100);
      assert.equal(run.settled, false, 'the command should wait for the answer to its offer');

      await clearNotifications();
      await waitFor(() => run.settled, 'the command to end once the offer was closed');
      assert.equal(run.error, undefined, `${command} threw: ${String(run.error)}`);
      assert.equal(run.value, closedResult);
      assert.deepEqual(server.requests, [], 'a request reached the API');
      assert.deepEqual(outgoing, [], 'an HTTP request left the extension host');
      assert.equal(services.accounts.signedIn, false);
      assert.deepEqual(messages, [SIGN_IN_OFFER], 'nothing else should be shown');
    });
  }

  it('vercelTokens.signIn signed out asks for the token in a masked box and sends nothing when it is closed', async () => {
    const run = track(vscode.commands.executeCommand('vercelTokens.signIn'));
    await waitFor(() => inputBoxes.length > 0, 'the token box');
    const box = inputBoxes[0];
    assert.equal(box.title, 'Sign In to Vercel');
    assert.equal(box.password, true, 'the token box must mask what is typed');
    assert.equal(box.placeholder, 'Vercel access token');
    assert.equal(run.settled, false);

    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => run.settled, 'the command to end once the box was closed');
    assert.equal(run.error, undefined);
    assert.equal(run.value, false);
    assert.deepEqual(server.requests, []);
    assert.deepEqual(outgoing, []);
    assert.deepEqual(messages, []);
    assert.deepEqual(await services.keychain.readAccounts(), { accounts: [] });
  });

  it('vercelTokens.signIn with a token argument ignores it: the box is shown, nothing is sent', async () => {
    const run = track(vscode.commands.executeCommand('vercelTokens.signIn', server.accountToken));
    await waitFor(() => inputBoxes.length > 0 || run.settled, 'the token box');
    assert.equal(inputBoxes[0]?.title, 'Sign In to Vercel');
    assert.equal(inputBoxes[0].value, '', 'the argument is not put into the box');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => run.settled, 'the command to end once the box was closed');
    assert.equal(run.value, false);
    assert.deepEqual(server.requests, []);
    assert.equal(services.accounts.signedIn, false);
  });

  it('vercelTokens.signOut signed out does nothing and says nothing', async () => {
    const result = await vscode.commands.executeCommand('vercelTokens.signOut');
    assert.equal(result, false);
    assert.deepEqual(messages, []);
    assert.deepEqual(server.requests, []);
    assert.equal(services.accounts.signedIn, false);
  });

  // Create is in the palette signed out too: it is what a newcomer looks for, so it signs in first.
  for (const [form, start] of [
    ['public, no arguments', () => vscode.commands.executeCommand('vercelTokens.createToken')],
    ['public, with arguments', () => vscode.commands.executeCommand('vercelTokens.createToken', { name: 'ci', expiry: 'never' })],
    ['test API, with arguments', () => runTrusted('vercelTokens.createToken', { name: 'ci', expiry: 'never' })],
  ] as [string, () => Thenable<unknown>][]) {
    it(`vercelTokens.createToken (${form}) signed out asks for the token first; closing the box sends nothing`, async () => {
      const run = track(start());
      await waitFor(() => inputBoxes.length > 0 || run.settled, 'the token box');
      assert.equal(inputBoxes[0]?.title, 'Sign In to Vercel');
      assert.equal(inputBoxes[0].password, true);
      assert.equal(run.settled, false);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await waitFor(() => run.settled, 'the command to end once the box was closed');
      assert.equal(run.error, undefined);
      assert.equal(run.value, undefined);
      assert.equal(inputBoxes.length, 1, 'no create box after the sign-in box was closed');
      assert.deepEqual(server.requests, []);
      assert.deepEqual(outgoing, []);
      assert.deepEqual(messages, []);
    });
  }

  // Keybindings and other extensions pass something node-shaped or a token id (neither is trusted:
  // at most an id pre-selects the picker). Signed out, the extension cannot know any token, so the
  // useful answer is the same sign-in offer, not "No token with id … in this account".
  for (const [command, argument] of [
    ['vercelTokens.copyToken', { kind: 'token', userId: 'someone', tokenId: 'tok_from_a_keybinding' }],
    ['vercelTokens.copyTokenId', { kind: 'token', userId: 'someone', tokenId: 'tok_from_a_keybinding' }],
    ['vercelTokens.deleteToken', { kind: 'token', userId: 'someone', tokenId: 'tok_from_a_keybinding' }],
    ['vercelTokens.openLeakLocation', { kind: 'token', userId: 'someone', tokenId: 'tok_from_a_keybinding' }],
    ['vercelTokens.copyToken', 'tok_from_a_keybinding'],
    ['vercelTokens.deleteToken', 'tok_from_a_keybinding'],
  ] as [string, unknown][]) {
    it(`${command} with ${typeof argument === 'string' ? 'a token id' : 'a node-shaped object'} signed out offers "Sign In" and sends nothing`, async () => {
      const run = track(vscode.commands.executeCommand(command, argument));
      await waitFor(() => messages.length > 0 || run.settled, 'a message or the end of the command');
      await sleep(100);
      await clearNotifications();
      await waitFor(() => run.settled, 'the command to end');
      assert.equal(run.error, undefined);
      assert.equal(run.value, false);
      assert.deepEqual(server.requests, [], 'a request reached the API');
      assert.deepEqual(outgoing, []);
      assert.deepEqual(messages, [SIGN_IN_OFFER]);
    });
  }
});
