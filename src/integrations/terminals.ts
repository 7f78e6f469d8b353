// "Use Token in New Terminals": the value in the environment of this window's new integrated
// terminals, through the extension's environmentVariableCollection. `persistent = false`: VS Code
// keeps the collection in memory only, so the value is gone with the window (never on disk).
import vscode = require('vscode');
import { l10n } from 'vscode';
import { inertLabel } from '../domain/inertText';

export const TERMINAL_VARIABLE = 'VERCEL_TOKEN';

export class TerminalEnvironment {
  private current: { userId: string; tokenId: string; variable: string } | undefined;

  constructor(private readonly collection: vscode.GlobalEnvironmentVariableCollection) {
    collection.persistent = false;
    // A collection restored from an earlier version of the extension would hold a value: drop it.
    collection.clear();
  }

  /** The token whose value new terminals get, if any. */
  get tokenId(): string | undefined {
    return this.current?.tokenId;
  }

  /** The account of that token. */
  get userId(): string | undefined {
    return this.current?.userId;
  }

  use(userId: string, tokenId: string, tokenName: string, value: string, variable = TERMINAL_VARIABLE): void {
    if (this.current && this.current.variable !== variable) this.collection.delete(this.current.variable);
    this.collection.replace(variable, value);
    this.collection.description = new vscode.MarkdownString().appendText(
      l10n.t('{0} is the Vercel token "{1}" (set by Vercel Tokens for this window)', variable, inertLabel(tokenName)),
    );
    this.current = { userId, tokenId, variable };
  }

  stop(): void {
    this.collection.clear();
    this.collection.description = undefined;
    this.current = undefined;
  }
}
