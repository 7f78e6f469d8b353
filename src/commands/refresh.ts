// "Vercel: Refresh Tokens".
import vscode = require('vscode');
import type { Services } from './services';
import { requireSignIn } from './services';

export async function refresh(services: Services): Promise<void> {
  if (!(await requireSignIn(services))) return;
  await vscode.window.withProgress({ location: { viewId: 'vercelTokens.tokens' } }, () => services.model.refresh());
  if (services.model.error) void vscode.window.showErrorMessage(`Could not refresh the tokens: ${services.model.error}`);
}
