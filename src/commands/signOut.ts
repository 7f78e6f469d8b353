// "Vercel: Sign Out": forgets one account in VS Code (its token is not revoked on Vercel). The
// other accounts are untouched; the account's stored values are kept unless the user asks.
import vscode = require('vscode');
import { inert } from '../domain/inertText';
import { resolveAccount, type Services } from './services';

const FORGET_VALUES = 'Forget Stored Values';

export async function signOut(services: Services, request: { userId?: string } = {}): Promise<boolean> {
  await services.accounts.restore();
  const userId = await resolveAccount(services, request.userId, 'Sign out of which Vercel account?');
  const account = userId ? services.accounts.get(userId) : undefined;
  if (!userId || !account) return false;
  const stored = (await services.keychain.storedTokenIds(userId)).size;
  const removed = await services.accounts.signOut(userId);
  if (!removed.stored) {
    void vscode.window.showErrorMessage(`Not signed out of ${inert(account.username)}: VS Code could not forget its token (${removed.reason}).`);
    return false;
  }
  const whom = services.accounts.signedIn ? ` as ${inert(account.username)}` : '';
  const message = `Signed out of Vercel${whom}. The account token still works on Vercel; delete it there if you no longer need it.`;
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
      vscode.window.setStatusBarMessage(`$(trash) Forgot ${forgotten} stored token value${forgotten === 1 ? '' : 's'}`, 5000);
    });
  return true;
}

function valuesStillStored(count: number): string {
  return count === 1
    ? 'The value of 1 token of this account is still stored in VS Code.'
    : `The values of ${count} tokens of this account are still stored in VS Code.`;
}
