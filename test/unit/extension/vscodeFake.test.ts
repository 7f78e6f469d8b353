// The fake must behave like the real API where the extension relies on it; these pin that down.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fakeModule from '../support/vscode';
import { FakeMemento, FakeSecretStorage } from '../support/fakes';

const { fake } = fakeModule;

describe('vscode fake', () => {
  test("require('vscode') resolves to the fake", () => {
    assert.equal(vscode.EventEmitter, fakeModule.EventEmitter);
    assert.equal(require('vscode'), fakeModule);
  });

  test('EventEmitter fires synchronously, in order; a throwing listener does not stop the others; dispose detaches', () => {
    fake.reset();
    const emitter = new fakeModule.EventEmitter<number>();
    const seen: string[] = [];
    const first = emitter.event((n) => seen.push(`a${n}`));
    emitter.event(() => {
      throw new Error('listener failed');
    });
    emitter.event((n) => seen.push(`c${n}`));
    emitter.fire(1);
    assert.deepEqual(seen, ['a1', 'c1'], 'delivered before fire() returned');
    assert.equal(fake.unexpectedErrors.length, 1);
    first.dispose();
    emitter.fire(2);
    assert.deepEqual(seen, ['a1', 'c1', 'c2']);
    emitter.dispose();
    emitter.fire(3);
    assert.deepEqual(seen, ['a1', 'c1', 'c2']);
    fake.reset();
  });

  test('MarkdownString.appendText escapes Markdown; appendMarkdown does not', () => {
    const md = new fakeModule.MarkdownString();
    md.appendMarkdown('**').appendText('a *b* [c](d) #e').appendMarkdown('**');
    assert.equal(md.value, '**a&nbsp;\\*b\\*&nbsp;\\[c\\]\\(d\\)&nbsp;\\#e**');
    const icons = new fakeModule.MarkdownString('', true).appendText('$(key)');
    assert.equal(icons.value, '\\\\$\\(key\\)');
  });

  test('Uri.parse splits like VS Code and refuses a missing scheme in strict mode', () => {
    const uri = fakeModule.Uri.parse('https://github.com/a/b?x=1#L2', true);
    assert.deepEqual([uri.scheme, uri.authority, uri.path, uri.query, uri.fragment], ['https', 'github.com', '/a/b', 'x=1', 'L2']);
    assert.equal(uri.toString(), 'https://github.com/a/b?x=1#L2');
    assert.throws(() => fakeModule.Uri.parse('github.com/a', true), /Scheme is missing/);
    assert.equal(fakeModule.Uri.parse('command:foo').scheme, 'command');
  });

  test('commands: executeCommand returns a Promise, unknown commands reject, duplicates throw, setContext is recorded', async () => {
    fake.reset();
    const registration = vscode.commands.registerCommand('x.y', (a: number) => a + 1);
    const result = vscode.commands.executeCommand('x.y', 1);
    assert.ok(result instanceof Promise);
    assert.equal(await result, 2);
    assert.throws(() => vscode.commands.registerCommand('x.y', () => 0), /already exists/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('x.unknown')), /not found/);
    await vscode.commands.executeCommand('setContext', 'k', true);
    assert.equal(fake.context.get('k'), true);
    registration.dispose();
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('x.y', 1)), /not found/);
  });

  test('messages: a dismissed modal answers undefined; a scripted answer must be one of the items', async () => {
    fake.reset();
    assert.equal(await vscode.window.showWarningMessage('Sure?', { modal: true }, 'Yes'), undefined);
    fake.answerMessage('Sure?', 'Yes');
    assert.equal(await vscode.window.showWarningMessage('Sure?', { modal: true }, 'Yes'), 'Yes');
    fake.answerMessage('Again?', 'Maybe');
    await assert.rejects(Promise.resolve(vscode.window.showInformationMessage('Again?', 'Yes')), /not among the items/);
    assert.deepEqual(
      fake.messages.map((m) => [m.kind, m.message, m.options?.modal ?? false, m.items]),
      [
        ['warning', 'Sure?', true, ['Yes']],
        ['warning', 'Sure?', true, ['Yes']],
      ],
    );
  });

  test('input box: code setting value fires nothing; typing fires onDidChangeValue; dispose fires onDidHide once', () => {
    fake.reset();
    const box = vscode.window.createInputBox() as unknown as fakeModule.FakeInputBox;
    const events: string[] = [];
    box.onDidChangeValue((value) => events.push(`change ${value}`));
    box.onDidHide(() => events.push('hide'));
    box.value = 'preset';
    box.show();
    box.type('typed');
    box.dispose();
    box.dispose();
    assert.deepEqual(events, ['change typed', 'hide']);
    assert.throws(() => box.enter(), /not shown/);
  });

  test('configuration: inspect separates user and workspace values; get returns the most specific', () => {
    fake.reset();
    const changes: boolean[] = [];
    const listener = vscode.workspace.onDidChangeConfiguration((event) => changes.push(event.affectsConfiguration('vercelTokens.apiUrl')));
    fake.setConfiguration('vercelTokens.apiUrl', 'https://user.example', 'global');
    fake.setConfiguration('vercelTokens.apiUrl', 'https://workspace.example', 'workspace');
    fake.setConfiguration('vercelTokens.defaultExpiry', '7d', 'global');
    const config = vscode.workspace.getConfiguration('vercelTokens');
    assert.deepEqual(config.inspect('apiUrl'), {
      key: 'vercelTokens.apiUrl',
      defaultValue: 'https://api.vercel.com',
      globalValue: 'https://user.example',
      workspaceValue: 'https://workspace.example',
      workspaceFolderValue: undefined,
    });
    assert.equal(config.get('apiUrl'), 'https://workspace.example');
    assert.equal(config.get('requestTimeoutSeconds'), 30, 'defaults come from package.json');
    assert.deepEqual(changes, [true, true, false]);
    listener.dispose();
    fake.reset();
  });

  test('withProgress: the test can cancel a cancellable task through its token', async () => {
    fake.reset();
    const next = fake.nextProgress();
    const running = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 't', cancellable: true },
      (_progress, token) => new Promise<string>((resolve) => token.onCancellationRequested(() => resolve('cancelled'))),
    );
    (await next).cancel();
    assert.equal(await running, 'cancelled');
    assert.equal(fake.progress[0].done, true);
  });

  test('SecretStorage fake: change events for own writes arrive before store() resolves; other windows write the same Map', async () => {
    const secrets = new FakeSecretStorage();
    const events: string[] = [];
    secrets.onDidChange((event) => events.push(event.key));
    const storing = secrets.store('k', 'v').then(() => events.push('resolved'));
    await storing;
    assert.deepEqual(events, ['k', 'resolved']);
    await secrets.otherWindow.store('j', 'w');
    assert.equal(await secrets.get('j'), 'w');
    secrets.failGet(new Error('locked'));
    await assert.rejects(secrets.get('k'), /locked/);
    assert.deepEqual(events, ['k', 'resolved', 'j']);
  });

  test('Memento fake keeps JSON-serialisable copies and deletes on undefined', async () => {
    const memento = new FakeMemento();
    const value = { a: 1 };
    await memento.update('x', value);
    value.a = 2;
    assert.deepEqual(memento.get('x'), { a: 1 });
    await memento.update('x', undefined);
    assert.deepEqual(memento.keys(), []);
    assert.equal(memento.get('x', 'fallback'), 'fallback');
  });
});
