// "Vercel: Sign Out": forgets one account in VS Code (its token is not revoked on Vercel). The
// other accounts are untouched; the account's stored values are kept unless the user asks.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { inert } from '../domain/inertText';
import { resolveAccount, type Services } from './services';
import { isSingular } from '../domain/format';

const FORGET_VALUES = l10n.t('Forget Stored Values');

export async function signOut(services: Services, request: { userId?: string } = {}): Promise<boolean> {
  await services.accounts.restore();
  const userId = await resolveAccount(services, request.userId, l10n.t('Sign out of which Vercel account?'));
  const account = userId ? services.accounts.get(userId) : undefined;
  if (!userId || !account) return false;
  const stored = (await services.keychain.storedTokenIds(userId)).size;
  const removed = await services.accounts.signOut(userId);
  if (!removed.stored) {
    void vscode.window.showErrorMessage(l10n.t('Not signed out of {0}: VS Code could not forget its token ({1}).', inert(account.username), removed.reason));
    return false;
  }
  const message = services.accounts.signedIn
    ? l10n.t('Signed out of Vercel as {0}. The account token still works on Vercel; delete it there if you no longer need it.', inert(account.username))
    : l10n.t('Signed out of Vercel. The account token still works on Vercel; delete it there if you no longer need it.');
  if (stored === 0) {
    void vscode.window.showInformationMessage(message);
    return true;
  }
  // Keeping is the default: a dismissed notification keeps the values, to copy after signing in again.
  void vscode.window
    .showInformationMessage(`${message} ${valuesStillStored(stored)}`, FORGET_VALUES)
    .then(async (choice) => {
      if (choice !== FORGET_VALUES) return;
      const forgotten = await services.tokens.forgetAccountValues(userId);
      vscode.window.setStatusBarMessage(
        isSingular(forgotten) ? l10n.t('$(trash) Forgot {0} stored token value', forgotten) : l10n.t('$(trash) Forgot {0} stored token values', forgotten),
        5000,
      );
    });
  return true;
}

function valuesStillStored(count: number): string {
  return isSingular(count)
    ? l10n.t('The value of {0} token of this account is still stored in VS Code.', count)
    : l10n.t('The values of {0} tokens of this account are still stored in VS Code.', count);
}
