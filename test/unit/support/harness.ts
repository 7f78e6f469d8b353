// The whole extension, activated as VS Code would (activate(context)), against the stand-in Vercel
// API on loopback, with the vscode fake for the UI. Tests drive it through its commands and read what
// a user would see: tree rows, messages, context keys, the log.
import './installVscode';
import assert from 'node:assert/strict';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';
import * as extension from '../../../src/extension';
import type { SelectedTeam } from '../../../src/core/accounts';
import type { AccountRecord } from '../../../src/core/keychain';
import type { Clock } from '../../../src/core/ports';
import { SkippingClock } from './clock';
import type { Node } from '../../../src/views/tokenTreeProvider';
import { asVscodeContext, createExtensionContext, disposeContext, FakeSecretStorage, type FakeExtensionContext } from './fakes';
import { fake, MarkdownString, ThemeIcon, type FakeLogOutputChannel, type FakeTreeView, type TreeItem } from './vscode';

export { fake, SkippingClock };

/** globalState key of the team selected for each account (a record by user id). */
export const TEAMS_KEY = 'vercelTokens.teams';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `predicate` holds; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 4000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await delay(5);
  }
}

export interface Row {
  element: Node;
  id: string | undefined;
  label: string;
  description: string;
  tooltip: string;
  contextValue: string | undefined;
  icon: { id: string; color: string | undefined } | undefined;
  accessibilityLabel: string | undefined;
  collapsible: number | undefined;
  command: TreeItem['command'];
}

export function toRow(element: Node, item: TreeItem): Row {
  const icon = item.iconPath instanceof ThemeIcon ? { id: item.iconPath.id, color: item.iconPath.color?.id } : undefined;
  return {
    element,
    id: item.id,
    label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
    description: typeof item.description === 'string' ? item.description : '',
    tooltip: item.tooltip instanceof MarkdownString ? item.tooltip.value : (item.tooltip ?? ''),
    contextValue: item.contextValue,
    icon,
    accessibilityLabel: item.accessibilityInformation?.label,
    collapsible: item.collapsibleState,
    command: item.command,
  };
}

export interface StartOptions {
  /** SecretStorage to start with (e.g. one whose get throws, or one holding a stored account). */
  secrets?: FakeSecretStorage;
  /** globalState content to start with. */
  globalState?: Record<string, unknown>;
  /** Global (user) value of vercelTokens.apiUrl; default: the stand-in server. null = leave unset. */
  apiUrl?: string | null;
  /** Settings to apply before activation: [key, value, scope]. */
  settings?: [string, unknown, ('global' | 'workspace')?][];
  /** Reuse a running server (e.g. a second window of the same account). */
  server?: FakeVercel;
  /**
   * The clock behind retry waits, back-off, Retry-After and the clipboard countdown. Default: a
   * SkippingClock (no wait is waited out; `h.clock.waits` says what was asked for). A VirtualClock
   * lets a test step the time itself.
   */
  clock?: Clock;
}

export class Harness {
  private closed = false;

  private constructor(
    readonly server: FakeVercel,
    readonly context: FakeExtensionContext,
    private readonly ownsServer: boolean,
    readonly api: extension.TestApi,
    readonly clock: Clock,
  ) {}

  static async start(options: StartOptions = {}): Promise<Harness> {
    fake.reset();
    unhandled.length = 0;
    const server = options.server ?? (await startFakeVercel());
    const context = createExtensionContext(options.secrets ?? new FakeSecretStorage());
    for (const [key, value] of Object.entries(options.globalState ?? {})) await context.globalState.update(key, value);
    if (options.apiUrl !== null) fake.setConfiguration('vercelTokens.apiUrl', options.apiUrl ?? server.url, 'global');
    for (const [key, value, scope] of options.settings ?? []) fake.setConfiguration(key, value, scope ?? 'global');
    const api = extension.activate(asVscodeContext(context));
    assert.ok(api, 'activate() returns the test API in ExtensionMode.Test');
    // Before anything can wait: restoring the accounts may already retry a read.
    const clock = options.clock ?? new SkippingClock();
    api.useClock(clock);
    const harness = new Harness(server, context, !options.server, api, clock);
    await harness.settle();
    return harness;
  }

  get secrets(): FakeSecretStorage {
    return this.context.secrets;
  }
  get channel(): FakeLogOutputChannel {
    const channel = fake.outputChannels[0];
    assert.ok(channel, 'the extension created its output channel');
    return channel;
  }
  get treeView(): FakeTreeView<Node> {
    const view = fake.treeViews[0] as FakeTreeView<Node> | undefined;
    assert.ok(view, 'the extension created its tree view');
    return view;
  }
  get userId(): string {
    return this.server.user.id;
  }
  get accountTokenId(): string {
    const token = this.server.tokens().find((candidate) => this.server.valueOf(candidate.id) === this.server.accountToken);
    assert.ok(token, 'the account token exists on the server');
    return token.id;
  }

  /**
   * Runs a command through the test API, which takes the trusted arguments the public command
   * refuses (a token to sign in with, create input, a token id to act on, a confirmed delete).
   */
  run<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
    return this.api.run(command, ...args) as Promise<T>;
  }

  /** Runs a command the way the palette, a menu or another extension does. */
  runPublic<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
    return fake.executeCommand(command, ...args) as Promise<T>;
  }

  async signIn(token = this.server.accountToken): Promise<void> {
    const signedIn = await this.run<boolean>('vercelTokens.signIn', token);
    assert.equal(signedIn, true, `signed in (messages: ${JSON.stringify(fake.messages.map((m) => m.message))})`);
    await this.settle();
  }

  /** Creates a token with the prompts skipped; returns its id and, while it exists, its value. */
  async create(name: string, expiry = 'never'): Promise<{ id: string; value: string }> {
    const result = await this.run<{ tokenId: string; stored: boolean } | undefined>('vercelTokens.createToken', { name, expiry });
    assert.ok(result, `token "${name}" was created`);
    const value = this.server.valueOf(result.tokenId);
    assert.ok(value);
    await this.settle();
    return { id: result.tokenId, value };
  }

  /** SecretStorage keys of stored token values, sorted. */
  storedValueKeys(): string[] {
    return [...this.secrets.data.keys()].filter((key) => key.startsWith('value:')).sort();
  }

  /** The ids this user's index lists as stored, sorted. */
  storedIndex(userId = this.userId): string[] {
    return (JSON.parse(this.secrets.data.get(`index:${userId}`) ?? '[]') as string[]).sort();
  }

  /** The SecretStorage key of an account's record. */
  accountKey(userId = this.userId): string {
    return `account:${userId}`;
  }

  /** An account's record in SecretStorage (`account:<userId>`), parsed; undefined when there is none. */
  storedAccount(userId = this.userId): AccountRecord | undefined {
    const raw = this.secrets.data.get(this.accountKey(userId));
    return raw === undefined ? undefined : (JSON.parse(raw) as AccountRecord);
  }

  /** The user ids SecretStorage lists as signed in (`accounts`), in their order. */
  storedAccountIds(): string[] {
    return JSON.parse(this.secrets.data.get('accounts') ?? '[]') as string[];
  }

  /** The team selected for an account (globalState `vercelTokens.teams`). */
  selectedTeam(userId = this.userId): SelectedTeam | undefined {
    return this.context.globalState.get<Record<string, SelectedTeam>>(TEAMS_KEY)?.[userId];
  }

  /** The clock as a SkippingClock (the default); fails for a test that gave another one. */
  get skippingClock(): SkippingClock {
    assert.ok(this.clock instanceof SkippingClock, 'this test runs on the default SkippingClock');
    return this.clock;
  }

  /** Deletes a token through Vercel's API, as the website or another tool would: this extension is not told. */
  async deleteOnVercel(tokenId: string): Promise<void> {
    const response = await fetch(`${this.server.url}/v3/user/tokens/${tokenId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${this.server.accountToken}` },
    });
    assert.equal(response.status, 200, `DELETE ${tokenId} on Vercel`);
  }

  tokenIdByName(name: string): string {
    const token = this.server.tokens().find((candidate) => candidate.name === name);
    assert.ok(token, `token "${name}" exists on the server`);
    return token.id;
  }

  async rows(): Promise<Row[]> {
    return (await this.treeView.rootItems()).map(({ element, item }) => toRow(element, item));
  }
  async row(label: string): Promise<Row> {
    const row = (await this.rows()).find((candidate) => candidate.label === label);
    assert.ok(row, `a tree row "${label}" (rows: ${(await this.rows()).map((r) => r.label).join(', ')})`);
    return row;
  }
  async children(row: Row): Promise<Row[]> {
    return (await this.treeView.itemsOf(row.element)).map(({ element, item }) => toRow(element, item));
  }

  requestsTo(method: string, path: string | RegExp) {
    return this.server.requests.filter(
      (request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)),
    );
  }

  /**
   * Waits until the extension is quiet: no request pending at the server and nothing new (requests,
   * log lines, messages, context keys, SecretStorage calls, tree changes) for `quietMs`.
   */
  async settle(quietMs = 40, timeoutMs = 6000): Promise<void> {
    const signature = () =>
      [
        this.server.requests.length,
        fake.outputChannels[0]?.lines.length ?? 0,
        fake.messages.length,
        fake.contextHistory.length,
        this.secrets.calls.length,
        fake.treeViews[0]?.treeDataChanges.length ?? 0,
        fake.progress.filter((run) => !run.done).length,
      ].join('|');
    const deadline = Date.now() + timeoutMs;
    let last = signature();
    let quietSince = Date.now();
    // Quiet for `quietMs` and for several turns of the event loop: a process that was not
    // scheduled for a while (other test files share the cores) has had no chance to be busy.
    let quietPolls = 0;
    while (Date.now() < deadline) {
      await delay(5);
      const now = signature();
      const pending = this.server.requests.some((request) => request.durationMs === null);
      if (now !== last || pending) {
        last = now;
        quietSince = Date.now();
        quietPolls = 0;
      } else if (++quietPolls >= 8 && Date.now() - quietSince >= quietMs) {
        return;
      }
    }
    throw new Error('The extension did not settle');
  }

  /** Every string a user or another program could see, for secret-hygiene checks. */
  async visibleText(): Promise<string[]> {
    const texts: string[] = [];
    for (const channel of fake.outputChannels) texts.push(...channel.lines.map((line) => line.message));
    for (const message of fake.messages) texts.push(message.message, message.options?.detail ?? '', ...message.items);
    for (const view of fake.treeViews) texts.push(...view.descriptions.map(String), ...view.messages.map(String));
    for (const { key, value } of fake.contextHistory) texts.push(`${key}=${JSON.stringify(value)}`);
    for (const { text } of fake.statusBarMessages) texts.push(text);
    for (const item of fake.statusBarItems) {
      const tooltip = item.tooltip instanceof MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
      texts.push(item.text, tooltip, item.accessibilityInformation?.label ?? '');
    }
    for (const run of fake.progress) texts.push(run.options.title ?? '');
    for (const pick of fake.quickPicks) texts.push(JSON.stringify(pick.items));
    for (const box of fake.inputBoxes) texts.push(box.title ?? '', box.prompt ?? '', box.placeholder ?? '', ...box.validationHistory.map((v) => JSON.stringify(v)));
    texts.push(JSON.stringify(this.context.globalState.data), JSON.stringify(this.context.workspaceState.data));
    for (const row of await this.rows()) {
      texts.push(row.label, row.description, row.tooltip, row.contextValue ?? '', row.accessibilityLabel ?? '');
      for (const child of await this.children(row)) texts.push(child.label, child.description, child.tooltip, child.contextValue ?? '');
    }
    return texts;
  }

  /** Deactivates (disposes every subscription) and stops the server; fails on stray errors. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settle().catch(() => undefined);
    const errors = disposeContext(this.context);
    if (this.ownsServer) await this.server.close();
    await delay(10);
    assert.deepEqual(errors, [], 'disposing the extension threw');
    assert.deepEqual(fake.unexpectedErrors, [], 'event listeners threw');
    assert.deepEqual(unhandled, [], 'unhandled promise rejections');
  }
}

/** Starts the extension for one test and closes it afterwards, even when the test fails. */
export async function withExtension(options: StartOptions, body: (h: Harness) => Promise<void>): Promise<void> {
  const harness = await Harness.start(options);
  let failed = false;
  try {
    await body(harness);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A failing test keeps its own error; closing errors are reported only for passing tests.
    if (failed) await harness.close().catch(() => undefined);
    else await harness.close();
  }
}
