// Wording shared by the commands, pickers and views, translated with vscode.l10n.
import { l10n } from 'vscode';

/** What a token without a name is called wherever its name would be. */
export function unnamed(): string {
  return l10n.t('(unnamed)');
}

/** A token's name, or the word for none. */
export function nameOf(token: { name: string }): string {
  return token.name || unnamed();
}
