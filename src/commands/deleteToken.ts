// "Vercel: Delete Token": confirm in a modal, then the core deletes it and forgets its stored value.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { places as placesChunk } from '../placesChunk';
import { inert, inertLabel } from '../domain/inertText';
import { describeError } from '../errorMessages';
import { abortSignalOf, reportError, resolveToken, type Services, type TokenTarget } from './services';

const DELETE = l10n.t('Delete');

export interface DeleteTokenRequest extends TokenTarget {
  /** From the test API only: the modal was answered already. */
  confirmed?: boolean;
}

export async function deleteToken(services: Services, request: DeleteTokenRequest = {}): Promise<boolean> {
  const resolved = await resolveToken(services, request, l10n.t('Delete which token?'));
  if (!resolved) return false;
  const { list, token } = resolved;
  const name = inert(token.name);
  const isAccountToken = list.isAccountToken(token.id);
  if (!request.confirmed) {
    const detail = isAccountToken
      ? l10n.t('This is the token Vercel Tokens signs in with: you will be signed out afterwards. Anything else using it stops working at once.')
      : l10n.t('Anything using this token stops working at once. This cannot be undone.');
    const used = services.places.of(token.id).map((place) => ({ tokenName: token.name, place }));
    const usedIn = used.length ? placesChunk().usedInDetail(used, false, 0) : '';
    const choice = await vscode.window.showWarningMessage(l10n.t('Delete the Vercel token "{0}"?', name), { modal: true, detail: detail + usedIn }, DELETE);
    if (choice !== DELETE) return false;
  }
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Deleting token "{0}"…', inertLabel(token.name)), cancellable: true },
    (_progress, cancellation) => services.tokens.delete(list.userId, token.id, abortSignalOf(cancellation)),
  );
  switch (outcome.kind) {
    case 'refused':
      if (outcome.stillExists) {
        services.log.error(`Token ${token.id} was not deleted`, outcome.error);
        void vscode.window.showErrorMessage(
          l10n.t(
            'Token "{0}" was not deleted: the delete failed ({1}) and Vercel still has the token afterwards. Its stored value is kept; try again later.',
            name,
            inert(outcome.error instanceof Error ? outcome.error.message : String(outcome.error)),
          ),
        );
        return false;
      }
      await reportError(services, list.userId, l10n.t('Token "{0}" was not deleted', name), outcome.error);
      return false;
    case 'outcomeUnknown':
      void vscode.window.showErrorMessage(
        l10n.t(
          'Token "{0}" may or may not have been deleted: {1} Vercel could not say afterwards either; its stored value is kept. Refresh the Auth Tokens view to see.',
          name,
          describeError(outcome.cause),
        ),
      );
      return false;
    case 'deleted':
      if (outcome.signedOut) {
        void vscode.window.showInformationMessage(
          services.accounts.signedIn
            ? l10n.t('Deleted "{0}", the token this extension signed in with. You are signed out of that account.', name)
            : l10n.t('Deleted "{0}", the token this extension signed in with. You are signed out.', name),
        );
      } else {
        // The user confirmed in a modal and the row is gone: a passing word in the status bar is enough,
        // and unlike a notification it holds nothing in the extension host until someone closes it.
        vscode.window.setStatusBarMessage(l10n.t('$(trash) Deleted token "{0}"', inertLabel(token.name)), 5000);
      }
      return true;
  }
}
