// "Vercel: Open Leak Location": where Vercel found a leaked token.
import vscode = require('vscode');
import { resolveToken, type Services } from './services';

export async function openLeakLocation(services: Services, argument?: unknown): Promise<boolean> {
  const token = await resolveToken(services, argument, 'Open the leak location of which token?', (candidate) =>
    Boolean(candidate.leakedUrl),
  );
  if (!token?.leakedUrl) return false;
  const uri = parseWebLink(token.leakedUrl);
  if (!uri) {
    void vscode.window.showErrorMessage(`The leak location of "${token.name}" is not a web link.`);
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
