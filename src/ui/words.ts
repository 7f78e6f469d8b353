// Wording shared by the commands, pickers and views, translated with vscode.l10n.
import vscode = require('vscode');
import { l10n } from 'vscode';

let rules: Intl.PluralRules | undefined;

/**
 * Whether `count` takes the singular message in the display language. Each caller picks one of two
 * whole messages (both with `{0}`), so a translator never sees an "s" glued on.
 */
export function isOne(count: number): boolean {
  rules ??= pluralRules(vscode.env.language);
  return rules.select(count) === 'one';
}

/** A display language Intl does not know (a malformed tag throws) counts as the default one. */
function pluralRules(language: string): Intl.PluralRules {
  try {
    return new Intl.PluralRules(language);
  } catch {
    return new Intl.PluralRules();
  }
}

/** What a token without a name is called wherever its name would be. */
export function unnamed(): string {
  return l10n.t('(unnamed)');
}

/** A token's name, or the word for none. */
export function nameOf(token: { name: string }): string {
  return token.name || unnamed();
}
