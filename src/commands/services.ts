// What every command needs, and the few helpers they share.
import vscode = require('vscode');
import { VercelApiError } from '../api/errors';
import type { AuthToken } from '../api/types';
import { describeError } from '../errorMessages';
import type { Logger } from '../log';
import type { SecretStore } from '../secretStore';
import type { Session } from '../session';
import { describeStatus } from '../domain/tokenStatus';
import type { TokenModel } from '../views/tokenModel';
import type { Node, TokenTreeProvider } from '../views/tokenTreeProvider';

export interface Services {
  session: Session;
  store: SecretStore;
  model: TokenModel;
  provider: TokenTreeProvider;
  treeView: vscode.TreeView<Node>;
  log: Logger;
}

export const SIGN_IN = 'Sign In';

/** Shows a failure; an account token Vercel no longer accepts signs the extension out. */
export async function reportError(services: Services, action: string, error: unknown): Promise<void> {
  services.log.error(action, error);
  if (error instanceof VercelApiError && error.invalidToken) return signOutInvalidToken(services);
  void vscode.window.showErrorMessage(`${action}: ${describeError(error)}`);
}

export async function signOutInvalidToken(services: Services): Promise<void> {
  if (!services.session.signedIn) return;
  await services.session.signOut();
  const choice = await vscode.window.showWarningMessage(
    'Vercel no longer accepts the token this extension signed in with (invalid, expired or revoked). You have been signed out.',
    SIGN_IN,
  );
  if (choice === SIGN_IN) await vscode.commands.executeCommand('vercelTokens.signIn');
}

/** True when signed in; otherwise says so and offers Sign In. */
export async function requireSignIn(services: Services): Promise<boolean> {
  await services.session.restore();
  if (services.session.signedIn) return true;
  const choice = await vscode.window.showInformationMessage('Sign in to Vercel first.', SIGN_IN);
  if (choice === SIGN_IN) await vscode.commands.executeCommand('vercelTokens.signIn');
  return false;
}

/**
 * The token a command acts on: the tree item it was run on, a token id passed by a keybinding or
 * test, or, from the palette, the user's pick among the tokens `include` accepts.
 */
export async function resolveToken(
  services: Services,
  argument: unknown,
  placeHolder: string,
  include: (token: AuthToken) => boolean = () => true,
): Promise<AuthToken | undefined> {
  if (!(await requireSignIn(services))) return undefined;
  const id = tokenIdOf(argument);
  if (id) {
    if (!services.model.token(id)) await services.model.refresh();
    const token = services.model.token(id);
    if (!token) {
      const error = services.model.error;
      void vscode.window.showErrorMessage(error ? loadFailure(error) : `No token with id ${id} in this account.`);
    }
    return token;
  }
  if (services.model.state !== 'ready') await services.model.refresh();
  const candidates = services.model.tokens.filter(include);
  if (candidates.length === 0) {
    // A list that failed to load is not an empty list.
    const error = services.model.error;
    if (error) void vscode.window.showErrorMessage(loadFailure(error));
    else void vscode.window.showInformationMessage('There is no token to choose from.');
    return undefined;
  }
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    candidates.map((token) => ({ label: token.name || '(unnamed)', description: describeStatus(token, now), detail: token.id, token })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.token;
}

function loadFailure(error: string): string {
  return `Could not load the tokens: ${error}`;
}

function tokenIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument) return argument;
  if (argument && typeof argument === 'object' && 'tokenId' in argument) {
    const id = (argument as { tokenId: unknown }).tokenId;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

/** Bridges VS Code's cancellation (a progress notification's Cancel) to the client's AbortSignal. */
export function abortSignalOf(cancellation: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (cancellation.isCancellationRequested) controller.abort();
  cancellation.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
