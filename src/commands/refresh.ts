// "Vercel: Refresh Tokens": every signed-in account's list.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { inert } from '../domain/inertText';
import { requireSignIn, type Services } from './services';

export async function refresh(services: Services): Promise<void> {
  if (!(await requireSignIn(services))) return;
  const accounts = services.accounts.all;
  const lists = accounts.flatMap((account) => services.lists.get(account.userId) ?? []);
  await vscode.window.withProgress({ location: { viewId: 'vercelTokens.tokens' } }, () => Promise.all(lists.map((list) => list.refresh())));
  for (const list of lists) {
    if (!list.error) continue;
    void vscode.window.showErrorMessage(
      accounts.length > 1
        ? l10n.t('Could not refresh the tokens of {0}: {1}', inert(services.accounts.get(list.userId)?.username ?? list.userId), list.error)
        : l10n.t('Could not refresh the tokens: {0}', list.error),
    );
  }
}
