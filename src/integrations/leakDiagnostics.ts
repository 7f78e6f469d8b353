// Token values caught in the editor: a warning on every string in an open document that looks like
// a Vercel token, an error naming the token when it is the value of one stored here, with quick
// fixes to rotate or delete that token. Files git ignores are left alone: that is where values
// belong. A diagnostic never carries the value itself (nor its last characters).
//
// This part watches the documents and finds the candidates; what they are (which token, whether git
// ignores the file) and the quick fixes are leakReport.ts, in the places chunk, loaded only once a
// document holds something that looks like a token.
import vscode = require('vscode');
import { findTokenCandidates, LEAK_DIAGNOSTIC_CODE } from '../domain/leakScan';
import type { LeakReporter } from './leakReport';
const DONT_FLAG_KEY = 'vercelTokens.dontFlagFiles';
/** Typing pauses this long before a document is scanned again. */
const DEBOUNCE_MS = 400;
/** Larger documents (minified bundles, logs) are not scanned. */
const MAX_SCANNED_LENGTH = 10 * 1024 * 1024;
/** Documents that are not files someone could share: output channels, git's views of history. */
const SKIPPED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode-scm', 'comment', 'vscode-chat-code-block', 'vscode-terminal']);

/** The argument of "Don't Flag in This File" from a quick fix: handed out here, checked by identity. */
export interface DontFlagRequest {
  readonly uri: vscode.Uri;
}

/** The argument of a quick fix's Rotate or Delete: handed out here, checked by identity. */
export interface TokenRequest {
  readonly userId: string;
  readonly tokenId: string;
}

export class LeakDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('vercelTokens.leaks');
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly requests = new WeakSet<object>();
  /** Bumped per document on every scan: a slow scan's late answer is dropped. */
  private readonly generations = new Map<string, number>();
  private loaded: LeakReporter | undefined;

  constructor(
    private readonly loadReporter: () => LeakReporter,
    private readonly workspaceState: vscode.Memento,
  ) {}

  start(): void {
    this.subscriptions.push(
      this.collection,
      vscode.languages.registerCodeActionsProvider('*', this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length && this.schedule(event.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forgetDocument(document.uri)),
    );
    this.rescanAll();
  }

  /** Stored values or signed-in accounts changed, or a .gitignore: every open document again. */
  rescanAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  isOwnRequest(value: unknown): value is DontFlagRequest {
    return typeof value === 'object' && value !== null && this.requests.has(value) && 'uri' in value;
  }

  /** A quick fix's Rotate or Delete names this token. */
  isTokenRequest(value: unknown): value is TokenRequest {
    return typeof value === 'object' && value !== null && this.requests.has(value) && 'tokenId' in value;
  }

  /** What a quick fix's Rotate or Delete passes: only those two commands act on it directly. */
  tokenRequest(userId: string, tokenId: string): TokenRequest {
    const request: TokenRequest = { userId, tokenId };
    this.requests.add(request);
    return request;
  }

  async dontFlag(uri: vscode.Uri): Promise<void> {
    const files = this.dontFlagFiles();
    if (!files.includes(uri.toString())) await this.workspaceState.update(DONT_FLAG_KEY, [...files, uri.toString()]);
    this.forgetDocument(uri);
  }

  private dontFlagFiles(): string[] {
    const value = this.workspaceState.get<unknown>(DONT_FLAG_KEY);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.scan(document).catch(() => undefined);
      }, delayMs),
    );
  }

  private forgetDocument(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.loaded?.forget(uri);
    this.collection.delete(uri);
  }

  async scan(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const current = () => this.generations.get(key) === generation && !document.isClosed;
    const text = SKIPPED_SCHEMES.has(document.uri.scheme) || this.dontFlagFiles().includes(key) ? '' : document.getText();
    const candidates = text.length > MAX_SCANNED_LENGTH ? [] : findTokenCandidates(text);
    const diagnostics = candidates.length ? await (this.loaded ??= this.loadReporter()).diagnose(document, text, candidates, current) : [];
    if (!current()) return;
    if (diagnostics.length) this.collection.set(document.uri, diagnostics);
    else {
      this.loaded?.forget(document.uri);
      this.collection.delete(document.uri);
    }
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.code === LEAK_DIAGNOSTIC_CODE);
    if (!ours.length || !this.loaded) return [];
    const request: DontFlagRequest = { uri: document.uri };
    this.requests.add(request);
    return this.loaded.codeActions(document, ours, request);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
