// "Vercel: Copy Token ID".
import vscode = require('vscode');
import { resolveToken, type Services } from './services';

export async function copyTokenId(services: Services, argument?: unknown): Promise<boolean> {
  const token = await resolveToken(services, argument, 'Copy the ID of which token?');
  if (!token) return false;
  await vscode.env.clipboard.writeText(token.id);
  vscode.window.setStatusBarMessage(`$(check) Copied the ID of "${token.name}"`, 4000);
  return true;
}
