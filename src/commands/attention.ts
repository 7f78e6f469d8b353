// Alerts before things break, as the user sees them: one notification for every token that newly
// needs attention, the view's badge, and "Rotate…" / "Show" / "Don't Warn Again for These".
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { AttentionEntry } from '../core/alerts';
import { inert, inertLabel } from '../domain/inertText';
import { describeStatus } from '../domain/tokenStatus';
import { nameOf } from '../ui/words';
import { loadFlows } from '../flowsChunk';
import type { Services } from './services';
import { isSingular } from '../domain/format';

// Button labels: one translated value each, so that the answer compares equal in every language.
const ROTATE = l10n.t('Rotate…');
const SHOW = l10n.t('Show');
const DONT_WARN = l10n.t("Don't Warn Again for These");
/** Above this many, the notification counts instead of naming. */
const MAX_NAMED = 3;

function why(entry: AttentionEntry): string {
  return entry.reason === 'expiresSoon' ? describeStatus(entry.token, Date.now()) : entry.reason;
}

export function attentionMessage(entries: readonly AttentionEntry[]): string {
  if (entries.length > MAX_NAMED) {
    const leaked = entries.filter((entry) => entry.reason === 'leaked').length;
    const revoked = entries.filter((entry) => entry.reason === 'revoked').length;
    const expiring = entries.length - leaked - revoked;
    const parts = [
      expiring && l10n.t('{0} expiring soon', expiring),
      leaked && l10n.t('{0} leaked', leaked),
      revoked && l10n.t('{0} revoked', revoked),
    ].filter(Boolean);
    return l10n.t('{0} Vercel tokens need attention: {1}.', entries.length, parts.join(', '));
  }
  // "name" and why, e.g. `"deploy" expires in 2 days`.
  const named = entries.map((entry) => l10n.t('"{0}" {1}', inert(nameOf(entry.token)), why(entry)));
  return entries.length === 1 ? l10n.t('The Vercel token {0}.', named[0]) : l10n.t('Vercel tokens need attention: {0}.', named.join('; '));
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
    await (await loadFlows()).rotateToken(services, { node: services.provider.nodeFor(entry.userId, entry.token.id) });
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
