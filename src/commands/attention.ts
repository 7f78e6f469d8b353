// Alerts before things break, as the user sees them: one notification for every token that newly
// needs attention, the view's badge, and "Rotate…" / "Show" / "Don't Warn Again for These".
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { AttentionEntry } from '../core/alerts';
import { inert, inertLabel } from '../domain/inertText';
import { describeStatus, expiryFromNow } from '../domain/tokenStatus';
import { nameOf } from '../ui/words';
import type { Services } from './services';
import { isSingular } from '../domain/format';

// Button labels: one translated value each, so that the answer compares equal in every language.
const ROTATE = l10n.t('Rotate…');
const SHOW = l10n.t('Show');
const DONT_WARN = l10n.t("Don't Warn Again for These");
/** Above this many, the notification counts instead of naming. */
const MAX_NAMED = 3;

/** The picker's description: the token's status in words, as the view shows it. */
export function why(entry: AttentionEntry): string {
  return describeStatus(entry.token, Date.now());
}

/** Whole messages for each reason, the name (and how far off the expiry is) put in after translating. */
interface Wording {
  leaked(name: string): string;
  revoked(name: string): string;
  expiresVerySoon(name: string): string;
  expires(name: string, relative: string): string;
}

/** A notification about one token. */
const SENTENCE: Wording = {
  leaked: (name) => l10n.t('The Vercel token "{0}" leaked.', name),
  revoked: (name) => l10n.t('The Vercel token "{0}" was revoked.', name),
  expiresVerySoon: (name) => l10n.t('The Vercel token "{0}" expires in less than a minute.', name),
  expires: (name, relative) => l10n.t({ message: 'The Vercel token "{0}" expires {1}.', args: [name, relative], comment: ['{1} is a relative time in the same language, such as "in 3 days"'] }),
};

/** The same as one item of a list of several tokens. */
const CLAUSE: Wording = {
  leaked: (name) => l10n.t('"{0}" leaked', name),
  revoked: (name) => l10n.t('"{0}" was revoked', name),
  expiresVerySoon: (name) => l10n.t('"{0}" expires in less than a minute', name),
  expires: (name, relative) => l10n.t({ message: '"{0}" expires {1}', args: [name, relative], comment: ['{1} is a relative time in the same language, such as "in 3 days"'] }),
};

function describeEntry(entry: AttentionEntry, now: number, wording: Wording): string {
  const name = inert(nameOf(entry.token));
  if (entry.reason === 'leaked') return wording.leaked(name);
  if (entry.reason === 'revoked') return wording.revoked(name);
  const relative = entry.token.expiresAt == null ? undefined : expiryFromNow(entry.token.expiresAt, now);
  return relative === undefined ? wording.expiresVerySoon(name) : wording.expires(name, relative);
}

// The counts are at least 1 each and the total is above MAX_NAMED, yet each still chooses its
// message by the language's plural rules (in Russian, 21 takes the singular form). The English
// singular and plural read alike, so the comment tells the two keys apart.
function countOf(count: number, reason: AttentionEntry['reason']): string {
  const one = isSingular(count);
  if (reason === 'leaked') {
    return one
      ? l10n.t({ message: '{0} leaked', args: [count], comment: ['The count takes the singular form of your language (in English, 1)'] })
      : l10n.t({ message: '{0} leaked', args: [count], comment: ['The count takes the plural form of your language'] });
  }
  if (reason === 'revoked') {
    return one
      ? l10n.t({ message: '{0} revoked', args: [count], comment: ['The count takes the singular form of your language (in English, 1)'] })
      : l10n.t({ message: '{0} revoked', args: [count], comment: ['The count takes the plural form of your language'] });
  }
  return one
    ? l10n.t({ message: '{0} expiring soon', args: [count], comment: ['The count takes the singular form of your language (in English, 1)'] })
    : l10n.t({ message: '{0} expiring soon', args: [count], comment: ['The count takes the plural form of your language'] });
}

export function attentionMessage(entries: readonly AttentionEntry[], now = Date.now()): string {
  if (entries.length > MAX_NAMED) {
    const reasons = ['expiresSoon', 'leaked', 'revoked'] as const;
    const parts = reasons.flatMap((reason) => {
      const count = entries.filter((entry) => entry.reason === reason).length;
      return count ? [countOf(count, reason)] : [];
    });
    const list = parts.join(', ');
    return isSingular(entries.length)
      ? l10n.t({ message: '{0} Vercel token needs attention: {1}.', args: [entries.length, list], comment: ['{1} is a list of counts, such as "2 expiring soon, 3 leaked"'] })
      : l10n.t({ message: '{0} Vercel tokens need attention: {1}.', args: [entries.length, list], comment: ['{1} is a list of counts, such as "2 expiring soon, 3 leaked"'] });
  }
  if (entries.length === 1) return describeEntry(entries[0], now, SENTENCE);
  return l10n.t('Vercel tokens need attention: {0}.', entries.map((entry) => describeEntry(entry, now, CLAUSE)).join('; '));
}

/**
 * The notification stays open until the user closes it, so its callback holds ids and names,
 * never a value.
 */
export async function announceAttention(services: Services, entries: readonly AttentionEntry[]): Promise<void> {
  const choice = await vscode.window.showWarningMessage(attentionMessage(entries), ROTATE, SHOW, DONT_WARN);
  if (choice === ROTATE) await rotateOneOf(services, entries);
  else if (choice === SHOW) await show(services, entries);
  else if (choice === DONT_WARN) await services.alerts.dismiss(entries);
}

async function rotateOneOf(services: Services, entries: readonly AttentionEntry[]): Promise<void> {
  let entry: AttentionEntry | undefined = entries.length === 1 ? entries[0] : undefined;
  if (!entry) {
    const picked = await vscode.window.showQuickPick(
      entries.map((candidate) => ({ label: inertLabel(nameOf(candidate.token)), description: why(candidate), detail: inertLabel(candidate.token.id), candidate })),
      { placeHolder: l10n.t('Rotate which token?') },
    );
    entry = picked?.candidate;
  }
  if (entry && services.lists.get(entry.userId)?.token(entry.token.id)) {
    // Through the command, whose handler tells the user when the flows chunk does not load.
    await vscode.commands.executeCommand('vercelTokens.rotateToken', services.provider.nodeFor(entry.userId, entry.token.id));
  }
}

/** Selects the tokens in the view (the first one focused); ones the view filter hides cannot be. */
async function show(services: Services, entries: readonly AttentionEntry[]): Promise<void> {
  await vscode.commands.executeCommand('vercelTokens.tokens.focus');
  for (const [index, entry] of entries.entries()) {
    // A row that is gone since (deleted, or filtered out) is simply not shown.
    await services.treeView
      .reveal(services.provider.nodeFor(entry.userId, entry.token.id), { select: index === 0, focus: index === 0, expand: false })
      .then(undefined, () => undefined);
  }
}

/** The view's badge: how many tokens need attention, with a tooltip in words. */
export function attentionBadge(count: number): vscode.ViewBadge | undefined {
  if (count === 0) return undefined;
  return {
    value: count,
    tooltip: isSingular(count)
      ? l10n.t('{0} Vercel token needs attention: expiring soon, leaked or revoked', count)
      : l10n.t('{0} Vercel tokens need attention: expiring soon, leaked or revoked', count),
  };
}
