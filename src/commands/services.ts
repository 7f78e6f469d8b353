// What every command needs, and how a command's argument becomes what it acts on.
//
// Any extension can run any command with any arguments. So a command acts directly only on a node
// of this extension's own tree (checked by identity, not by shape); a token id string only
// pre-selects the picker, which is still shown; anything else counts as no argument. Tests reach
// the trusted forms (a token to sign in with, create input, a confirmed delete) only through the
// test API that activate() returns in ExtensionMode.Test.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { VercelApiError } from '../api/errors';
import type { AuthToken } from '../api/types';
import type { Accounts } from '../core/accounts';
import type { Alerts } from '../core/alerts';
import type { Rotation } from '../core/rotation';
import type { Keychain } from '../core/keychain';
import type { Places } from '../core/places';
import type { Git } from '../integrations/git';
import type { GitHubSecrets } from '../integrations/githubSecrets';
import type { TerminalEnvironment } from '../integrations/terminals';
import type { TokenList, TokenLists } from '../core/tokenList';
import type { TokenOperations } from '../core/tokens';
import { describeError } from '../errorMessages';
import type { Logger } from '../log';
import type { ClipboardGuard } from '../ui/clipboard';
import { pickAccount, pickToken } from '../ui/pickers';
import type { Node, TokenNode, TokenTreeProvider } from '../views/tokenTreeProvider';
import { inert } from '../domain/inertText';

export interface Services {
  accounts: Accounts;
  keychain: Keychain;
  lists: TokenLists;
  tokens: TokenOperations;
  rotation: Rotation;
  alerts: Alerts;
  provider: TokenTreeProvider;
  treeView: vscode.TreeView<Node>;
  log: Logger;
  clipboard: ClipboardGuard;
  /** Where the extension put each token's value (metadata only). */
  places: Places;
  git: Git;
  github: GitHubSecrets;
  terminals: TerminalEnvironment;
}

export const SIGN_IN = l10n.t('Sign In');

/** What a token command acts on. Only `node` and `trustedTokenId` skip the picker. */
export interface TokenTarget {
  node?: TokenNode;
  /** Puts this token first in the picker; the user still picks. */
  preselectTokenId?: string;
  /** From the test API only: act on this token without a picker. */
  trustedTokenId?: string;
}

/** The public form: an argument of a menu, keybinding or another extension. */
export function publicTokenTarget(services: Services, argument: unknown): TokenTarget {
  if (services.provider.owns(argument)) {
    if (argument.kind === 'token') return { node: argument };
    if (argument.kind === 'field' || argument.kind === 'place') return { node: services.provider.nodeFor(argument.userId, argument.tokenId) };
    return {};
  }
  return typeof argument === 'string' && argument ? { preselectTokenId: argument } : {};
}

/** The account a command was run on: only an account node of this tree counts. */
export function publicAccountTarget(services: Services, argument: unknown): string | undefined {
  return services.provider.owns(argument) && argument.kind === 'account' ? argument.userId : undefined;
}

/** Shows a failure; an account token Vercel no longer accepts signs that account out. */
export async function reportError(services: Services, userId: string, action: string, error: unknown): Promise<void> {
  services.log.error(action, error);
  if (error instanceof VercelApiError && error.invalidToken) return signOutInvalidToken(services, userId);
  void vscode.window.showErrorMessage(l10n.t('{0}: {1}', action, describeError(error)));
}

export async function signOutInvalidToken(services: Services, userId: string): Promise<void> {
  const account = services.accounts.get(userId);
  if (!account) return;
  // A keychain that cannot forget the token still gets the warning: the token no longer works.
  await services.accounts.signOut(userId);
  const choice = await vscode.window.showWarningMessage(
    services.accounts.signedIn
      ? l10n.t(
          'Vercel no longer accepts the token this extension signed in with of {0} (invalid, expired or revoked). You have been signed out of that account.',
          inert(account.username),
        )
      : l10n.t('Vercel no longer accepts the token this extension signed in with (invalid, expired or revoked). You have been signed out.'),
    SIGN_IN,
  );
  if (choice === SIGN_IN) await vscode.commands.executeCommand('vercelTokens.signIn');
}

/** True when signed in; otherwise says so and offers Sign In. */
export async function requireSignIn(services: Services): Promise<boolean> {
  await services.accounts.restore();
  if (services.accounts.signedIn) return true;
  const choice = await vscode.window.showInformationMessage(l10n.t('Sign in to Vercel first.'), SIGN_IN);
  if (choice === SIGN_IN) await vscode.commands.executeCommand('vercelTokens.signIn');
  return false;
}

/** The account to act for: the one given, the only one, or the user's pick (the one used last first). */
export async function resolveAccount(services: Services, userId: string | undefined, placeHolder: string): Promise<string | undefined> {
  if (userId && services.accounts.get(userId)) return userId;
  const accounts = services.accounts.all;
  if (accounts.length <= 1) return accounts[0]?.userId;
  return pickAccount(services.accounts, placeHolder);
}

export interface ResolvedToken {
  list: TokenList;
  token: AuthToken;
}

/**
 * The token a command acts on: the tree node it was run on, a token id from the test API, or,
 * from the palette, the user's pick among the tokens `include` accepts (of every account).
 */
export async function resolveToken(
  services: Services,
  target: TokenTarget,
  placeHolder: string,
  include: (list: TokenList, token: AuthToken) => boolean = () => true,
): Promise<ResolvedToken | undefined> {
  if (!(await requireSignIn(services))) return undefined;
  if (target.node) return findToken(services, target.node.tokenId, target.node.userId);
  if (target.trustedTokenId) return findToken(services, target.trustedTokenId);
  const lists = await loadedLists(services);
  const candidates = lists.flatMap((list) => list.tokens.filter((token) => include(list, token)).map((token) => ({ list, token })));
  if (candidates.length === 0) {
    // A list that failed to load is not an empty list.
    const error = lists.find((list) => list.error)?.error;
    if (error) void vscode.window.showErrorMessage(loadFailure(error));
    else void vscode.window.showInformationMessage(l10n.t('There is no token to choose from.'));
    return undefined;
  }
  return pickToken(services.accounts, candidates, placeHolder, target.preselectTokenId);
}

/** The lists of every signed-in account, each loaded (a list not ready is refreshed first). */
export async function loadedLists(services: Services): Promise<TokenList[]> {
  const lists = services.accounts.all.flatMap((account) => services.lists.get(account.userId) ?? []);
  await Promise.all(lists.filter((list) => list.state !== 'ready').map((list) => list.refresh()));
  return lists;
}

async function findToken(services: Services, tokenId: string, userId?: string): Promise<ResolvedToken | undefined> {
  const lists = userId ? [services.lists.get(userId)] : services.accounts.all.map((account) => services.lists.get(account.userId));
  const loaded = lists.filter((list): list is TokenList => list !== undefined);
  let list = loaded.find((candidate) => candidate.token(tokenId));
  if (!list) {
    await Promise.all(loaded.map((candidate) => candidate.refresh()));
    list = loaded.find((candidate) => candidate.token(tokenId));
  }
  const token = list?.token(tokenId);
  if (list && token) return { list, token };
  const error = loaded.find((candidate) => candidate.error)?.error;
  void vscode.window.showErrorMessage(error ? loadFailure(error) : l10n.t('No token with id {0} in this account.', inert(tokenId)));
  return undefined;
}

function loadFailure(error: string): string {
  return l10n.t('Could not load the tokens: {0}', error);
}

/**
 * The stored value of a token a command is about to use; undefined, after saying why, when the
 * keychain fails or holds none. `unreadable` is a sentence after that message (what this command
 * did not do); `missing` is the whole message when none is stored, given the token's name. The
 * messages never quote the value.
 */
export async function storedValueFor(
  services: Services,
  token: AuthToken,
  ends: { unreadable?: string; missing?: (name: string) => string } = {},
): Promise<string | undefined> {
  const { value, error } = await services.keychain.readTokenValue(token.id);
  if (value) return value;
  const name = inert(token.name);
  if (!error) {
    void vscode.window.showErrorMessage(ends.missing?.(name) ?? l10n.t('No value of "{0}" is stored in VS Code.', name));
    return undefined;
  }
  const message = l10n.t('Could not read the value of "{0}" from the keychain ({1}).', name, error);
  void vscode.window.showErrorMessage(ends.unreadable ? `${message} ${ends.unreadable}` : message);
  return undefined;
}

/** Bridges VS Code's cancellation (a progress notification's Cancel) to the client's AbortSignal. */
export function abortSignalOf(cancellation: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (cancellation.isCancellationRequested) controller.abort();
  cancellation.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
