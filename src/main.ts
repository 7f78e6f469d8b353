// Wiring only: create the pieces and connect them to the commands and the view that the activation
// shell (extension.ts) registered. Loaded on first use, after activation has returned.
import vscode = require('vscode');
import { l10n } from 'vscode';
import * as coreL10n from '@vscode/l10n';
import { VercelClient } from './api/client';
import { VercelCancelledError } from './api/errors';
import { Accounts } from './core/accounts';
import { Emitter } from './core/events';
import { Keychain } from './core/keychain';
import { sleepOn, SwitchableClock, systemClock, type Clock } from './core/ports';
import { TokenLists, type TokenList } from './core/tokenList';
import { TokenOperations } from './core/tokens';
import { affectsAlerts, affectsApi, apiUrl, clipboardClearSeconds, expiryWarningDays, requestTimeoutMs } from './config';
import { Places } from './core/places';
import type { Git } from './integrations/git';
import type { LeakReporter } from './integrations/leakReport';
import type { GitHubSecrets } from './integrations/githubSecrets';
import type { GitHubSessions } from './integrations/github/session';
import { TerminalEnvironment } from './integrations/terminals';
import { LeakDiagnostics } from './integrations/leakDiagnostics';
import { stopTerminals, stopUsingInTerminals } from './commands/useInTerminals';
import type { PlaceWriter } from './core/places';
import type * as Flows from './flows';
import { places } from './placesChunk';
import { Alerts } from './core/alerts';
import { Rotation } from './core/rotation';
import { announceAttention, attentionBadge } from './commands/attention';
import { formatDateTime, isSingular, setDisplayLanguage } from './domain/format';
import { inert } from './domain/inertText';
import { Logger } from './log';
import { ClipboardGuard } from './ui/clipboard';
import { AccountStatus } from './views/accountStatus';
import { TokenTreeProvider, type Node } from './views/tokenTreeProvider';
import { publicAccountTarget, publicTokenTarget, signOutInvalidToken, type Services, type TokenTarget } from './commands/services';
import { loadFlows, setExtensionUri } from './flowsChunk';
// The modules the chunks take from this bundle (esbuild.mjs).
export { sharedWithChunks } from './chunkShared';
import { refresh } from './commands/refresh';
import { copyToken } from './commands/copyToken';
import { copyTokenId } from './commands/copyTokenId';
import { trustedHandlers } from './testApi';

// The Node host's; the browser build (esbuild.mjs) puts the web worker's in its place.
import { platform } from './platform/node';

/**
 * Handed to the extension-host tests only (ExtensionMode.Test); other extensions get nothing.
 * `run` calls a command with the trusted arguments the public commands refuse: a token to sign
 * in with, create input that skips the boxes, a token id to act on, a confirmed delete.
 */
export interface TestApi {
  services: Services;
  run(command: string, ...args: unknown[]): Promise<unknown>;
  /** Retry waits, back-off, the clipboard countdown and "now" follow this clock from here on. */
  useClock(clock: Clock): void;
  /**
   * GitHub sessions from here on come from this source: in the extension-host tests VS Code refuses
   * every dialog, VS Code's Allow dialog too (the e2e run goes through it).
   */
  useGitHubSessions(sessions: GitHubSessions | undefined): void;
}

export type Handler = (...args: unknown[]) => unknown;

const HIDE_INACTIVE_KEY = 'vercelTokens.hideInactive';

/** What the activation shell registered, handed to start(). */
export interface Shell {
  treeView: vscode.TreeView<Node>;
  /** Makes the shell's tree provider forward to this one. */
  attach(provider: TokenTreeProvider): void;
}

export interface Started {
  handlers: Record<string, Handler>;
  testApi: TestApi | undefined;
}

export function start(context: vscode.ExtensionContext, shell: Shell): Started {
  // The layers without `vscode` (core, domain, api) take their messages from the bundle VS Code
  // loaded for its display language, and format dates and plurals in that language.
  if (l10n.bundle) coreL10n.config({ contents: l10n.bundle });
  setDisplayLanguage(vscode.env.language);
  // The browser build reads its flows chunk from the extension's own files.
  setExtensionUri(context.extensionUri);
  const channel = vscode.window.createOutputChannel('Vercel Tokens', { log: true });
  const log = new Logger(channel);
  Emitter.onListenerError = (error) => log.error('A listener failed', error);
  const keychain = new Keychain(context.secrets, log);
  const clock = new SwitchableClock(systemClock);
  const createClient = (token: string) => {
    const url = apiUrl();
    if (!url.ok) throw new Error(url.message);
    return new VercelClient({
      baseUrl: url.url,
      token,
      fetch: platform.fetch,
      networkFailure: platform.networkFailure,
      timeoutMs: requestTimeoutMs(),
      onRequest: (entry) => log.request(entry),
      sleep: (ms, signal) => sleepOn(clock, ms, signal, () => new VercelCancelledError(false)),
      now: () => clock.now(),
    });
  };
  const accounts = new Accounts(keychain, context.globalState, createClient, log);
  // Vercel rejected an account's token: that account is signed out and the user told.
  const onInvalidToken = (userId: string) => void signOutInvalidToken(services, userId);
  const lists = new TokenLists(accounts, keychain, log, clock, onInvalidToken);
  const tokens = new TokenOperations(accounts, keychain, lists, log, clock);
  const hideInactive = () => context.globalState.get<boolean>(HIDE_INACTIVE_KEY) === true;
  const tokenPlaces = new Places(context.globalState);
  const provider = new TokenTreeProvider(accounts, lists, { warningDays: expiryWarningDays, hideInactive, places: tokenPlaces });
  // VS Code's own GitHub sign-in unless the extension-host tests give their own (see TestApi).
  let githubSessions: GitHubSessions | undefined;
  let github: GitHubSecrets | undefined;
  const lazyGitHub = (): GitHubSecrets =>
    (github ??= new (places().GitHubSecrets)({
      sessions: () => githubSessions ?? places().vscodeGitHubSessions,
      fetch: platform.fetch,
      timeoutMs: requestTimeoutMs,
      onRequest: (entry) => log.request(entry),
    }));
  const terminals = new TerminalEnvironment(context.environmentVariableCollection);
  let git: Git | undefined;
  const lazyGit = (): Git => (git ??= new (places().Git)());
  let writer: PlaceWriter | undefined;
  const lazyWriter: PlaceWriter = { write: (...args) => (writer ??= new (places().IntegrationPlaceWriter)(lazyGitHub(), terminals)).write(...args) };
  const rotation = new Rotation(accounts, tokens, log, clock, { places: tokenPlaces, writer: lazyWriter });
  const alerts = new Alerts(accounts, lists, context.globalState, clock, expiryWarningDays);
  shell.attach(provider);
  const { treeView } = shell;
  const clipboard = new ClipboardGuard(clock, clipboardClearSeconds);
  // Built with the places chunk, once a document holds something that looks like a token.
  const leakReporter = (): LeakReporter =>
    places().createLeakReporter({ accounts, keychain, lists, git: lazyGit, requestFor: (userId, tokenId) => leaks.tokenRequest(userId, tokenId) }, () => leaks.rescanAll(), context.subscriptions);
  const leaks = new LeakDiagnostics(leakReporter, context.workspaceState);
  const letGo = (tokenId: string) => {
    if (terminals.tokenId === tokenId) void stopTerminals(services);
    void tokenPlaces.forget(tokenId);
  };
  const services: Services = {
    accounts,
    keychain,
    lists,
    tokens,
    rotation,
    alerts,
    provider,
    treeView,
    log,
    clipboard,
    places: tokenPlaces,
    terminals,
    // From the places chunk, when first used.
    get git() {
      return lazyGit();
    },
    get github() {
      return lazyGitHub();
    },
  };
  const accountStatus = new AccountStatus();

  // Each setContext and view property is a round trip to the workbench: send only what changed.
  const shown = new Map<string, unknown>();
  const changed = (key: string, value: unknown) => (!shown.has(key) || shown.get(key) !== value) && (shown.set(key, value), true);
  const updateView = () => {
    const all = accounts.all;
    const signedIn = all.length > 0;
    const single: TokenList | undefined = all.length === 1 ? lists.get(all[0].userId) : undefined;
    const state = !signedIn ? 'signedOut' : single ? (single.state === 'idle' ? 'loading' : single.state) : 'ready';
    if (changed('signedIn', signedIn)) void vscode.commands.executeCommand('setContext', 'vercelTokens.signedIn', signedIn);
    if (changed('state', state)) void vscode.commands.executeCommand('setContext', 'vercelTokens.state', state);
    if (changed('hideInactive', hideInactive())) void vscode.commands.executeCommand('setContext', 'vercelTokens.hideInactive', hideInactive());
    // The filter hides every token of the one account, whose tokens are the roots: the tree is empty
    // and its welcome view says why. With several accounts their rows stay, so this is never true.
    const allHidden = single?.state === 'ready' && single.tokens.length > 0 && provider.shownTokens(single).length === 0;
    if (changed('allHidden', allHidden)) void vscode.commands.executeCommand('setContext', 'vercelTokens.allHidden', allHidden);
    const attention = alerts.current.length;
    if (changed('attention', attention)) treeView.badge = attentionBadge(attention);
    const current = accounts.current;
    const team = current && accounts.team(current.userId);
    // Two or more accounts, yet the language's plural rules choose (in Russian, 21 takes the singular form).
    const accountCount = () => (isSingular(all.length) ? l10n.t('{0} account', all.length) : l10n.t('{0} accounts', all.length));
    const description = !current
      ? undefined
      : all.length > 1
        ? accountCount()
        : `${inert(current.username)}${team ? ` · ${inert(team.slug)}` : ''}`;
    const status = current ? `${current.userId}|${current.username}|${team?.id}|${all.length}` : undefined;
    if (changed('description', description)) treeView.description = description;
    if (changed('status', status)) accountStatus.show(
        current ? { username: current.username, team, accountCount: all.length, node: provider.accountNode(current.userId) } : undefined,
      );
    // VS Code shows a view's welcome only while the view has no message: the error, loading and
    // filtered welcomes (with Retry, Create, Show Expired and Revoked) say it themselves. A stale
    // list's failed refresh is said by no welcome, so it keeps the message even when all is hidden.
    const message = single?.state === 'error' || single?.state === 'loading' || (allHidden && !single.error) ? undefined : viewMessage();
    if (changed('message', message)) treeView.message = message;
  };
  const viewMessage = (): string | undefined => {
    const all = accounts.all;
    const problems = all.flatMap((account) => {
      const list = lists.get(account.userId);
      if (!list?.error) return [];
      const problem = list.isStale
        ? l10n.t('Showing the list from {0}: the refresh failed ({1}).', formatDateTime(list.lastLoadedAt ?? 0), list.error)
        : list.error;
      // With several accounts, whose list it is: "name: problem".
      return [all.length > 1 ? l10n.t('{0}: {1}', inert(account.username), problem) : problem];
    });
    if (!all.length && accounts.error) return l10n.t('The accounts could not be read from the keychain: {0}', accounts.error);
    const hidden = provider.hiddenCount();
    if (hidden) {
      problems.push(isSingular(hidden) ? l10n.t('{0} expired or revoked token is hidden.', hidden) : l10n.t('{0} expired or revoked tokens are hidden.', hidden));
    }
    return problems.length ? problems.join(' ') : undefined;
  };

  // Public commands: a node of this tree is acted on; a token id only pre-selects the picker.
  const token = (args: unknown[]): TokenTarget => publicTokenTarget(services, args[0]);
  // A leak's quick fix names its token for Rotate and Delete only (each still asks its confirmation).
  const leakFixTarget = (argument: unknown): TokenTarget | undefined =>
    leaks.isTokenRequest(argument) ? { node: provider.nodeFor(argument.userId, argument.tokenId) } : undefined;
  const account = (args: unknown[]) => publicAccountTarget(services, args[0]);
  /**
   * Runs a flow of the chunk. A chunk that does not load is told here, in the loader's words, rather
   * than left to VS Code, which shows a failed command only when the user ran it from the UI: the
   * attention notification's Rotate… and a Sign In button run theirs from code. The loader keeps no
   * failure, so the next command tries again.
   */
  const withFlows = <T>(run: (flows: typeof Flows) => T): Promise<T | undefined> =>
    loadFlows().then(run, (error: unknown) => {
      log.error('The flows chunk could not be loaded', error);
      // Modal, as VS Code shows a failed command run from the palette.
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error), { modal: true });
      return undefined;
    });
  const handlers: Record<string, Handler> = {
    'vercelTokens.signIn': () => withFlows((flows) => flows.signIn(services)),
    'vercelTokens.signOut': (...args) => withFlows((flows) => flows.signOut(services, { userId: account(args) })),
    'vercelTokens.createToken': (...args) => withFlows((flows) => flows.createToken(services, { userId: account(args) })),
    'vercelTokens.refresh': () => refresh(services),
    'vercelTokens.copyToken': (...args) => copyToken(services, token(args)),
    'vercelTokens.copyTokenId': (...args) => copyTokenId(services, token(args)),
    // A menu on several selected rows passes the clicked node and the selection.
    'vercelTokens.deleteToken': (...args) =>
      withFlows((flows) => {
        const selection = flows.publicSelection(services, args[1]);
        return selection.length > 1 ? flows.deleteTokens(services, selection) : flows.deleteToken(services, leakFixTarget(args[0]) ?? token(args));
      }),
    'vercelTokens.rotateToken': (...args) => withFlows((flows) => flows.rotateToken(services, leakFixTarget(args[0]) ?? token(args))),
    'vercelTokens.deleteExpiredTokens': () => withFlows((flows) => flows.deleteExpiredTokens(services)),
    'vercelTokens.hideInactiveTokens': () => setHideInactive(true),
    'vercelTokens.showInactiveTokens': () => setHideInactive(false),
    'vercelTokens.selectTeam': (...args) => withFlows((flows) => flows.selectTeam(services, { userId: account(args) })),
    'vercelTokens.openLeakLocation': (...args) => withFlows((flows) => flows.openLeakLocation(services, token(args))),
    'vercelTokens.saveToGitHubSecret': (...args) => places().saveToGitHubSecret(services, token(args)),
    'vercelTokens.addToEnvFile': (...args) => places().addToEnvFile(services, token(args)),
    'vercelTokens.useInTerminals': (...args) => places().useInTerminals(services, token(args)),
    'vercelTokens.stopUsingInTerminals': () => stopUsingInTerminals(services),
    // A quick fix's own request names its file; from anywhere else, the active editor's file (as from the palette).
    'vercelTokens.dontFlagTokensInFile': (...args) => {
      const uri = leaks.isOwnRequest(args[0]) ? args[0].uri : vscode.window.activeTextEditor?.document.uri;
      return uri ? leaks.dontFlag(uri) : undefined;
    },
  };

  /** The view filter, remembered across reloads. */
  const setHideInactive = async (hide: boolean) => {
    await context.globalState.update(HIDE_INACTIVE_KEY, hide);
    provider.refreshAll();
    updateView();
  };

  context.subscriptions.push(
    channel,
    log,
    keychain,
    accounts,
    lists,
    alerts,
    provider,
    alerts.onDidChange(updateView),
    // The notification is answered whenever the user gets to it; its callback holds no value.
    alerts.onDidAnnounce((entries) => void announceAttention(services, entries)),
    accountStatus,
    clipboard,
    accounts.onDidChange(updateView),
    lists.onDidChange(updateView),
    tokenPlaces,
    tokens,
    leaks,
    tokenPlaces.onDidChange(() => void vscode.commands.executeCommand('setContext', 'vercelTokens.terminalsInUse', terminals.tokenId !== undefined)),
    // A token that is gone (deleted here, or found gone on Vercel) is nowhere any more; its value
    // leaves the terminals' environment.
    tokens.onDidForgetToken(({ tokenId }) => letGo(tokenId)),
    lists.onDidFindGone(({ tokenId }) => letGo(tokenId)),
    // Signed out of an account: its tokens' values leave the terminals.
    accounts.onDidChange(() => {
      if (terminals.userId !== undefined && !accounts.get(terminals.userId)) void stopTerminals(services);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The lists report their own failures in the view.
      if (affectsApi(event)) for (const { userId } of accounts.all) void lists.get(userId)?.refresh();
      if (affectsAlerts(event)) {
        provider.refreshAll();
        // A wider window may bring tokens that now need attention: they are announced.
        void alerts.check();
      }
    }),
  );
  leaks.start();
  // Learn whether we are signed in after activation has returned; a keychain failure shows in the view.
  void accounts.restore().then(updateView);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return { handlers, testApi: undefined };
  const testApi: TestApi = {
    services,
    run: (command, ...args) => Promise.resolve(trustedHandlers(services, handlers)[command]?.(...args)),
    useClock: (testClock) => clock.use(testClock),
    useGitHubSessions: (sessions) => (githubSessions = sessions),
  };
  return { handlers, testApi };
}
