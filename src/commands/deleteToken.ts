// "Vercel: Delete Token": confirm in a modal, DELETE /v3/user/tokens/{id}, forget the stored value.
import vscode = require('vscode');
import { isVercelError, VercelApiError } from '../api/errors';
import { abortSignalOf, reportError, resolveToken, type Services } from './services';

const DELETE = 'Delete';

/** `options.confirmed` skips the modal: callers that already asked the user (or tests) pass it. */
export async function deleteToken(services: Services, argument?: unknown, options?: { confirmed?: boolean }): Promise<boolean> {
  const token = await resolveToken(services, argument, 'Delete which token?');
  if (!token) return false;
  const isCurrent = services.model.isCurrentToken(token.id);
  if (!options?.confirmed) {
    const detail = isCurrent
      ? 'This is the token Vercel Tokens signs in with: you will be signed out afterwards. Anything else using it stops working at once.'
      : 'Anything using this token stops working at once. This cannot be undone.';
    const choice = await vscode.window.showWarningMessage(`Delete the Vercel token "${token.name}"?`, { modal: true, detail }, DELETE);
    if (choice !== DELETE) return false;
  }
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deleting token "${token.name}"…`, cancellable: true },
      (_progress, cancellation) => services.session.client().deleteToken(token.id, { signal: abortSignalOf(cancellation) }),
    );
  } catch (error) {
    const alreadyGone = (error instanceof VercelApiError && error.status === 404) || (await goneAfterUnknownOutcome(services, token.id, error));
    if (!alreadyGone) {
      await reportError(services, `Token "${token.name}" was not deleted`, error);
      return false;
    }
    services.log.info(`Token ${token.id} was already gone on Vercel`);
  }
  const profile = services.session.profile;
  if (profile) await services.store.deleteTokenValues(profile.userId, [token.id]);
  services.model.removeDeleted(token.id);
  if (isCurrent) {
    await services.session.signOut();
    void vscode.window.showInformationMessage(`Deleted "${token.name}", the token this extension signed in with. You are signed out.`);
  } else {
    // The user confirmed in a modal and the row is gone: a passing word in the status bar is enough,
    // and unlike a notification it holds nothing in the extension host until someone closes it.
    vscode.window.setStatusBarMessage(`$(trash) Deleted token "${token.name}"`, 5000);
  }
  return true;
}

/** A DELETE whose answer was lost may still have happened: the list tells. */
async function goneAfterUnknownOutcome(services: Services, tokenId: string, error: unknown): Promise<boolean> {
  if (!isVercelError(error) || !error.outcomeUnknown) return false;
  try {
    const tokens = await services.session.client().listTokens();
    return !tokens.some((candidate) => candidate.id === tokenId);
  } catch {
    return false;
  }
}
