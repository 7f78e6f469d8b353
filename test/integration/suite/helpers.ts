// Shared helpers of the extension-host suites: the extension's test API (Test mode: its services,
// and `run` for the trusted forms of the commands), the stand-in Vercel API, spies on what the
// extension shows and sends, waiting, and resetting between tests.
//
// The spies wrap, never replace: every call is recorded and then passed on to the real VS Code API
// (or Node's http module) unchanged. The tests and the extension share one `vscode` API object
// (they live in the same extension folder), so the extension's own calls are recorded too.
import * as assert from 'node:assert/strict';
import nodeHttp = require('node:http');
import nodeHttps = require('node:https');
import * as vscode from 'vscode';
import type { Services } from '../../../src/commands/services';
import type { TokenList } from '../../../src/core/tokenList';
import type { TestApi } from '../../../src/extension';
import type { AccountNode, FieldNode, Node, TokenNode } from '../../../src/views/tokenTreeProvider';
import { startFakeVercel, type FakeVercel, type RequestLogEntry } from '../../fake-vercel/server';
import { GITHUB_STANDIN_ID, type GitHubStandin, type GitHubStandinRequest, type GitHubStandinSession } from '../../host/githubAuthStandin';

export const EXTENSION_ID = 'vercel-tokens.vercel-tokens';
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export type { FakeVercel, RequestLogEntry, Services, Node, AccountNode, TokenNode, FieldNode, TokenList, TestApi };
export type { GitHubStandin, GitHubStandinRequest, GitHubStandinSession };

// --- The extension -----------------------------------------------------------------------------

export function extension(): vscode.Extension<TestApi | undefined> {
  const found = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

let testApi: TestApi | undefined;

/** activate() returns `{ services, run }` in ExtensionMode.Test. */
export async function getTestApi(): Promise<TestApi> {
  const api = await extension().activate();
  assert.ok(api?.services && typeof api.run === 'function', 'activate() returned no test API: is the extension host in Test mode?');
  installSpies();
  testApi = api;
  return api;
}

export async function getServices(): Promise<Services> {
  return (await getTestApi()).services;
}

/**
 * A command in its trusted form, through the test API: what `executeCommand` with the same
 * arguments did before the public commands stopped trusting arguments (a token to sign in with,
 * `{name, expiry}` for create, a token id or `{tokenId}` to act on, `(id, {confirmed: true})`).
 * For the public form, use `vscode.commands.executeCommand`.
 */
export function run<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  assert.ok(testApi, 'run() before getTestApi()');
  return testApi.run(command, ...args) as Promise<T>;
}

// --- The test host: workspace and stand-in GitHub sign-in ---------------------------------------

/**
 * The controls of the stand-in GitHub authentication provider (test/host/github-auth-standin),
 * loaded beside the extension in every run. It holds the ids `github` and `github-enterprise`.
 */
export async function githubStandin(): Promise<GitHubStandin> {
  const found = vscode.extensions.getExtension<GitHubStandin | undefined>(GITHUB_STANDIN_ID);
  assert.ok(found, `${GITHUB_STANDIN_ID} is not loaded: the run must pass its folder as a development path`);
  // It activates at start-up; this waits for that if it is still under way.
  const standin = await found.activate();
  assert.ok(standin && typeof standin.reset === 'function', `${GITHUB_STANDIN_ID} returned no controls from activate()`);
  return standin;
}

/**
 * The one folder of the test workspace: a git repository on `main` with remotes `origin`
 * (https://github.com/acme/web.git) and `upstream` (git@github.com:acme/upstream.git), a .gitignore
 * of `.env.local` and `.env.*.local`, and tracked `.env.example` and `.env` (test/integration/runInCodeServer.ts).
 */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.equal(folders.length, 1, `expected one workspace folder, got ${folders.map((folder) => folder.uri.toString()).join(', ') || 'none'}`);
  return folders[0];
}

// --- Spies ---------------------------------------------------------------------------------------

export type Severity = 'info' | 'warning' | 'error';

export interface ShownMessage {
  severity: Severity;
  message: string;
  modal: boolean;
  detail: string | undefined;
  /** Button titles. */
  items: string[];
}

/** Every showInformation/Warning/ErrorMessage call since the last reset, oldest first. */
export const messages: ShownMessage[] = [];
/** What VS Code answered to each of `messages` (the real promises): settles when the user or VS Code closes it. */
export const messageAnswers = new Map<ShownMessage, Thenable<unknown>>();
/** Every setStatusBarMessage text since the last reset, oldest first. */
export const statusBarMessages: string[] = [];
export interface ShownQuickPick {
  /** The items once VS Code has them (showQuickPick may be given a promise of them). */
  items: vscode.QuickPickItem[];
  placeHolder: string | undefined;
}

/** Every showQuickPick call since the last reset, oldest first. */
export const quickPicks: ShownQuickPick[] = [];
/** Every InputBox created since the last reset (the real boxes; read title, password… from them). */
export const inputBoxes: vscode.InputBox[] = [];
/** Every outgoing HTTP(S) request made through Node's http/https modules in this extension host. */
export const outgoing: { protocol: string; host: string; method: string; path: string }[] = [];

let spiesInstalled = false;

function installSpies(): void {
  if (spiesInstalled) return;
  spiesInstalled = true;
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const severities: [string, Severity][] = [
    ['showInformationMessage', 'info'],
    ['showWarningMessage', 'warning'],
    ['showErrorMessage', 'error'],
  ];
  for (const [name, severity] of severities) {
    const original = window[name];
    window[name] = (...args: unknown[]) => {
      const [message, ...rest] = args;
      const first = rest[0];
      const options =
        typeof first === 'object' && first !== null && !('title' in first) ? (rest.shift() as vscode.MessageOptions) : undefined;
      const shown: ShownMessage = {
        severity,
        message: String(message),
        modal: options?.modal === true,
        detail: options?.detail,
        items: rest.map((item) => (typeof item === 'string' ? item : String((item as { title?: unknown }).title))),
      };
      messages.push(shown);
      const answer = original.apply(vscode.window, args) as Thenable<unknown>;
      messageAnswers.set(shown, answer);
      return answer;
    };
  }
  const setStatusBarMessage = window.setStatusBarMessage;
  window.setStatusBarMessage = (...args: unknown[]) => {
    statusBarMessages.push(String(args[0]));
    return setStatusBarMessage.apply(vscode.window, args);
  };
  const showQuickPick = window.showQuickPick;
  window.showQuickPick = (...args: unknown[]) => {
    const shown: ShownQuickPick = { items: [], placeHolder: (args[1] as vscode.QuickPickOptions | undefined)?.placeHolder };
    quickPicks.push(shown);
    Promise.resolve(args[0] as vscode.QuickPickItem[] | Thenable<vscode.QuickPickItem[]>).then(
      (items) => (shown.items = items),
      () => undefined,
    );
    return showQuickPick.apply(vscode.window, args);
  };
  const createInputBox = window.createInputBox;
  window.createInputBox = (...args: unknown[]) => {
    const box = createInputBox.apply(vscode.window, args) as vscode.InputBox;
    inputBoxes.push(box);
    return box;
  };
  // `import … = require()`: the module object itself, whose functions can be replaced (an
  // `import * as` would hand us a copy).
  for (const [mod, protocol] of [
    [nodeHttp, 'http:'],
    [nodeHttps, 'https:'],
  ] as const) {
    const target = mod as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const fn of ['request', 'get']) {
      const original = target[fn];
      target[fn] = function (this: unknown, ...args: unknown[]) {
        outgoing.push(describeRequest(protocol, args));
        return original.apply(this, args);
      };
    }
  }
}

function describeRequest(protocol: string, args: unknown[]): (typeof outgoing)[number] {
  let url: URL | undefined;
  let options: Record<string, unknown> = {};
  if (typeof args[0] === 'string' || args[0] instanceof URL) {
    url = new URL(String(args[0]));
    if (typeof args[1] === 'object' && args[1] !== null) options = args[1] as Record<string, unknown>;
  } else if (typeof args[0] === 'object' && args[0] !== null) {
    options = args[0] as Record<string, unknown>;
  }
  const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  return {
    protocol: text(options.protocol) ?? url?.protocol ?? protocol,
    host: text(options.hostname) ?? text(options.host) ?? url?.hostname ?? 'localhost',
    method: text(options.method) ?? 'GET',
    path: text(options.path) ?? (url ? url.pathname + url.search : '/'),
  };
}

export function messagesOf(severity: Severity): ShownMessage[] {
  return messages.filter((message) => message.severity === severity);
}

// --- Waiting -------------------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(predicate: () => unknown, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Every token list the extension holds now (one per signed-in account that was listed). */
export function allLists(services: Services): TokenList[] {
  return [...(services.lists as unknown as { lists: Map<string, TokenList> }).lists.values()];
}

/**
 * Waits until no token list has a load in flight or queued, and none started for `quietMs`.
 * (Peeks at each list's private `inFlight` and `queued`: the events that start loads arrive
 * asynchronously from SecretStorage.)
 */
export async function listsIdle(services: Services, quietMs = 150): Promise<void> {
  const deadline = Date.now() + 10_000;
  let quietSince = Date.now();
  for (;;) {
    const pending = allLists(services).flatMap((list) => {
      const { inFlight, queued } = list as unknown as { inFlight?: Promise<void>; queued?: Promise<void> };
      return [inFlight, queued].filter((p): p is Promise<void> => p !== undefined);
    });
    if (pending.length) {
      await Promise.all(pending.map((p) => p.catch(() => undefined)));
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    } else {
      await sleep(20);
    }
    if (Date.now() > deadline) assert.fail('the token lists kept loading for 10 s');
  }
}

/** Stops the countdown of a value copied in an earlier test, so it cannot clear or report in a later one. */
function stopClipboardCountdown(services: Services): void {
  const guard = services.clipboard as unknown as { generation: number; timer?: { dispose(): void }; item?: vscode.StatusBarItem };
  guard.generation++;
  guard.timer?.dispose();
  guard.item?.hide();
}

export async function clearNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
}

/**
 * Runs a command that ends waiting for the user's choice in a (non-modal) notification, closes the
 * notifications until it settles, and returns its result. (Progress notifications stay open.)
 */
export async function dismissingNotifications<T>(thenable: Thenable<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const outcome = track(thenable);
  const deadline = Date.now() + (options.timeoutMs ?? 8000);
  while (!outcome.settled) {
    if (Date.now() > deadline) assert.fail('the command did not finish although its notifications were closed');
    await Promise.race([outcome.promise, sleep(100)]);
    if (!outcome.settled) await clearNotifications();
  }
  return outcome.promise;
}

export interface Tracked<T> {
  readonly promise: Promise<T>;
  readonly settled: boolean;
  readonly value: T | undefined;
  readonly error: unknown;
}

/** Observes a promise without leaving a rejection unhandled. */
export function track<T>(thenable: Thenable<T>): Tracked<T> {
  const state: { settled: boolean; value: T | undefined; error: unknown } = { settled: false, value: undefined, error: undefined };
  const promise = Promise.resolve(thenable);
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return {
    promise,
    get settled() {
      return state.settled;
    },
    get value() {
      return state.value;
    },
    get error() {
      return state.error;
    },
  };
}

// --- The stand-in API and the account ------------------------------------------------------------

export async function startServer(): Promise<FakeVercel> {
  return startFakeVercel();
}

export async function setApiUrl(url: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('vercelTokens');
  if (config.inspect<string>('apiUrl')?.globalValue === url) return;
  await config.update('apiUrl', url, vscode.ConfigurationTarget.Global);
  await waitFor(
    () => vscode.workspace.getConfiguration('vercelTokens').inspect<string>('apiUrl')?.globalValue === url,
    `apiUrl = ${url}`,
  );
}

/**
 * Signed out of every account (which drops their teams), no clipboard countdown, apiUrl = the
 * server, server back to its starting state, spies emptied.
 */
export async function resetAll(services: Services, server: FakeVercel): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  await clearNotifications();
  stopClipboardCountdown(services);
  await services.accounts.restore();
  for (const { userId } of services.accounts.all) await services.accounts.signOut(userId);
  await setApiUrl(server.url);
  await listsIdle(services, 50);
  await waitFor(() => !services.accounts.signedIn && allLists(services).length === 0, 'the extension to be signed out');
  assert.deepEqual(await services.keychain.readAccounts(), { accounts: [] }, 'an account is still stored after signing out');
  server.reset();
  server.clearFaults();
  messages.length = 0;
  messageAnswers.clear();
  statusBarMessages.length = 0;
  quickPicks.length = 0;
  inputBoxes.length = 0;
  outgoing.length = 0;
  await clearNotifications();
}

/**
 * Signs in through the command (token as argument, the test API's form), waits for the first list
 * of that account, and forgets the messages shown so far ("Signed in to Vercel as …"), so a test
 * sees only what its own steps show. Resolves to the account's user id.
 */
export async function signIn(services: Services, token: string): Promise<string> {
  const ok = await run<boolean>('vercelTokens.signIn', token);
  assert.equal(ok, true, `sign-in failed: ${JSON.stringify(messages)}`);
  // The account signed in last is the one used last: first in the order.
  const userId = services.accounts.current?.userId;
  assert.ok(userId, 'signed in, but no current account');
  await waitFor(() => ['ready', 'empty'].includes(services.lists.get(userId)?.state ?? ''), 'the first token list');
  await listsIdle(services);
  messages.length = 0;
  return userId;
}

/** The account tokens stored in the keychain (one per signed-in account), in the order of the list. */
export async function storedAccountTokens(services: Services): Promise<string[]> {
  const read = await services.keychain.readAccounts();
  assert.equal(read.error, undefined, `the keychain could not be read: ${read.error}`);
  return 'accounts' in read ? read.accounts.map((account) => account.token) : [];
}

/** The token list of an account: by default the current one (the only one, in most tests). */
export function list(services: Services, userId = services.accounts.current?.userId): TokenList {
  assert.ok(userId, 'not signed in');
  const found = services.lists.get(userId);
  assert.ok(found, `no token list for ${userId}`);
  return found;
}

/** The user id of the current account (the only one, in most tests). */
export function currentUserId(services: Services): string {
  const userId = services.accounts.current?.userId;
  assert.ok(userId, 'not signed in');
  return userId;
}

/** The server's record of the token the account token authenticates as. */
export function accountTokenId(server: FakeVercel): string {
  const id = server.tokens().find((token) => server.valueOf(token.id) === server.accountToken)?.id;
  assert.ok(id, 'the stand-in server has no account token');
  return id;
}

/** `METHOD /path` of each logged request from index `from` on. */
export function requestLines(server: FakeVercel, from = 0): string[] {
  return server.requests.slice(from).map((entry) => `${entry.method} ${entry.path}`);
}

/** Every value the stand-in server knows (account token included): none may appear in the UI. */
export function allValues(server: FakeVercel): string[] {
  return server
    .tokens()
    .map((token) => server.valueOf(token.id))
    .filter((value): value is string => typeof value === 'string');
}

// --- The tree ------------------------------------------------------------------------------------

/** The roots of the tree: with one account, its tokens; with several, one node per account. */
export function rootNodes(services: Services): Node[] {
  return services.provider.getChildren();
}

/** The token ids at the root (one account signed in: its tokens are the roots). */
export function rootIds(services: Services): string[] {
  return rootNodes(services).map((node) => {
    assert.ok(node.kind === 'token', 'a root is not a token: are several accounts signed in?');
    return node.tokenId;
  });
}

/** The account whose list has this token, else the current one. */
function ownerOf(services: Services, tokenId: string): string {
  return services.accounts.all.find((account) => services.lists.get(account.userId)?.token(tokenId))?.userId ?? currentUserId(services);
}

/** The tree's node of a token (the one the tree hands out). */
export function tokenNode(services: Services, tokenId: string, userId = ownerOf(services, tokenId)): TokenNode {
  return services.provider.nodeFor(userId, tokenId);
}

/** The token's tree item as a user sees it on hover: with the tooltip resolveTreeItem fills in. */
export function tokenItem(services: Services, tokenId: string, userId?: string): vscode.TreeItem {
  const node = tokenNode(services, tokenId, userId);
  return services.provider.resolveTreeItem(services.provider.getTreeItem(node), node);
}

export interface Row {
  key: string;
  label: string;
  value: string;
}

export function fieldNodes(services: Services, tokenId: string): FieldNode[] {
  return services.provider.getChildren(tokenNode(services, tokenId)) as FieldNode[];
}

export function rows(services: Services, tokenId: string): Row[] {
  return fieldNodes(services, tokenId).map((node) => {
    const item = services.provider.getTreeItem(node);
    return { key: node.key, label: labelText(item), value: String(item.description ?? '') };
  });
}

export function labelText(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function tooltipText(item: vscode.TreeItem): string {
  const tooltip = item.tooltip;
  return tooltip === undefined ? '' : typeof tooltip === 'string' ? tooltip : tooltip.value;
}

/** Every piece of text a tree item can show. */
export function visibleText(item: vscode.TreeItem): string {
  return [labelText(item), String(item.description ?? ''), tooltipText(item), item.accessibilityInformation?.label ?? ''].join('\n');
}

export function icon(item: vscode.TreeItem): { id: string; color: string | undefined } {
  const path = item.iconPath;
  assert.ok(path instanceof vscode.ThemeIcon, 'the item has no ThemeIcon');
  return { id: path.id, color: path.color?.id };
}

// --- Dates, as the UI is specified to show them ---------------------------------------------------

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local `Fri, Dec 4, 2026, 23:27`: English, the display language of the test host. */
export function localDateTime(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${WEEKDAYS[date.getDay()]}, ${MONTHS[date.getMonth()]} ${date.getDate()}, ${date.getFullYear()}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The same local wall-clock time `days` calendar days later. */
export function addLocalDays(ms: number, days: number): number {
  const date = new Date(ms);
  date.setDate(date.getDate() + days);
  return date.getTime();
}

/** Direct call to the stand-in API, as another client (e.g. the CLI) would make it. */
export async function apiCall(server: FakeVercel, method: string, path: string, token = server.accountToken): Promise<number> {
  const response = await fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  await response.text();
  return response.status;
}

/**
 * The hooks every suite needs: the extension's services and a stand-in API of its own, everything
 * reset before each test (signed in with the stand-in's account token when asked), closed at the end.
 */
export function useStandIn(ready: (fixture: { services: Services; server: FakeVercel }) => void, options: { signedIn?: boolean } = {}): void {
  let services: Services;
  let server: FakeVercel;
  before(async () => {
    services = await getServices();
    server = await startServer();
    ready({ services, server });
  });
  beforeEach(async () => {
    await resetAll(services, server);
    if (options.signedIn) await signIn(services, server.accountToken);
  });
  after(async () => {
    await resetAll(services, server);
    await server.close();
  });
}
