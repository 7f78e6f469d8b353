// "Vercel: Copy Token Value": the stored value to the clipboard, on explicit request only; cleared
// from it after the configured time.
import { l10n } from 'vscode';
import { inertLabel } from '../domain/inertText';
import { resolveToken, storedValueFor, type Services, type TokenTarget } from './services';

export async function copyToken(services: Services, target: TokenTarget = {}): Promise<boolean> {
  const resolved = await resolveToken(services, target, l10n.t('Copy the value of which token?'), (list, candidate) => list.isValueStored(candidate.id));
  if (!resolved) return false;
  const { token } = resolved;
  const value = await storedValueFor(services, token, {
    unreadable: l10n.t('It is still stored; try again.'),
    missing: (name) => l10n.t('No value of "{0}" is stored in VS Code. Vercel shows a value only once, when the token is created.', name),
  });
  if (!value) return false;
  await services.clipboard.copySecret(value, inertLabel(token.name));
  return true;
}
