// "Vercel: Open Leak Location": where Vercel found a leaked token.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { inert } from '../domain/inertText';
import { resolveToken, type Services, type TokenTarget } from './services';

export async function openLeakLocation(services: Services, target: TokenTarget = {}): Promise<boolean> {
  const resolved = await resolveToken(services, target, l10n.t('Open the leak location of which token?'), (_list, candidate) =>
    Boolean(candidate.leakedUrl),
  );
  const token = resolved?.token;
  if (!token?.leakedUrl) return false;
  const uri = parseWebLink(token.leakedUrl);
  if (!uri) {
    void vscode.window.showErrorMessage(l10n.t('The leak location of "{0}" is not a web link.', inert(token.name)));
    return false;
  }
  return vscode.env.openExternal(uri);
}

/** Only web links: the URL comes from the API and must not open a local file or run a command. */
function parseWebLink(text: string): vscode.Uri | undefined {
  try {
    const uri = vscode.Uri.parse(text, true);
    return uri.scheme === 'https' || uri.scheme === 'http' ? uri : undefined;
  } catch {
    return undefined;
  }
}
