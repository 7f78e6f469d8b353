// A small fake of the parts of the `vscode` API the extension uses, for unit tests outside VS Code.
// It follows the documented behaviour of the real API (see the notes on each piece) and adds a few
// test-only hooks, all under the exported `fake` object, to script the UI and inspect what was shown.
// Only what src/ uses is here: when the source starts using more, add it here, faithfully.
import { readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';

// ---------------------------------------------------------------------------------------------
// Basics
// ---------------------------------------------------------------------------------------------

/** Errors thrown by event listeners: VS Code logs them (onUnexpectedError) and goes on. */
const unexpectedErrors: unknown[] = [];

export class Disposable {
  private disposed = false;
  static from(...disposables: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => {
      for (const disposable of disposables) disposable.dispose();
    });
  }
  constructor(private readonly callOnDispose: () => unknown) {}
  dispose(): unknown {
    if (this.disposed) return undefined;
    this.disposed = true;
    return this.callOnDispose();
  }
}

type Listener<T> = { fn: (e: T) => unknown; thisArg: unknown };

/** Fires synchronously, in subscription order; a throwing listener does not stop the others. */
export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  private disposed = false;

  readonly event = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: { dispose(): unknown }[]): Disposable => {
    const entry: Listener<T> = { fn: listener, thisArg: thisArgs };
    if (!this.disposed) this.listeners.push(entry);
    const result = new Disposable(() => {
      this.listeners = this.listeners.filter((candidate) => candidate !== entry);
    });
    if (Array.isArray(disposables)) disposables.push(result);
    return result;
  };

  fire(data: T): void {
    for (const { fn, thisArg } of [...this.listeners]) {
      try {
        fn.call(thisArg, data);
      } catch (error) {
        unexpectedErrors.push(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class TreeItem {
  label?: string | { label: string };
  id?: string;
  iconPath?: unknown;
  description?: string | boolean;
  resourceUri?: Uri;
  tooltip?: string | MarkdownString;
  command?: { command: string; title: string; arguments?: unknown[] };
  collapsibleState?: TreeItemCollapsibleState;
  contextValue?: string;
  accessibilityInformation?: { label: string; role?: string };

  constructor(labelOrUri: string | { label: string } | Uri, collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {
    if (labelOrUri instanceof Uri) this.resourceUri = labelOrUri;
    else this.label = labelOrUri;
    this.collapsibleState = collapsibleState;
  }
}

/** As vs/base/common/htmlContent.ts: appendText escapes Markdown syntax, spaces and line breaks. */
export class MarkdownString {
  value: string;
  isTrusted?: boolean;
  supportThemeIcons?: boolean;
  supportHtml?: boolean;
  baseUri?: Uri;

  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }

  appendText(value: string): MarkdownString {
    const icons = this.supportThemeIcons ? value.replace(/\$\([a-z0-9\-~]+?\)/gi, '\\$&') : value;
    this.value += icons
      .replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&')
      .replace(/([ \t]+)/g, (_match, spaces: string) => '&nbsp;'.repeat(spaces.length))
      .replace(/>/gm, '\\>')
      .replace(/\n/g, '\n\n');
    return this;
  }

  appendMarkdown(value: string): MarkdownString {
    this.value += value;
    return this;
  }
}

/** RFC 3986 split, as vs/base/common/uri.ts; `strict` refuses a missing scheme. */
export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}

  static parse(value: string, strict = false): Uri {
    const match = /^(([^:/?#]+?):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/.exec(value);
    if (!match) return new Uri('', '', '', '', '');
    const scheme = match[2] || '';
    if (strict && !scheme) throw new Error(`[UriError]: Scheme is missing: {scheme: "", authority: "", path: "${value}"}`);
    if (scheme && !/^\w[\w\d+.-]*$/.test(scheme)) throw new Error('[UriError]: Scheme contains illegal characters.');
    const decode = (text: string | undefined) => {
      try {
        return decodeURIComponent(text ?? '');
      } catch {
        return text ?? '';
      }
    };
    return new Uri(scheme || 'file', decode(match[4]), decode(match[5]), decode(match[7]), decode(match[9]));
  }

  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }

  /** As vs/base/common/uri.ts: the path joined with posix rules; scheme, authority, query and fragment kept. */
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, base.authority, posix.join(base.path || '/', ...segments), base.query, base.fragment);
  }

  get fsPath(): string {
    return this.path;
  }

  toString(): string {
    return (
      `${this.scheme}:` +
      (this.authority || this.scheme === 'file' ? `//${this.authority}` : '') +
      this.path +
      (this.query ? `?${this.query}` : '') +
      (this.fragment ? `#${this.fragment}` : '')
    );
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

/** What the extension put in the status bar; `visible` follows show()/hide()/dispose(). */
export class FakeStatusBarItem {
  text = '';
  tooltip: string | MarkdownString | undefined;
  command: string | { command: string; title: string } | undefined;
  name: string | undefined;
  accessibilityInformation: { label: string; role?: string } | undefined;
  visible = false;
  disposed = false;

  constructor(
    readonly id: string | undefined,
    readonly alignment: StatusBarAlignment,
    readonly priority: number | undefined,
  ) {}

  show(): void {
    if (!this.disposed) this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
    this.disposed = true;
  }
}

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export enum InputBoxValidationSeverity {
  Info = 1,
  Warning = 2,
  Error = 3,
}

export enum LogLevel {
  Off = 0,
  Trace = 1,
  Debug = 2,
  Info = 3,
  Warning = 4,
  Error = 5,
}

export enum ExtensionMode {
  Production = 1,
  Development = 2,
  Test = 3,
}

export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  readonly onCancellationRequested: EventEmitter<void>['event'];
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  private cancelled = false;
  readonly token: CancellationToken;

  constructor() {
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested: this.emitter.event,
    };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export interface QuickInputButton {
  readonly iconPath: unknown;
  readonly tooltip?: string;
}

export const QuickInputButtons: { readonly Back: QuickInputButton } = Object.freeze({
  Back: Object.freeze({ iconPath: new ThemeIcon('arrow-left'), tooltip: 'Back' }),
});

// ---------------------------------------------------------------------------------------------
// window: output channel, tree view, messages, quick pick, input box, progress, status bar
// ---------------------------------------------------------------------------------------------

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Records every line per level, as written (after the extension's own redaction). */
export class FakeLogOutputChannel {
  readonly lines: { level: LogLevelName | 'append'; message: string }[] = [];
  logLevel = LogLevel.Trace;
  private readonly levelEmitter = new EventEmitter<LogLevel>();
  readonly onDidChangeLogLevel = this.levelEmitter.event;
  shown = 0;
  disposed = false;

  constructor(readonly name: string) {}

  private record(level: LogLevelName, message: string | Error, args: unknown[]): void {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : String(message);
    const extra = args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : typeof arg === 'string' ? arg : JSON.stringify(arg)));
    this.lines.push({ level, message: [text, ...extra].join(' ') });
  }
  trace(message: string, ...args: unknown[]): void {
    this.record('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.record('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.record('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.record('warn', message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.record('error', error, args);
  }
  append(value: string): void {
    this.lines.push({ level: 'append', message: value });
  }
  appendLine(value: string): void {
    this.lines.push({ level: 'append', message: value });
  }
  replace(value: string): void {
    this.lines.length = 0;
    this.lines.push({ level: 'append', message: value });
  }
  clear(): void {
    this.lines.length = 0;
  }
  show(): void {
    this.shown++;
  }
  hide(): void {}
  dispose(): void {
    this.disposed = true;
    this.levelEmitter.dispose();
  }

  linesAt(level: LogLevelName): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
  get text(): string {
    return this.lines.map((line) => `[${line.level}] ${line.message}`).join('\n');
  }
}

export interface TreeDataProviderLike<T> {
  getChildren(element?: T): T[] | undefined | null | Thenable<T[] | undefined | null>;
  getTreeItem(element: T): TreeItem | Thenable<TreeItem>;
  resolveTreeItem?(item: TreeItem, element: T, token: CancellationToken): TreeItem | undefined | Thenable<TreeItem | undefined>;
  getParent?(element: T): T | undefined | null | Thenable<T | undefined | null>;
  onDidChangeTreeData?: (listener: (e: T | T[] | undefined | null | void) => unknown) => { dispose(): unknown };
}

type Thenable<T> = PromiseLike<T>;

/** Records reveal calls and every description / message set. reveal() uses getParent like VS Code. */
export class FakeTreeView<T> {
  readonly reveals: { element: T; options: unknown }[] = [];
  readonly descriptions: (string | undefined)[] = [];
  readonly messages: (string | undefined)[] = [];
  readonly treeDataChanges: unknown[] = [];
  private currentDescription: string | undefined;
  private currentMessage: string | undefined;
  title: string | undefined;
  badge: unknown;
  /**
   * A view starts hidden (its container is not open). While visible, VS Code re-reads the root
   * children after onDidChangeTreeData, as `setVisible(true)` makes this fake do: `renders` counts them.
   */
  visible = false;
  renders = 0;
  private renderScheduled = false;
  selection: readonly T[] = [];
  disposed = false;
  private readonly selectionEmitter = new EventEmitter<{ selection: readonly T[] }>();
  private readonly visibilityEmitter = new EventEmitter<{ visible: boolean }>();
  private readonly expandEmitter = new EventEmitter<{ element: T }>();
  private readonly collapseEmitter = new EventEmitter<{ element: T }>();
  readonly onDidChangeSelection = this.selectionEmitter.event;
  readonly onDidChangeVisibility = this.visibilityEmitter.event;
  readonly onDidExpandElement = this.expandEmitter.event;
  readonly onDidCollapseElement = this.collapseEmitter.event;
  private readonly subscription: { dispose(): unknown } | undefined;

  constructor(
    readonly id: string,
    readonly options: { treeDataProvider: TreeDataProviderLike<T>; showCollapseAll?: boolean },
  ) {
    this.subscription = options.treeDataProvider.onDidChangeTreeData?.((element) => {
      this.treeDataChanges.push(element);
      this.scheduleRender();
    });
  }

  /** Test hook: the user opens (true) or closes (false) the view. */
  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.visibilityEmitter.fire({ visible });
    this.scheduleRender();
  }

  private scheduleRender(): void {
    if (!this.visible || this.renderScheduled || this.disposed) return;
    this.renderScheduled = true;
    setTimeout(() => {
      this.renderScheduled = false;
      if (!this.visible || this.disposed) return;
      this.renders++;
      void this.rootItems().catch((error) => unexpectedErrors.push(error));
    }, 0);
  }

  get treeDataProvider(): TreeDataProviderLike<T> {
    return this.options.treeDataProvider;
  }

  get description(): string | undefined {
    return this.currentDescription;
  }
  set description(value: string | undefined) {
    this.currentDescription = value;
    this.descriptions.push(value);
  }
  get message(): string | undefined {
    return this.currentMessage;
  }
  set message(value: string | undefined) {
    this.currentMessage = value;
    this.messages.push(value);
  }

  /** Like VS Code: the element must be reachable through getParent, or reveal rejects. */
  async reveal(element: T, options?: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<void> {
    if (this.disposed) throw new Error('TreeView is disposed');
    const provider = this.options.treeDataProvider;
    if (!provider.getParent) throw new Error('Required registered TreeDataProvider to implement \'getParent\' method to access \'reveal\' method');
    this.reveals.push({ element, options });
    const parent = await provider.getParent(element);
    const siblings = (await provider.getChildren(parent ?? undefined)) ?? [];
    if (!siblings.includes(element)) throw new Error(`Cannot resolve tree item for element ${JSON.stringify(element)}`);
    if (options?.select !== false) this.selection = [element];
  }

  dispose(): void {
    this.disposed = true;
    this.subscription?.dispose();
    this.selectionEmitter.dispose();
    this.visibilityEmitter.dispose();
    this.expandEmitter.dispose();
    this.collapseEmitter.dispose();
  }

  // Test helpers: what a user sees when the view is rendered.
  async rootItems(): Promise<{ element: T; item: TreeItem }[]> {
    return this.itemsOf(undefined);
  }
  async itemsOf(parent: T | undefined): Promise<{ element: T; item: TreeItem }[]> {
    const provider = this.options.treeDataProvider;
    const children = (await provider.getChildren(parent)) ?? [];
    const items: { element: T; item: TreeItem }[] = [];
    for (const element of children) {
      // As VS Code does on hover: a provider may fill in the tooltip lazily.
      const item = await provider.getTreeItem(element);
      items.push({ element, item: provider.resolveTreeItem ? ((await provider.resolveTreeItem(item, element, new CancellationTokenSource().token)) ?? item) : item });
    }
    return items;
  }
}

export type MessageKind = 'information' | 'warning' | 'error';
export interface MessageOptions {
  modal?: boolean;
  detail?: string;
}
export interface ShownMessage {
  kind: MessageKind;
  message: string;
  options: MessageOptions | undefined;
  items: string[];
  /** What the scripted user chose (undefined = dismissed). */
  answer: string | undefined;
}
type MessageRule = {
  kind?: MessageKind;
  pattern: RegExp | string;
  answer: string | undefined;
  remaining: number;
  after?: PromiseLike<unknown>;
};

export interface QuickPickCall {
  items: unknown[];
  options: unknown;
  picked: unknown;
}

export interface ProgressRun {
  options: { location: unknown; title?: string; cancellable?: boolean };
  source: CancellationTokenSource;
  reports: unknown[];
  done: boolean;
  /** Like pressing Cancel on the notification (only offered when `cancellable`). */
  cancel(): void;
}

/**
 * An InputBox as the extension sees it, and as a user drives it: `type()` changes the value like
 * typing (fires onDidChangeValue), `enter()` accepts, `back()` presses the Back button, `escape()` hides.
 * Setting `value` from code does not fire onDidChangeValue (as in VS Code).
 */
/** A QuickPick as createQuickPick returns it; tests pick with `choose()` and press Back with `back()`. */
export class FakeQuickPick<T extends { label: string }> {
  items: readonly T[] = [];
  activeItems: readonly T[] = [];
  selectedItems: readonly T[] = [];
  placeholder: string | undefined;
  title: string | undefined;
  step: number | undefined;
  totalSteps: number | undefined;
  busy = false;
  ignoreFocusOut = false;
  matchOnDescription = false;
  buttons: readonly QuickInputButton[] = [];
  visible = false;
  disposed = false;
  private readonly acceptEmitter = new EventEmitter<void>();
  private readonly buttonEmitter = new EventEmitter<QuickInputButton>();
  private readonly hideEmitter = new EventEmitter<void>();
  readonly onDidAccept = this.acceptEmitter.event;
  readonly onDidTriggerButton = this.buttonEmitter.event;
  readonly onDidHide = this.hideEmitter.event;

  constructor(private readonly onShow: (pick: FakeQuickPick<T>) => void) {}

  show(): void {
    if (this.disposed) return;
    this.visible = true;
    this.onShow(this);
  }
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.hideEmitter.fire();
  }
  dispose(): void {
    if (this.disposed) return;
    this.hide();
    this.disposed = true;
  }

  /** Resolves once the items are there (the pick is not busy). */
  async ready(timeoutMs = 4000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (this.busy || this.items.length === 0) {
      if (Date.now() > deadline) throw new Error(`The quick pick "${this.placeholder}" got no items`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return this;
  }
  /** Accepts the first item whose label matches, or that `label` accepts (Enter on it). */
  choose(label: string | RegExp | ((item: T) => boolean)): this {
    const matches = (candidate: T) =>
      typeof label === 'string' ? candidate.label === label : label instanceof RegExp ? label.test(candidate.label) : label(candidate);
    const item = this.items.find(matches);
    if (!item) throw new Error(`No item ${String(label)} in [${this.items.map((candidate) => candidate.label).join(', ')}]`);
    this.activeItems = [item];
    this.selectedItems = [item];
    this.acceptEmitter.fire();
    return this;
  }
  /** Enter on what is active. */
  enter(): this {
    this.selectedItems = [];
    this.acceptEmitter.fire();
    return this;
  }
  back(): this {
    this.buttonEmitter.fire(QuickInputButtons.Back);
    return this;
  }
}

export class FakeInputBox {
  value = '';
  valueSelection: readonly [number, number] | undefined;
  placeholder: string | undefined;
  password = false;
  prompt: string | undefined;
  validationMessage: string | { message: string; severity: InputBoxValidationSeverity } | undefined;
  title: string | undefined;
  step: number | undefined;
  totalSteps: number | undefined;
  enabled = true;
  busy = false;
  ignoreFocusOut = false;
  buttons: readonly QuickInputButton[] = [];
  visible = false;
  disposed = false;
  /** The validation message after each change, for asserting the live feedback. */
  readonly validationHistory: FakeInputBox['validationMessage'][] = [];
  private expectingHide = false;
  private readonly valueEmitter = new EventEmitter<string>();
  private readonly acceptEmitter = new EventEmitter<void>();
  private readonly buttonEmitter = new EventEmitter<QuickInputButton>();
  private readonly hideEmitter = new EventEmitter<void>();
  readonly onDidChangeValue = this.valueEmitter.event;
  readonly onDidAccept = this.acceptEmitter.event;
  readonly onDidTriggerButton = this.buttonEmitter.event;
  readonly onDidHide = this.hideEmitter.event;

  constructor(private readonly onShow: (box: FakeInputBox) => void) {}

  show(): void {
    if (this.disposed) return;
    this.visible = true;
    this.expectingHide = true;
    this.onShow(this);
  }

  hide(): void {
    this.fireHide();
  }

  dispose(): void {
    if (this.disposed) return;
    this.fireHide();
    this.disposed = true;
    this.valueEmitter.dispose();
    this.acceptEmitter.dispose();
    this.buttonEmitter.dispose();
    this.hideEmitter.dispose();
  }

  private fireHide(): void {
    this.visible = false;
    if (this.expectingHide) {
      this.expectingHide = false;
      this.hideEmitter.fire();
    }
  }

  /** The text the extension pre-selected (what typing would replace). */
  get selectedText(): string {
    const [start, end] = this.valueSelection ?? [this.value.length, this.value.length];
    return this.value.slice(start, end);
  }

  get validationText(): string | undefined {
    const message = this.validationMessage;
    return typeof message === 'string' ? message : message?.message;
  }

  get validationSeverity(): InputBoxValidationSeverity | undefined {
    const message = this.validationMessage;
    return message === undefined ? undefined : typeof message === 'string' ? InputBoxValidationSeverity.Error : message.severity;
  }

  type(value: string): this {
    this.assertUsable();
    if (this.value !== value) {
      this.value = value;
      this.valueSelection = undefined;
      this.valueEmitter.fire(value);
    }
    this.validationHistory.push(this.validationMessage);
    return this;
  }
  enter(): this {
    this.assertUsable();
    this.acceptEmitter.fire();
    return this;
  }
  back(): this {
    this.assertUsable();
    if (!this.buttons.includes(QuickInputButtons.Back)) throw new Error('This input box has no Back button');
    this.buttonEmitter.fire(QuickInputButtons.Back);
    return this;
  }
  escape(): this {
    this.assertUsable();
    this.hide();
    return this;
  }
  private assertUsable(): void {
    if (this.disposed || !this.visible) throw new Error(`The input box "${this.title ?? ''}" step ${this.step ?? '?'} is not shown`);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared state of the fake, and its test hooks
// ---------------------------------------------------------------------------------------------

type ConfigScope = 'default' | 'global' | 'workspace' | 'workspaceFolder';
const CONFIG_SCOPES: ConfigScope[] = ['default', 'global', 'workspace', 'workspaceFolder'];

function contributedDefaults(): Record<string, unknown> {
  try {
    // out/test/unit/support/vscode.js → the repository root is four folders up.
    const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8'));
    const properties = manifest?.contributes?.configuration?.properties ?? {};
    return Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, (schema as { default?: unknown }).default]));
  } catch {
    return {};
  }
}

export interface ConfigurationChangeEvent {
  affectsConfiguration(section: string): boolean;
}

const MAX_MESSAGES_PER_TEST = 200;

class FakeState {
  readonly outputChannels: FakeLogOutputChannel[] = [];
  readonly treeViews: FakeTreeView<unknown>[] = [];
  readonly messages: ShownMessage[] = [];
  private messageRules: MessageRule[] = [];
  readonly quickPicks: QuickPickCall[] = [];
  private quickPickAnswers: ((items: unknown[]) => unknown)[] = [];
  readonly inputBoxes: FakeInputBox[] = [];
  readonly createdQuickPicks: FakeQuickPick<{ label: string }>[] = [];
  private quickPickWaiters: ((pick: FakeQuickPick<{ label: string }>) => void)[] = [];
  private unclaimedPicks: FakeQuickPick<{ label: string }>[] = [];
  private inputBoxWaiters: ((box: FakeInputBox) => void)[] = [];
  private unclaimedBoxes: FakeInputBox[] = [];
  readonly progress: ProgressRun[] = [];
  private progressWaiters: ((run: ProgressRun) => void)[] = [];
  readonly statusBarMessages: { text: string; timeout: unknown }[] = [];
  readonly statusBarItems: FakeStatusBarItem[] = [];
  readonly diagnosticCollections: FakeDiagnosticCollection[] = [];
  readonly commands = new Map<string, { callback: (...args: unknown[]) => unknown; thisArg: unknown }>();
  readonly context = new Map<string, unknown>();
  readonly contextHistory: { key: string; value: unknown }[] = [];
  clipboardText = '';
  readonly clipboardWrites: string[] = [];
  readonly openedExternal: Uri[] = [];
  readonly config: Record<ConfigScope, Record<string, unknown>> = {
    default: contributedDefaults(),
    global: {},
    workspace: {},
    workspaceFolder: {},
  };
  readonly configEmitter = new EventEmitter<ConfigurationChangeEvent>();
  /**
   * The translations l10n.t looks messages up in, as VS Code loads the extension's bundle for a
   * display language other than English (key: the message, or `message/comment`); undefined is
   * English. reset() keeps it: labels translated once, when a module loads, stay translated.
   */
  l10nBundle: Readonly<Record<string, string>> | undefined = undefined;

  get unexpectedErrors(): unknown[] {
    return unexpectedErrors;
  }

  /** Forget everything shown and scripted; configuration back to the contributed defaults. */
  reset(): void {
    const lists = [
      this.outputChannels,
      this.treeViews,
      this.messages,
      this.quickPicks,
      this.inputBoxes,
      this.createdQuickPicks,
      this.progress,
      this.statusBarMessages,
      this.statusBarItems,
      this.contextHistory,
      this.clipboardWrites,
      this.openedExternal,
    ];
    for (const list of lists) list.length = 0;
    this.messageRules = [];
    this.quickPickAnswers = [];
    this.inputBoxWaiters = [];
    this.unclaimedBoxes = [];
    this.quickPickWaiters = [];
    this.unclaimedPicks = [];
    this.progressWaiters = [];
    this.commands.clear();
    this.context.clear();
    this.clipboardText = '';
    this.config.default = contributedDefaults();
    this.config.global = {};
    this.config.workspace = {};
    this.config.workspaceFolder = {};
    unexpectedErrors.length = 0;
  }

  // --- messages -------------------------------------------------------------------------------

  /**
   * The next message of `kind` (any kind when omitted) whose text matches `pattern` is answered
   * with `answer` (an item title, or undefined = dismissed). Unscripted messages are dismissed.
   * `after`: the user takes their time and clicks only once this settles.
   */
  answerMessage(
    pattern: RegExp | string,
    answer: string | undefined,
    options: { kind?: MessageKind; times?: number; after?: PromiseLike<unknown> } = {},
  ): void {
    this.messageRules.push({ kind: options.kind, pattern, answer, remaining: options.times ?? 1, after: options.after });
  }

  showMessage(kind: MessageKind, message: string, rest: unknown[]): Promise<string | undefined> {
    if (this.messages.length >= MAX_MESSAGES_PER_TEST) {
      return Promise.reject(new Error(`More than ${MAX_MESSAGES_PER_TEST} messages shown in one test: a dialog loop? Last: ${message}`));
    }
    let options: MessageOptions | undefined;
    let items = rest;
    if (items.length && items[0] !== null && typeof items[0] === 'object' && !('title' in (items[0]))) {
      options = items[0];
      items = items.slice(1);
    }
    const titles = items.map((item) => (typeof item === 'string' ? item : (item as { title: string }).title));
    const rule = this.messageRules.find(
      (candidate) =>
        (candidate.kind === undefined || candidate.kind === kind) &&
        (typeof candidate.pattern === 'string' ? message.includes(candidate.pattern) : candidate.pattern.test(message)),
    );
    let answer: string | undefined;
    if (rule) {
      rule.remaining--;
      if (rule.remaining <= 0) this.messageRules = this.messageRules.filter((candidate) => candidate !== rule);
      answer = rule.answer;
      if (answer !== undefined && !titles.includes(answer)) {
        return Promise.reject(new Error(`Scripted answer "${answer}" is not among the items [${titles.join(', ')}] of: ${message}`));
      }
    }
    this.messages.push({ kind, message, options, items: titles, answer });
    // The real API resolves with the chosen item (the same string or object that was passed).
    const chosen = answer === undefined ? undefined : items[titles.indexOf(answer)];
    const after = rule?.after ?? Promise.resolve();
    return new Promise((resolve, reject) => {
      after.then(() => setImmediate(() => resolve(chosen as string | undefined)), reject);
    });
  }

  messagesOf(kind: MessageKind): ShownMessage[] {
    return this.messages.filter((message) => message.kind === kind);
  }

  // --- quick pick -----------------------------------------------------------------------------

  /** The next quick pick is answered by `choose` (given the resolved items); unscripted ones are dismissed. */
  answerQuickPick(choose: (items: any[]) => unknown): void {
    this.quickPickAnswers.push(choose);
  }

  async showQuickPick(items: unknown[] | PromiseLike<unknown[]>, options: unknown): Promise<unknown> {
    const resolved = await items;
    const choose = this.quickPickAnswers.shift();
    const picked = choose ? choose(resolved) : undefined;
    const answers = Array.isArray(picked) ? (picked as unknown[]) : picked === undefined ? [] : [picked];
    if (answers.some((answer) => !resolved.includes(answer))) throw new Error('The scripted quick pick answer is not one of the items');
    this.quickPicks.push({ items: resolved, options, picked });
    return picked;
  }

  // --- input boxes ----------------------------------------------------------------------------

  createQuickPick<T extends { label: string }>(): FakeQuickPick<T> {
    const pick = new FakeQuickPick<T>((shown) => {
      const waiter = this.quickPickWaiters.shift();
      if (waiter) waiter(shown as unknown as FakeQuickPick<{ label: string }>);
      else this.unclaimedPicks.push(shown as unknown as FakeQuickPick<{ label: string }>);
    });
    this.createdQuickPicks.push(pick as unknown as FakeQuickPick<{ label: string }>);
    return pick;
  }

  /** Resolves with the next quick pick (from createQuickPick) the extension shows. */
  nextQuickPick(timeoutMs = 5000): Promise<FakeQuickPick<{ label: string; description?: string }>> {
    const ready = this.unclaimedPicks.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No quick pick was shown')), timeoutMs);
      this.quickPickWaiters.push((pick) => {
        clearTimeout(timer);
        resolve(pick);
      });
    });
  }

  createInputBox(): FakeInputBox {
    const box = new FakeInputBox((shown) => {
      const waiter = this.inputBoxWaiters.shift();
      if (waiter) waiter(shown);
      else this.unclaimedBoxes.push(shown);
    });
    this.inputBoxes.push(box);
    return box;
  }

  /** Resolves with the next input box the extension shows (waits for it). */
  nextInputBox(timeoutMs = 5000): Promise<FakeInputBox> {
    const ready = this.unclaimedBoxes.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inputBoxWaiters = this.inputBoxWaiters.filter((candidate) => candidate !== waiter);
        reject(new Error('No input box was shown'));
      }, timeoutMs);
      const waiter = (box: FakeInputBox) => {
        clearTimeout(timer);
        resolve(box);
      };
      this.inputBoxWaiters.push(waiter);
    });
  }

  // --- progress -------------------------------------------------------------------------------

  async withProgress<R>(
    options: ProgressRun['options'],
    task: (progress: { report(value: unknown): void }, token: CancellationToken) => PromiseLike<R>,
  ): Promise<R> {
    const source = new CancellationTokenSource();
    const run: ProgressRun = {
      options,
      source,
      reports: [],
      done: false,
      cancel: () => {
        if (!options.cancellable) throw new Error(`The progress "${options.title ?? ''}" has no Cancel button`);
        source.cancel();
      },
    };
    this.progress.push(run);
    const waiter = this.progressWaiters.shift();
    waiter?.(run);
    try {
      return await task({ report: (value) => run.reports.push(value) }, source.token);
    } finally {
      run.done = true;
      source.dispose();
    }
  }

  /** Resolves with the next progress the extension starts. */
  nextProgress(): Promise<ProgressRun> {
    return new Promise((resolve) => this.progressWaiters.push(resolve));
  }

  // --- commands -------------------------------------------------------------------------------

  registerCommand(id: string, callback: (...args: unknown[]) => unknown, thisArg?: unknown): Disposable {
    if (this.commands.has(id)) throw new Error(`command '${id}' already exists`);
    this.commands.set(id, { callback, thisArg });
    return new Disposable(() => {
      if (this.commands.get(id)?.callback === callback) this.commands.delete(id);
    });
  }

  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    if (id === 'setContext') {
      const [key, value] = args as [string, unknown];
      this.context.set(key, value);
      this.contextHistory.push({ key, value });
      return undefined;
    }
    const command = this.commands.get(id);
    if (!command) throw new Error(`command '${id}' not found`);
    return command.callback.apply(command.thisArg, args);
  }

  // --- configuration --------------------------------------------------------------------------

  /** Sets `section.key` at a scope (undefined removes it) and fires onDidChangeConfiguration. */
  setConfiguration(key: string, value: unknown, scope: Exclude<ConfigScope, 'default'> = 'global'): void {
    if (value === undefined) delete this.config[scope][key];
    else this.config[scope][key] = value;
    this.configEmitter.fire({
      affectsConfiguration: (section: string) => key === section || key.startsWith(`${section}.`),
    });
  }

  getConfiguration(section?: string) {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    const at = (scope: ConfigScope, key: string) => clone(this.config[scope][full(key)]);
    return Object.freeze({
      get: <T>(key: string, defaultValue?: T): T | undefined => {
        for (const scope of [...CONFIG_SCOPES].reverse()) {
          const value = at(scope, key);
          if (value !== undefined) return value as T;
        }
        return defaultValue;
      },
      inspect: <T>(key: string) => ({
        key: full(key),
        defaultValue: at('default', key) as T | undefined,
        globalValue: at('global', key) as T | undefined,
        workspaceValue: at('workspace', key) as T | undefined,
        workspaceFolderValue: at('workspaceFolder', key) as T | undefined,
      }),
    });
  }
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Test hooks: script the UI, change settings, and read what the extension showed. */
export const fake = new FakeState();

// ---------------------------------------------------------------------------------------------
// The namespaces
// ---------------------------------------------------------------------------------------------

export const window = {
  createOutputChannel(name: string, options?: string | { log: true }): FakeLogOutputChannel {
    if (typeof options !== 'object' || options?.log !== true) {
      throw new Error('This fake only provides LogOutputChannel: createOutputChannel(name, { log: true })');
    }
    const channel = new FakeLogOutputChannel(name);
    fake.outputChannels.push(channel);
    return channel;
  },
  createTreeView<T>(id: string, options: { treeDataProvider: TreeDataProviderLike<T>; showCollapseAll?: boolean }): FakeTreeView<T> {
    if (!options?.treeDataProvider) throw new Error('Options with treeDataProvider is mandatory');
    const view = new FakeTreeView<T>(id, options);
    fake.treeViews.push(view as FakeTreeView<unknown>);
    return view;
  },
  showInformationMessage(message: string, ...rest: unknown[]): Promise<string | undefined> {
    return fake.showMessage('information', message, rest);
  },
  showWarningMessage(message: string, ...rest: unknown[]): Promise<string | undefined> {
    return fake.showMessage('warning', message, rest);
  },
  showErrorMessage(message: string, ...rest: unknown[]): Promise<string | undefined> {
    return fake.showMessage('error', message, rest);
  },
  showQuickPick(items: unknown[] | PromiseLike<unknown[]>, options?: unknown): Promise<unknown> {
    return fake.showQuickPick(items, options);
  },
  createInputBox(): FakeInputBox {
    return fake.createInputBox();
  },
  createQuickPick<T extends { label: string }>(): FakeQuickPick<T> {
    return fake.createQuickPick<T>();
  },
  withProgress<R>(
    options: ProgressRun['options'],
    task: (progress: { report(value: unknown): void }, token: CancellationToken) => PromiseLike<R>,
  ): Promise<R> {
    return fake.withProgress(options, task);
  },
  setStatusBarMessage(text: string, timeout?: unknown): Disposable {
    fake.statusBarMessages.push({ text, timeout });
    return new Disposable(() => undefined);
  },
  createStatusBarItem(id: string, alignment = StatusBarAlignment.Left, priority?: number): FakeStatusBarItem {
    const item = new FakeStatusBarItem(id, alignment, priority);
    fake.statusBarItems.push(item);
    return item;
  },
};

export const commands = {
  registerCommand(id: string, callback: (...args: any[]) => unknown, thisArg?: unknown): Disposable {
    return fake.registerCommand(id, callback, thisArg);
  },
  executeCommand<T = unknown>(id: string, ...args: unknown[]): Promise<T> {
    return fake.executeCommand(id, ...args) as Promise<T>;
  },
};

// ---------------------------------------------------------------------------------------------
// Documents, diagnostics, code actions (only what the leak diagnostics use)
// ---------------------------------------------------------------------------------------------

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position, end: Position) {
    this.start = start;
    this.end = end;
  }
  isEqual(other: Range): boolean {
    return this.start.isEqual(other.start) && this.end.isEqual(other.end);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source: string | undefined;
  code: string | number | undefined;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  private constructor(readonly value: string) {}
}

export class CodeAction {
  command: { command: string; title: string; arguments?: unknown[] } | undefined;
  diagnostics: Diagnostic[] | undefined;
  isPreferred: boolean | undefined;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

/** A DiagnosticCollection: diagnostics by document URI. */
export class FakeDiagnosticCollection {
  readonly byUri = new Map<string, readonly Diagnostic[]>();
  constructor(readonly name: string) {}
  set(uri: Uri, diagnostics: readonly Diagnostic[]): void {
    this.byUri.set(uri.toString(), diagnostics);
  }
  get(uri: Uri): readonly Diagnostic[] | undefined {
    return this.byUri.get(uri.toString());
  }
  delete(uri: Uri): void {
    this.byUri.delete(uri.toString());
  }
  clear(): void {
    this.byUri.clear();
  }
  dispose(): void {
    this.byUri.clear();
  }
}

export class FileSystemError extends Error {
  constructor(
    message: string,
    readonly code = 'Unknown',
  ) {
    super(message);
  }
}

/** No folder is open in the fake: findFiles finds nothing and no document is open. */
export const workspace = {
  getConfiguration(section?: string) {
    return fake.getConfiguration(section);
  },
  onDidChangeConfiguration: fake.configEmitter.event,
  workspaceFolders: undefined as readonly { uri: Uri; name: string; index: number }[] | undefined,
  textDocuments: [] as readonly unknown[],
  onDidOpenTextDocument: new EventEmitter<unknown>().event,
  onDidChangeTextDocument: new EventEmitter<unknown>().event,
  onDidCloseTextDocument: new EventEmitter<unknown>().event,
  createFileSystemWatcher(_pattern: string) {
    const never = new EventEmitter<Uri>().event;
    return { onDidChange: never, onDidCreate: never, onDidDelete: never, dispose() {} };
  },
  async findFiles(): Promise<Uri[]> {
    return [];
  },
  asRelativePath(pathOrUri: string | Uri): string {
    return typeof pathOrUri === 'string' ? pathOrUri : pathOrUri.path;
  },
  getWorkspaceFolder(): undefined {
    return undefined;
  },
  /** Reads `file:` URIs from disk; VS Code answers a missing file with a FileSystemError (FileNotFound). */
  fs: {
    async readFile(uri: Uri): Promise<Uint8Array> {
      if (uri.scheme !== 'file') throw new FileSystemError(`No file system provider found for resource '${uri.toString()}'`, 'Unavailable');
      try {
        return new Uint8Array(readFileSync(uri.path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new FileSystemError(`Unable to read file '${uri.toString()}' (Error: Unable to resolve nonexistent file '${uri.toString()}')`, 'FileNotFound');
        }
        throw new FileSystemError(String(error), 'Unknown');
      }
    },
  },
};

export const languages = {
  createDiagnosticCollection(name = ''): FakeDiagnosticCollection {
    const collection = new FakeDiagnosticCollection(name);
    fake.diagnosticCollections.push(collection);
    return collection;
  },
  registerCodeActionsProvider(): Disposable {
    return new Disposable(() => undefined);
  },
};

/** Only the built-in extensions the source asks for; none is installed in the fake. */
export const extensions = {
  getExtension(_id: string): undefined {
    return undefined;
  },
};

/** No provider is registered in the fake: VS Code rejects then, as here. */
export const authentication = {
  async getSession(providerId: string): Promise<never> {
    throw new Error(`No authentication provider '${providerId}' is currently registered.`);
  },
};

export const env = {
  /** What VS Code reports for an English UI (`vscode.env.language`). */
  language: 'en',
  clipboard: {
    async readText(): Promise<string> {
      return fake.clipboardText;
    },
    async writeText(value: string): Promise<void> {
      fake.clipboardText = value;
      fake.clipboardWrites.push(value);
    },
  },
  async openExternal(target: Uri): Promise<boolean> {
    fake.openedExternal.push(target);
    return true;
  },
};

/**
 * VS Code's l10n.t: the message's translation from the bundle (fake.l10nBundle; none in English),
 * else the message, with `{0}` or `{name}` replaced by the argument of that index or name and a
 * placeholder without one left as written (extHostLocalizationService's getMessage, format2).
 */
export const l10n = {
  /** What VS Code loaded for the display language: fake.l10nBundle. */
  get bundle(): Readonly<Record<string, string>> | undefined {
    return fake.l10nBundle;
  },
  uri: undefined,
  t(...params: unknown[]): string {
    const first = params[0];
    const { message, args, comment } =
      typeof first === 'string'
        ? { message: first, args: typeof params[1] === 'object' && params[1] !== null ? (params[1] as Record<string, unknown>) : params.slice(1), comment: undefined }
        : (first as { message: string; args?: Record<string, unknown> | unknown[]; comment?: string | string[] });
    const key = comment?.length ? `${message}/${Array.isArray(comment) ? comment.join('') : comment}` : message;
    const template = fake.l10nBundle?.[key] ?? message;
    const values = (args ?? {}) as Record<string, string | number | boolean | null | undefined>;
    if (Object.keys(values).length === 0) return template;
    return template.replace(/\{([^}]+)\}/g, (match, key: string) => {
      const value = values[key];
      return value === undefined || value === null ? match : String(value);
    });
  },
};
