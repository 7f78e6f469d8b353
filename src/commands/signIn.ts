// "Vercel: Sign In with Access Token": a masked box, the token checked against the API, and only
// then stored. A rejected token is never stored. Signing in adds an account; a token of an
// account already signed in replaces that account's token.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { SignInError, type SignInOutcome } from '../core/accounts';
import { inert } from '../domain/inertText';
import { normalizeAccountToken } from '../domain/validation';
import { describeError } from '../errorMessages';
import { askText } from '../ui/inputSteps';
import { abortSignalOf, type Services } from './services';

const TRY_AGAIN = l10n.t('Try Again');
const TOKENS_PAGE = 'https://vercel.com/account/settings/tokens';

export interface SignInRequest {
  /** From the test API only: the box is skipped. */
  token?: string;
}

/** Resolves true when signed in. */
export async function signIn(services: Services, request: SignInRequest = {}): Promise<boolean> {
  if (typeof request.token !== 'string') return signInWithBox(services);
  const normalized = normalizeAccountToken(request.token);
  if (!normalized.ok) {
    void vscode.window.showErrorMessage(l10n.t('Not signed in: {0}', normalized.message));
    return false;
  }
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Checking the token with Vercel…'), cancellable: true },
      (_progress, cancellation) => services.accounts.signIn(normalized.token, abortSignalOf(cancellation)),
    );
    const problem = problemOf(outcome);
    if (problem) throw new SignInError(problem);
    announceSignedIn(outcome);
    return true;
  } catch (error) {
    services.log.error('Sign in failed', error);
    const choice = await vscode.window.showErrorMessage(l10n.t('Not signed in: {0}', signInFailure(error)), TRY_AGAIN);
    return choice === TRY_AGAIN ? signInWithBox(services) : false;
  }
}

/**
 * The masked box stays open while Vercel checks the token, and a rejection is shown in it, so the
 * user can paste another token without starting over. Closing the box cancels the check.
 */
async function signInWithBox(services: Services): Promise<boolean> {
  const accepted = await askText({
    title: l10n.t('Sign In to Vercel'),
    step: 1,
    totalSteps: 1,
    value: '',
    password: true,
    placeholder: l10n.t('Vercel access token'),
    prompt: l10n.t('Paste a Vercel access token with "Full Account" scope (only those can create tokens). Create one at {0}.', TOKENS_PAGE),
    check: (value) => {
      const result = normalizeAccountToken(value);
      return result.ok ? {} : { error: result.message };
    },
    confirm: {
      busyMessage: l10n.t('Checking the token with Vercel…'),
      run: async (value, signal) => {
        const normalized = normalizeAccountToken(value);
        if (!normalized.ok) return { problem: normalized.message };
        try {
          const outcome = await services.accounts.signIn(normalized.token, signal);
          const problem = problemOf(outcome);
          if (problem) return { problem: l10n.t('Not signed in: {0}', problem) };
          announceSignedIn(outcome);
          return {};
        } catch (failure) {
          if (!signal.aborted) services.log.error('Sign in failed', failure);
          return { problem: l10n.t('Not signed in: {0}', signInFailure(failure)) };
        }
      },
    },
  });
  return typeof accepted === 'string';
}

function problemOf(outcome: SignInOutcome): string | undefined {
  if (outcome.kind === 'rejected') return outcome.reason;
  if (outcome.kind === 'notStored') return l10n.t('The token is valid, but VS Code could not store it: {0}', outcome.reason);
  return undefined;
}

function announceSignedIn(outcome: SignInOutcome): void {
  if (outcome.kind !== 'signedIn') return;
  const username = inert(outcome.account.username);
  void vscode.window.showInformationMessage(
    outcome.replaced
      ? l10n.t('Signed in to Vercel as {0}. The new token replaces the one stored for this account.', username)
      : l10n.t('Signed in to Vercel as {0}.', username),
  );
}

function signInFailure(error: unknown): string {
  return error instanceof SignInError ? error.message : describeError(error);
}
