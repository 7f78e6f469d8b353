// "Vercel: Sign In with Access Token": a masked box, the token checked against the API, and only
// then stored. A rejected token is never stored.
import vscode = require('vscode');
import { normalizeAccountToken } from '../domain/validation';
import { describeError } from '../errorMessages';
import { SignInError } from '../session';
import { askText } from './inputSteps';
import { abortSignalOf, type Services } from './services';

const TRY_AGAIN = 'Try Again';
const TOKENS_PAGE = 'https://vercel.com/account/settings/tokens';

/** With a token argument (tests, automation) the box is skipped. Resolves true when signed in. */
export async function signIn(services: Services, tokenArgument?: unknown): Promise<boolean> {
  if (typeof tokenArgument !== 'string') return signInWithBox(services);
  const normalized = normalizeAccountToken(tokenArgument);
  if (!normalized.ok) {
    void vscode.window.showErrorMessage(`Not signed in: ${normalized.message}`);
    return false;
  }
  try {
    const { user } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking the token with Vercel…', cancellable: true },
      (_progress, cancellation) => services.session.signIn(normalized.token, abortSignalOf(cancellation)),
    );
    announceSignedIn(user.username);
    return true;
  } catch (error) {
    services.log.error('Sign in failed', error);
    const choice = await vscode.window.showErrorMessage(`Not signed in: ${signInFailure(error)}`, TRY_AGAIN);
    return choice === TRY_AGAIN ? signInWithBox(services) : false;
  }
}

/**
 * The masked box stays open while Vercel checks the token, and a rejection is shown in it, so the
 * user can paste another token without starting over. Closing the box cancels the check.
 */
async function signInWithBox(services: Services): Promise<boolean> {
  const accepted = await askText({
    title: 'Sign In to Vercel',
    step: 1,
    totalSteps: 1,
    value: '',
    password: true,
    placeholder: 'Vercel access token',
    prompt: `Paste a Vercel access token with "Full Account" scope (only those can create tokens). Create one at ${TOKENS_PAGE}.`,
    check: (value) => {
      const result = normalizeAccountToken(value);
      return result.ok ? {} : { error: result.message };
    },
    confirm: {
      busyMessage: 'Checking the token with Vercel…',
      run: async (value, signal) => {
        const normalized = normalizeAccountToken(value);
        if (!normalized.ok) return { problem: normalized.message };
        try {
          const { user } = await services.session.signIn(normalized.token, signal);
          announceSignedIn(user.username);
          return {};
        } catch (failure) {
          if (!signal.aborted) services.log.error('Sign in failed', failure);
          return { problem: `Not signed in: ${signInFailure(failure)}` };
        }
      },
    },
  });
  return typeof accepted === 'string';
}

function announceSignedIn(username: string): void {
  void vscode.window.showInformationMessage(`Signed in to Vercel as ${username}.`);
}

function signInFailure(error: unknown): string {
  return error instanceof SignInError ? error.message : describeError(error);
}
