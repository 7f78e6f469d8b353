// "Vercel: Copy Token ID".
import vscode = require('vscode');
import { l10n } from 'vscode';
import { inertLabel } from '../domain/inertText';
import { resolveToken, type Services, type TokenTarget } from './services';

export async function copyTokenId(services: Services, target: TokenTarget = {}): Promise<boolean> {
  const resolved = await resolveToken(services, target, l10n.t('Copy the ID of which token?'));
  if (!resolved) return false;
  await vscode.env.clipboard.writeText(resolved.token.id);
  vscode.window.setStatusBarMessage(l10n.t('$(check) Copied the ID of "{0}"', inertLabel(resolved.token.name)), 4000);
  return true;
}
