// "Vercel: Sign In with Access Token": a masked box, the token checked against the API, and only
// then stored. A rejected token is never stored.
import * as vscode from 'vscode';
import { normalizeAccountToken } from '../domain/validation';
import { describeError } from '../errorMessages';
import { SignInError } from '../session';
import { askText } from './inputSteps';
import type { Services } from './services';

const TRY_AGAIN = 'Try Again';
const TOKENS_PAGE = 'https://vercel.com/account/settings/tokens';

/** With a token argument (tests, automation) the box is skipped. Resolves true when signed in. */
export async function signIn(services: Services, tokenArgument?: unknown): Promise<boolean> {
  const raw =
    typeof tokenArgument === 'string'
      ? tokenArgument
      : await askText({
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
        });
  if (typeof raw !== 'string') return false;
  const normalized = normalizeAccountToken(raw);
  if (!normalized.ok) {
    void vscode.window.showErrorMessage(`Not signed in: ${normalized.message}`);
    return false;
  }
  try {
    const { user } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking the token with Vercel…', cancellable: true },
      (_progress, cancellation) => {
        const controller = new AbortController();
        cancellation.onCancellationRequested(() => controller.abort());
        return services.session.signIn(normalized.token, controller.signal);
      },
    );
    void vscode.window.showInformationMessage(`Signed in to Vercel as ${user.username}.`);
    return true;
  } catch (error) {
    services.log.error('Sign in failed', error);
    const message = error instanceof SignInError ? error.message : describeError(error);
    const choice = await vscode.window.showErrorMessage(`Not signed in: ${message}`, TRY_AGAIN);
    if (choice === TRY_AGAIN) return signIn(services);
    return false;
  }
}
