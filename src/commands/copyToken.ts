// "Vercel: Copy Token Value": the stored value to the clipboard, on explicit request only.
import vscode = require('vscode');
import { resolveToken, type Services } from './services';

export async function copyToken(services: Services, argument?: unknown): Promise<boolean> {
  const token = await resolveToken(services, argument, 'Copy the value of which token?', (candidate) =>
    services.model.isValueStored(candidate.id),
  );
  if (!token) return false;
  const { value, error } = await services.store.readTokenValue(token.id);
  if (error) {
    void vscode.window.showErrorMessage(
      `Could not read the value of "${token.name}" from the keychain (${error}). It is still stored; try again.`,
    );
    return false;
  }
  if (!value) {
    void vscode.window.showErrorMessage(
      `No value of "${token.name}" is stored in VS Code. Vercel shows a value only once, when the token is created.`,
    );
    return false;
  }
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(`$(check) Copied the value of "${token.name}" to the clipboard`, 4000);
  return true;
}
