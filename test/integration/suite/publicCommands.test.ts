// The public command rule, in the real VS Code: any extension, keybinding or link can run
// `vercelTokens.*` with any arguments, so the public commands trust none. A token id only
// pre-selects the picker (which is still shown), `{confirmed: true}` does not skip the modal, create
// input does not skip the boxes; only a node handed out by the extension's own tree is acted on
// directly. (The trusted forms exist only in the test API: helpers' `run`.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  inputBoxes,
  list,
  listsIdle,
  messages,
  messagesOf,
  quickPicks,
  requestLines,
  run,
  sleep,
  statusBarMessages,
  tokenNode,
  track,
  waitFor,
  type FakeVercel,
  type Services,
  type Tracked,
  useStandIn,
} from './helpers';

const SENTINEL = 'clipboard-before-the-command';

describe('public commands trust no argument', () => {
  let services: Services;
  let server: FakeVercel;

  useStandIn((fixture) => ({ services, server } = fixture), { signedIn: true });
  beforeEach(() => vscode.env.clipboard.writeText(SENTINEL));

  async function createStored(name: string): Promise<string> {
    const result = await run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', { name, expiry: 'never' });
    assert.ok(result?.stored, `could not create ${name}`);
    await listsIdle(services);
    messages.length = 0;
    statusBarMessages.length = 0;
    return result.tokenId;
  }

  /** Waits for the picker to be shown with its items, and a moment for VS Code to render them. */
  async function picker(command: Tracked<unknown>): Promise<(typeof quickPicks)[number]> {
    await waitFor(() => (quickPicks.length > 0 && quickPicks[0].items.length > 0) || command.settled, 'the picker');
    assert.equal(command.settled, false, `the command ended without a picker: ${command.error instanceof Error ? command.error.message : JSON.stringify(command.value)}`);
    await sleep(300);
    return quickPicks[0];
  }

  it('executeCommand("vercelTokens.copyToken", id) shows a quick pick with that token first, and copies nothing when it is dismissed', async () => {
    const older = await createStored('Older stored token');
    const newer = await createStored('Newer stored token');
    const before = server.requests.length;

    const copying = track(vscode.commands.executeCommand('vercelTokens.copyToken', older));
    const shown = await picker(copying);
    assert.equal(shown.placeHolder, 'Copy the value of which token?');
    // Only tokens whose value is stored (not the account token), the given id first.
    assert.deepEqual(
      shown.items.map((item) => [item.label, item.detail]),
      [
        ['Older stored token', older],
        ['Newer stored token', newer],
      ],
    );
    assert.equal(await vscode.env.clipboard.readText(), SENTINEL, 'copied before the pick');

    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => copying.settled, 'the command to end once the picker was closed');
    assert.equal(copying.error, undefined);
    assert.equal(copying.value, false);
    assert.equal(await vscode.env.clipboard.readText(), SENTINEL);
    assert.deepEqual(requestLines(server, before), []);
    assert.deepEqual(messages, []);
    assert.deepEqual(statusBarMessages, []);

    // The same picker, accepted as it is: the pre-selected token is the one copied.
    const accepted = track(vscode.commands.executeCommand('vercelTokens.copyToken', older));
    await picker(accepted);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => accepted.settled, 'the command to end once the pick was accepted');
    assert.equal(accepted.value, true);
    assert.equal(await vscode.env.clipboard.readText(), server.valueOf(older));
  });

  it('a node-shaped object is no node: the picker is shown, without pre-selecting; the tree’s own node copies at once', async () => {
    const older = await createStored('Older stored token');
    const newer = await createStored('Newer stored token');

    const lookalike = { kind: 'token', userId: server.user.id, tokenId: older };
    const copying = track(vscode.commands.executeCommand('vercelTokens.copyToken', lookalike));
    const shown = await picker(copying);
    assert.deepEqual(shown.items.map((item) => item.detail), [newer, older], 'newest first: nothing pre-selected');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => copying.settled, 'the command to end');
    assert.equal(copying.value, false);
    assert.equal(await vscode.env.clipboard.readText(), SENTINEL);

    quickPicks.length = 0;
    assert.equal(await vscode.commands.executeCommand('vercelTokens.copyToken', tokenNode(services, older)), true);
    assert.deepEqual(quickPicks, [], 'no picker for the tree’s own node');
    assert.equal(await vscode.env.clipboard.readText(), server.valueOf(older));
  });

  it('executeCommand("vercelTokens.deleteToken", id, {confirmed: true}) sends no DELETE without the modal', async () => {
    const id = await createStored('Not to be deleted');
    const before = server.requests.length;

    const deleting = track(vscode.commands.executeCommand('vercelTokens.deleteToken', id, { confirmed: true }));
    const shown = await picker(deleting);
    assert.equal(shown.placeHolder, 'Delete which token?');
    assert.equal(shown.items[0]?.detail, id, 'the given id is pre-selected');
    assert.deepEqual(requestLines(server, before), [], 'nothing is sent before the pick');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

    // `confirmed` is ignored: the modal is asked for. A test host refuses modals, so the command ends
    // with that refusal, exactly where a user would have had to press Delete.
    await waitFor(() => messagesOf('warning').some((m) => m.modal) || deleting.settled, 'the modal');
    await waitFor(() => deleting.settled, 'the command to end once its modal was refused');
    assert.match(String(deleting.error), /refused to show dialog in tests/);
    const modal = messagesOf('warning').find((m) => m.modal);
    assert.deepEqual(
      modal && [modal.message, modal.items],
      ['Delete the Vercel token "Not to be deleted"?', ['Delete']],
    );
    await listsIdle(services);
    assert.deepEqual(server.requests.slice(before).filter((entry) => entry.method === 'DELETE'), [], 'a DELETE was sent');
    assert.ok(server.tokens().some((token) => token.id === id), 'the token is gone on the server');
    assert.ok(list(services).token(id));
    assert.equal(await services.keychain.getTokenValue(id), server.valueOf(id));

    // The tree's own node skips the picker, but not the modal either.
    messages.length = 0;
    quickPicks.length = 0;
    const fromTree = track(vscode.commands.executeCommand('vercelTokens.deleteToken', tokenNode(services, id), { confirmed: true }));
    await waitFor(() => fromTree.settled, 'the command to end once its modal was refused');
    assert.match(String(fromTree.error), /refused to show dialog in tests/);
    assert.deepEqual(quickPicks, []);
    assert.equal(messagesOf('warning').filter((m) => m.modal).length, 1);
    assert.deepEqual(server.requests.slice(before).filter((entry) => entry.method === 'DELETE'), []);
    assert.ok(server.tokens().some((token) => token.id === id));
  });

  it('executeCommand("vercelTokens.createToken", {name, expiry}) shows the name box, empty; closing it sends nothing', async () => {
    const before = server.requests.length;
    const creating = track(vscode.commands.executeCommand('vercelTokens.createToken', { name: 'From another extension', expiry: 'never' }));
    await waitFor(() => inputBoxes.length > 0 || creating.settled, 'the name box');
    const box = inputBoxes[0];
    assert.equal(box?.title, 'Create Vercel Auth Token');
    assert.equal(box.step, 1);
    assert.equal(box.value, '', 'the argument is not put into the box');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => creating.settled, 'the command to end once the box was closed');
    assert.equal(creating.value, undefined);
    // Only the teams are read (for the scope step) while the name box is open; nothing is created.
    assert.deepEqual(requestLines(server, before), ['GET /v2/teams']);
    assert.ok(!server.tokens().some((token) => token.name === 'From another extension'));
  });
});
