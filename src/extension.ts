// The activation shell: registers the commands and the tree view, and nothing else. The rest of
// the extension (src/main.ts and everything under it, node-fetch included) is a second bundle,
// loaded right after activation has returned or on the first command, whichever comes first, so
// that activating costs about what an empty extension costs.
import vscode = require('vscode');
import type { Shell, Started, TestApi } from './main';
import { loadMain } from './mainLoader';
import type { Node, TokenTreeProvider } from './views/tokenTreeProvider';

export type { TestApi };

/** Every command in package.json; each is forwarded to its handler in main. */
const COMMANDS = [
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
] as const;

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const changes = new vscode.EventEmitter<Node | undefined>();
  let provider: TokenTreeProvider | undefined;
  let started: Started | undefined;
  const shell: Shell = {
    treeView: undefined as unknown as vscode.TreeView<Node>,
    attach(real) {
      provider = real;
      context.subscriptions.push(real.onDidChangeTreeData((node) => changes.fire(node)));
    },
  };
  const main = (): Started => (started ??= loadMain().start(context, shell));
  const tree = (): TokenTreeProvider => (main(), provider as TokenTreeProvider);
  const treeDataProvider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changes.event,
    getChildren: (element) => tree().getChildren(element),
    getTreeItem: (element) => tree().getTreeItem(element),
    getParent: (element) => tree().getParent(element),
    resolveTreeItem: (item, element) => tree().resolveTreeItem(item, element),
  };
  shell.treeView = vscode.window.createTreeView('vercelTokens.tokens', { treeDataProvider, showCollapseAll: true, canSelectMany: true });
  context.subscriptions.push(
    changes,
    shell.treeView,
    ...COMMANDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => main().handlers[id](...args))),
  );
  // Learn whether we are signed in (status bar, welcome views) as soon as activation has returned.
  setTimeout(main, 0);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  // Tests activate the shell as users do; main loads when the test API is first used, or after activation.
  const testApi = (): TestApi => main().testApi as TestApi;
  return {
    get services() {
      return testApi().services;
    },
    run: (command, ...args) => testApi().run(command, ...args),
    useClock: (clock) => testApi().useClock(clock),
    useGitHubSessions: (sessions) => testApi().useGitHubSessions(sessions),
  };
}

export function deactivate(): void {}
