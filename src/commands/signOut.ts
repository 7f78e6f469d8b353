// "Vercel: Sign Out": forgets the account token in VS Code. It is not revoked on Vercel.
import vscode = require('vscode');
import type { Services } from './services';

export async function signOut(services: Services): Promise<void> {
  if (!services.session.signedIn) return;
  await services.session.signOut();
  void vscode.window.showInformationMessage(
    'Signed out of Vercel. The account token still works on Vercel; delete it there if you no longer need it.',
  );
}
