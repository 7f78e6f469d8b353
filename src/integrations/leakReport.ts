// What the leak diagnostics found (part of the places chunk, see leakDiagnostics.ts): which token
// a candidate is, whether git ignores the file, the diagnostics in words and their quick fixes.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { Accounts } from '../core/accounts';
import type { Keychain } from '../core/keychain';
import type { TokenLists } from '../core/tokenList';
import { TokenMatcher, type TokenMatch } from '../core/tokenMatcher';
import type { Git } from './git';
import { LEAK_DIAGNOSTIC_CODE, type TokenCandidate } from '../domain/leakScan';
import { inert } from '../domain/inertText';
import { nameOf } from '../ui/words';
import type { DontFlagRequest } from './leakDiagnostics';

export interface LeakSource {
  /** The token of a signed-in account this string is (or looks like), if any. */
  match(value: string, prefix: string, suffix: string): Promise<TokenMatch | undefined>;
  /** Whether git ignores the file; undefined when no repository holds it. */
  isIgnored(uri: vscode.Uri): Promise<boolean | undefined>;
  /**
   * The argument of a quick fix's Rotate or Delete: an object only those two commands take as
   * naming this token (checked by identity). A tree node would do for every command, Copy Token
   * Value included, and any extension can read a document's code actions.
   */
  requestFor(userId: string, tokenId: string): unknown;
}

export interface LeakReporterDeps {
  accounts: Accounts;
  keychain: Keychain;
  lists: TokenLists;
  git: () => Git;
  requestFor: LeakSource['requestFor'];
}

/**
 * The reporter over the signed-in accounts' tokens; `rescan` runs when what a match answers may
 * have changed (stored values, accounts, a .gitignore).
 */
export function createLeakReporter(deps: LeakReporterDeps, rescan: () => void, subscriptions: vscode.Disposable[]): LeakReporter {
  const matcher = new TokenMatcher(deps.accounts, deps.keychain, deps.lists);
  // check-ignore runs git: its answers are kept until a .gitignore changes.
  const ignored = new Map<string, Promise<boolean | undefined>>();
  const isIgnored = async (uri: vscode.Uri) => {
    const key = uri.toString();
    const known = ignored.get(key);
    if (known) return known;
    const answer = deps.git().isIgnored(uri).catch(() => undefined);
    ignored.set(key, answer);
    // "Unknown" (no repository yet, git failing) is asked again next time: git may have opened it since.
    if ((await answer) === undefined) ignored.delete(key);
    return answer;
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/.gitignore');
  const gitignoreChanged = () => {
    ignored.clear();
    rescan();
  };
  subscriptions.push(
    matcher,
    matcher.onDidChange(rescan),
    watcher,
    watcher.onDidChange(gitignoreChanged),
    watcher.onDidCreate(gitignoreChanged),
    watcher.onDidDelete(gitignoreChanged),
  );
  return new LeakReporter({ match: (value, prefix, suffix) => matcher.match(value, prefix, suffix), isIgnored, requestFor: deps.requestFor });
}

export class LeakReporter {
  /** The tokens behind each document's diagnostics, by range (code actions get copies of the diagnostics). */
  private readonly matches = new Map<string, { range: vscode.Range; match: TokenMatch | undefined }[]>();

  constructor(private readonly source: LeakSource) {}

  /**
   * The diagnostics for these candidates; none for a file git ignores. What they stand for is kept
   * for the quick fixes only if the scan is still the latest (`current`) when it ends.
   */
  async diagnose(document: vscode.TextDocument, text: string, candidates: readonly TokenCandidate[], current: () => boolean): Promise<vscode.Diagnostic[]> {
    if (document.uri.scheme === 'file' && (await this.source.isIgnored(document.uri).catch(() => undefined))) return [];
    const found = await Promise.all(
      candidates.map(async (candidate) => {
        const range = new vscode.Range(document.positionAt(candidate.start), document.positionAt(candidate.end));
        const match = await this.source.match(text.slice(candidate.start, candidate.end), candidate.prefix, candidate.suffix).catch(() => undefined);
        return { range, match };
      }),
    );
    if (current()) this.matches.set(document.uri.toString(), found);
    return found.map(({ range, match }) => diagnosticFor(range, match));
  }

  forget(uri: vscode.Uri): void {
    this.matches.delete(uri.toString());
  }

  codeActions(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[], dontFlagRequest: DontFlagRequest): vscode.CodeAction[] {
    const known = this.matches.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      const match = known.find((entry) => entry.range.isEqual(diagnostic.range))?.match;
      if (!match) continue;
      const request = this.source.requestFor(match.userId, match.token.id);
      const name = inert(nameOf(match.token));
      const rotate = new vscode.CodeAction(l10n.t('Rotate This Token ("{0}")', name), vscode.CodeActionKind.QuickFix);
      rotate.command = { command: 'vercelTokens.rotateToken', title: l10n.t('Rotate This Token'), arguments: [request] };
      rotate.diagnostics = [diagnostic];
      rotate.isPreferred = true;
      const remove = new vscode.CodeAction(l10n.t('Delete This Token on Vercel ("{0}")', name), vscode.CodeActionKind.QuickFix);
      remove.command = { command: 'vercelTokens.deleteToken', title: l10n.t('Delete This Token on Vercel'), arguments: [request] };
      remove.diagnostics = [diagnostic];
      actions.push(rotate, remove);
    }
    const dontFlag = new vscode.CodeAction(l10n.t("Don't Flag Vercel Tokens in This File"), vscode.CodeActionKind.QuickFix);
    dontFlag.command = { command: 'vercelTokens.dontFlagTokensInFile', title: l10n.t("Don't Flag in This File"), arguments: [dontFlagRequest] };
    dontFlag.diagnostics = [...diagnostics];
    actions.push(dontFlag);
    return actions;
  }
}

function diagnosticFor(range: vscode.Range, match: TokenMatch | undefined): vscode.Diagnostic {
  const name = match ? inert(nameOf(match.token)) : '';
  const diagnostic = match?.exact
    ? new vscode.Diagnostic(
        range,
        l10n.t(
          'This is the value of the Vercel token "{0}" (stored in Vercel Tokens). Anyone who can read this file can use it: keep it out of tracked files, and rotate or delete the token if the file was shared.',
          name,
        ),
        vscode.DiagnosticSeverity.Error,
      )
    : match
      ? new vscode.Diagnostic(
          range,
          l10n.t(
            'This looks like the Vercel token "{0}" of your account (same prefix and last characters). Keep token values out of files git tracks: use an ignored .env file or a secret.',
            name,
          ),
          vscode.DiagnosticSeverity.Warning,
        )
      : new vscode.Diagnostic(
          range,
          l10n.t('This looks like a Vercel access token. Keep token values out of files git tracks: use an ignored .env file or a secret.'),
          vscode.DiagnosticSeverity.Warning,
        );
  diagnostic.source = l10n.t('Vercel Tokens');
  diagnostic.code = LEAK_DIAGNOSTIC_CODE;
  return diagnostic;
}
