// Clean-up: Delete Token on a selection of several rows, and "Delete Expired and Revoked Tokens…".
// One confirmation for all of them; then one by one with progress; what failed is reported
// together and the rest still goes through.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { places } from '../placesChunk';
import type { TokenList } from '../core/tokenList';
import { inert, inertLabel } from '../domain/inertText';
import { describeStatus, isInactive } from '../domain/tokenStatus';
import { describeError } from '../errorMessages';
import { nameOf } from '../ui/words';
import { VercelApiError } from '../api/errors';
import { loadedLists, requireSignIn, signOutInvalidToken, type ResolvedToken, type Services } from './services';
import { isSingular } from '../domain/format';

/** The rows selected in the tree when a menu ran on several: only this tree's own token nodes count. */
export function publicSelection(services: Services, selection: unknown): ResolvedToken[] {
  if (!Array.isArray(selection)) return [];
  return selection.flatMap((node: unknown) => {
    if (!services.provider.owns(node) || node.kind !== 'token') return [];
    const list = services.lists.get(node.userId);
    const token = list?.token(node.tokenId);
    return list && token ? [{ list, token }] : [];
  });
}

/** From the test API only: token ids, each found in the lists of the signed-in accounts. */
export async function trustedSelection(services: Services, ids: readonly unknown[]): Promise<ResolvedToken[] | undefined> {
  if (!(await requireSignIn(services))) return undefined;
  const lists = await loadedLists(services);
  return ids.flatMap((id) => {
    const list = lists.find((candidate) => typeof id === 'string' && candidate.token(id));
    const token = typeof id === 'string' ? list?.token(id) : undefined;
    return list && token ? [{ list, token }] : [];
  });
}

const DELETE = l10n.t('Delete');
/** Above this many, the modal gives a count instead of the names. */
const MAX_NAMED = 10;

export interface DeleteManyResult {
  deleted: string[];
  failed: { tokenId: string; reason: string }[];
}

/** The places (GitHub secrets, .env lines, terminals) that stop working, named in the confirmation. */
function usedInPlaces(services: Services, targets: readonly ResolvedToken[]): string {
  const used = targets.flatMap(({ token }) => services.places.of(token.id).map((place) => ({ tokenName: token.name, place })));
  return used.length ? places().usedInDetail(used, true, MAX_NAMED) : '';
}

/** Asks once, then deletes each; `confirmed` (from the test API) skips the modal. */
export async function deleteTokens(services: Services, targets: readonly ResolvedToken[], confirmed = false): Promise<DeleteManyResult | undefined> {
  if (targets.length === 0) return undefined;
  if (!confirmed) {
    const names = targets.map(({ token }) => `• ${inert(nameOf(token))}`);
    const signsOut = targets.some(({ list, token }) => list.isAccountToken(token.id));
    const warning = l10n.t('Anything using these tokens stops working at once. This cannot be undone.');
    const detail =
      (targets.length <= MAX_NAMED ? `${names.join('\n')}\n\n` : '') +
      (signsOut ? `${warning} ${l10n.t('One of them is the token Vercel Tokens signs in with: you will be signed out of that account.')}` : warning) +
      usedInPlaces(services, targets);
    const count = targets.length;
    const question = isSingular(count) ? l10n.t('Delete {0} Vercel token?', count) : l10n.t('Delete {0} Vercel tokens?', count);
    const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, DELETE);
    if (choice !== DELETE) return undefined;
  }
  const result: DeleteManyResult = { deleted: [], failed: [] };
  // The token an account signs in with goes last: deleting it signs that account out, and the
  // account's other tokens could not be deleted after that.
  const ordered = [...targets].sort((a, b) => Number(a.list.isAccountToken(a.token.id)) - Number(b.list.isAccountToken(b.token.id)));
  const signedOut = new Set<string>();
  const rejected = new Set<string>();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: isSingular(targets.length) ? l10n.t('Deleting {0} token', targets.length) : l10n.t('Deleting {0} tokens', targets.length), cancellable: true },
    async (progress, cancellation) => {
      for (const [index, { list, token }] of ordered.entries()) {
        if (cancellation.isCancellationRequested || rejected.has(list.userId)) {
          result.failed.push({ tokenId: token.id, reason: cancellation.isCancellationRequested ? l10n.t('not tried: cancelled') : l10n.t('not tried: signed out') });
          continue;
        }
        progress.report({ message: l10n.t('{0} of {1}: "{2}"', index + 1, targets.length, inertLabel(token.name)), increment: 100 / targets.length });
        const outcome = await services.tokens.delete(list.userId, token.id);
        if (outcome.kind === 'deleted') {
          result.deleted.push(token.id);
          if (outcome.signedOut) signedOut.add(list.userId);
          continue;
        }
        const error = outcome.kind === 'refused' ? outcome.error : outcome.cause;
        result.failed.push({ tokenId: token.id, reason: describeError(error) });
        // Vercel no longer accepts this account's token: the rest of its tokens cannot be deleted either.
        if (error instanceof VercelApiError && error.invalidToken) rejected.add(list.userId);
      }
    },
  );
  for (const userId of rejected) await signOutInvalidToken(services, userId);
  if (signedOut.size) {
    void vscode.window.showInformationMessage(
      l10n.t('One of the deleted tokens was the token this extension signed in with: you are signed out of that account.'),
    );
  }
  const deleted = result.deleted.length;
  if (deleted) vscode.window.setStatusBarMessage(isSingular(deleted) ? l10n.t('$(trash) Deleted {0} token', deleted) : l10n.t('$(trash) Deleted {0} tokens', deleted), 5000);
  if (result.failed.length) {
    const byId = new Map(targets.map(({ token }) => [token.id, token]));
    const lines = result.failed.map(({ tokenId, reason }) => `"${inert(byId.get(tokenId)?.name ?? tokenId)}" (${tokenId}): ${reason}`);
    void vscode.window.showErrorMessage(
      l10n.t('{0} of {1} tokens were not deleted: {2}. Their stored values are kept.', result.failed.length, targets.length, lines.join('; ')),
    );
  }
  return result;
}

/** "Vercel: Delete Expired and Revoked Tokens…": a picker of them, all pre-selected, then one confirmation. */
export async function deleteExpiredTokens(services: Services): Promise<DeleteManyResult | undefined> {
  if (!(await requireSignIn(services))) return undefined;
  const lists = await loadedLists(services);
  const now = Date.now();
  const candidates = lists.flatMap((list: TokenList) => list.tokens.filter((token) => isInactive(token, now)).map((token) => ({ list, token })));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('There are no expired or revoked tokens to delete.'));
    return undefined;
  }
  const several = lists.length > 1;
  const picked = await vscode.window.showQuickPick(
    candidates.map((candidate) => ({
      label: inertLabel(nameOf(candidate.token)),
      description: several
        ? `${describeStatus(candidate.token, now)} · ${inertLabel(services.accounts.get(candidate.list.userId)?.username ?? '')}`
        : describeStatus(candidate.token, now),
      detail: candidate.token.id,
      picked: true,
      candidate,
    })),
    { canPickMany: true, placeHolder: l10n.t('Delete these expired and revoked tokens (all are selected)'), matchOnDetail: true },
  );
  if (!picked || picked.length === 0) return undefined;
  return deleteTokens(services, picked.map((item) => item.candidate));
}
