// Wiring only: create the pieces, register commands, views and listeners. Nothing here does I/O
// while activating, so activation stays at registrations.
import vscode = require('vscode');
import { VercelClient, type FetchLike } from './api/client';
import { affectsApi, apiUrl, requestTimeoutMs } from './config';
import { Logger } from './log';
import { SecretStore } from './secretStore';
import { Session } from './session';
import { TokenModel } from './views/tokenModel';
import { TokenTreeProvider } from './views/tokenTreeProvider';
import { AccountStatus } from './views/accountStatus';
import { formatDateTime } from './domain/format';
import { signOutInvalidToken, type Services } from './commands/services';
import { signIn } from './commands/signIn';
import { signOut } from './commands/signOut';
import { createToken, type CreateTokenArgs } from './commands/createToken';
import { refresh } from './commands/refresh';
import { copyToken } from './commands/copyToken';
import { copyTokenId } from './commands/copyTokenId';
import { deleteToken } from './commands/deleteToken';
import { selectTeam } from './commands/selectTeam';
import { openLeakLocation } from './commands/openLeakLocation';

/** node-fetch is loaded on the first request, not at activation. */
const lazyNodeFetch: FetchLike = async (url, init) => {
  const { default: fetch } = await import('node-fetch');
  return fetch(url, init as Parameters<typeof fetch>[1]);
};

/** Handed to the extension-host tests only (ExtensionMode.Test); other extensions get nothing. */
export interface TestApi {
  services: Services;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const channel = vscode.window.createOutputChannel('Vercel Tokens', { log: true });
  const log = new Logger(channel);
  const store = new SecretStore(context.secrets, log);
  const createClient = (token: string) => {
    const url = apiUrl();
    if (!url.ok) throw new Error(url.message);
    return new VercelClient({
      baseUrl: url.url,
      token,
      fetch: lazyNodeFetch,
      timeoutMs: requestTimeoutMs(),
      onRequest: (entry) => log.request(entry),
    });
  };
  const session = new Session(store, context.globalState, createClient, log);
  const model = new TokenModel(session, store, log, () => void signOutInvalidToken(services));
  const provider = new TokenTreeProvider(model);
  const treeView = vscode.window.createTreeView('vercelTokens.tokens', { treeDataProvider: provider, showCollapseAll: true });
  const services: Services = { session, store, model, provider, treeView, log };
  const accountStatus = new AccountStatus();

  // Each setContext and view property is a round trip to the workbench: send only what changed.
  const shown = new Map<string, unknown>();
  const changed = (key: string, value: unknown) => (!shown.has(key) || shown.get(key) !== value) && (shown.set(key, value), true);
  const updateView = () => {
    if (changed('signedIn', session.signedIn)) void vscode.commands.executeCommand('setContext', 'vercelTokens.signedIn', session.signedIn);
    if (changed('state', model.state)) void vscode.commands.executeCommand('setContext', 'vercelTokens.state', model.state);
    const profile = session.profile;
    const team = session.team;
    const description = session.signedIn && profile ? `${profile.username}${team ? ` · ${team.slug}` : ''}` : undefined;
    if (changed('description', description)) {
      treeView.description = description;
      accountStatus.show(session.signedIn && profile ? { username: profile.username, team } : undefined);
    }
    const message = model.isStale
      ? `Showing the list from ${formatDateTime(model.lastLoadedAt ?? 0)}: the refresh failed (${model.error}).`
      : model.state === 'error'
        ? model.error
        : undefined;
    if (changed('message', message)) treeView.message = message;
  };

  const command = (id: string, run: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    channel,
    log,
    store,
    session,
    model,
    provider,
    treeView,
    accountStatus,
    session.onDidChange(updateView),
    model.onDidChange(updateView),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsApi(event) && session.signedIn) void model.refresh();
    }),
    command('vercelTokens.signIn', (token?: unknown) => signIn(services, token)),
    command('vercelTokens.signOut', () => signOut(services)),
    command('vercelTokens.createToken', (args?: CreateTokenArgs) => createToken(services, isCreateArgs(args) ? args : undefined)),
    command('vercelTokens.refresh', () => refresh(services)),
    command('vercelTokens.copyToken', (node?: unknown) => copyToken(services, node)),
    command('vercelTokens.copyTokenId', (node?: unknown) => copyTokenId(services, node)),
    command('vercelTokens.deleteToken', (node?: unknown, options?: { confirmed?: boolean }) => deleteToken(services, node, options)),
    command('vercelTokens.selectTeam', () => selectTeam(services)),
    command('vercelTokens.openLeakLocation', (node?: unknown) => openLeakLocation(services, node)),
  );
  // Learn whether we are signed in after activation has returned.
  void session.restore().then(updateView);
  return context.extensionMode === vscode.ExtensionMode.Test ? { services } : undefined;
}

/** Menus pass the tree node as the first argument; only a plain `{ name }` object means "skip the prompts". */
function isCreateArgs(value: unknown): value is CreateTokenArgs {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

export function deactivate(): void {}
