// Alerts before things break, as the user sees them: one notification for every token that newly
// needs attention, the view's badge, and "Rotate…" / "Show" / "Don't Warn Again for These".
import vscode = require('vscode');
import type { AttentionEntry } from '../core/alerts';
import { inert, inertLabel } from '../domain/inertText';
import { describeStatus } from '../domain/tokenStatus';
import { rotateToken } from './rotateToken';
import type { Services } from './services';

const ROTATE = 'Rotate…';
const SHOW = 'Show';
const DONT_WARN = "Don't Warn Again for These";
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
    const parts = [expiring && `${expiring} expiring soon`, leaked && `${leaked} leaked`, revoked && `${revoked} revoked`].filter(Boolean);
    return `${entries.length} Vercel tokens need attention: ${parts.join(', ')}.`;
  }
  const named = entries.map((entry) => `"${inert(entry.token.name || '(unnamed)')}" ${why(entry)}`);
  return entries.length === 1 ? `The Vercel token ${named[0]}.` : `Vercel tokens need attention: ${named.join('; ')}.`;
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
      entries.map((candidate) => ({ label: inertLabel(candidate.token.name || '(unnamed)'), description: why(candidate), detail: inertLabel(candidate.token.id), candidate })),
      { placeHolder: 'Rotate which token?' },
    );
    entry = picked?.candidate;
  }
  if (entry && services.lists.get(entry.userId)?.token(entry.token.id)) {
    await rotateToken(services, { node: services.provider.nodeFor(entry.userId, entry.token.id) });
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
    tooltip: count === 1 ? '1 Vercel token needs attention: expiring soon, leaked or revoked' : `${count} Vercel tokens need attention: expiring soon, leaked or revoked`,
  };
}
