// "Vercel: Copy Token Value": the stored value to the clipboard, on explicit request only; cleared
// from it after the configured time.
import vscode = require('vscode');
import { inert, inertLabel } from '../domain/inertText';
import { resolveToken, type Services, type TokenTarget } from './services';

export async function copyToken(services: Services, target: TokenTarget = {}): Promise<boolean> {
  const resolved = await resolveToken(services, target, 'Copy the value of which token?', (list, candidate) => list.isValueStored(candidate.id));
  if (!resolved) return false;
  const { token } = resolved;
  const { value, error } = await services.keychain.readTokenValue(token.id);
  if (error) {
    void vscode.window.showErrorMessage(
      `Could not read the value of "${inert(token.name)}" from the keychain (${error}). It is still stored; try again.`,
    );
    return false;
  }
  if (!value) {
    void vscode.window.showErrorMessage(
      `No value of "${inert(token.name)}" is stored in VS Code. Vercel shows a value only once, when the token is created.`,
    );
    return false;
  }
  await services.clipboard.copySecret(value, `the value of "${inertLabel(token.name)}"`);
  return true;
}
