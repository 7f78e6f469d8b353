// "Vercel: Sign In with Access Token": a masked box, the token checked against the API, and only
// then stored. A rejected token is never stored.
import vscode = require('vscode');
import { normalizeAccountToken } from '../domain/validation';
import { describeError } from '../errorMessages';
import { SignInError } from '../session';
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
    void vscode.window.showInformationMessage(`Signed in to Vercel as ${user.username}.`);
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
function signInWithBox(services: Services): Promise<boolean> {
  const box = vscode.window.createInputBox();
  box.title = 'Sign In to Vercel';
  box.password = true;
  box.ignoreFocusOut = true;
  box.placeholder = 'Vercel access token';
  box.prompt = `Paste a Vercel access token with "Full Account" scope (only those can create tokens). Create one at ${TOKENS_PAGE}.`;
  const error = (message: string) => ({ message, severity: vscode.InputBoxValidationSeverity.Error });
  let checking: AbortController | undefined;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (signedIn: boolean) => {
      if (settled) return;
      settled = true;
      checking?.abort();
      for (const disposable of disposables) disposable.dispose();
      box.dispose();
      resolve(signedIn);
    };
    const disposables = [
      box.onDidChangeValue((value) => {
        // An empty box keeps its message: it is how a rejection is shown after the value is cleared.
        if (!value) return;
        const result = normalizeAccountToken(value);
        box.validationMessage = result.ok ? undefined : error(result.message);
      }),
      box.onDidAccept(async () => {
        if (checking) return;
        const normalized = normalizeAccountToken(box.value);
        if (!normalized.ok) {
          box.validationMessage = error(normalized.message);
          return;
        }
        checking = new AbortController();
        box.busy = true;
        box.enabled = false;
        box.validationMessage = { message: 'Checking the token with Vercel…', severity: vscode.InputBoxValidationSeverity.Info };
        try {
          const { user } = await services.session.signIn(normalized.token, checking.signal);
          checking = undefined;
          void vscode.window.showInformationMessage(`Signed in to Vercel as ${user.username}.`);
          finish(true);
        } catch (failure) {
          checking = undefined;
          if (settled) return;
          services.log.error('Sign in failed', failure);
          box.busy = false;
          box.enabled = true;
          box.value = '';
          box.validationMessage = error(`Not signed in: ${signInFailure(failure)}`);
        }
      }),
      box.onDidHide(() => finish(false)),
    ];
    box.show();
  });
}

function signInFailure(error: unknown): string {
  return error instanceof SignInError ? error.message : describeError(error);
}
