// One place that turns any failure into a sentence a user can act on. Never includes a token value.
import * as l10n from '@vscode/l10n';
import { VercelApiError, VercelError } from './api/errors';
import { inert } from './domain/inertText';

export function describeError(error: unknown): string {
  if (error instanceof VercelApiError) return describeApiError(error);
  if (error instanceof VercelError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

function describeApiError(error: VercelApiError): string {
  // Vercel's own words are shown inert, like every text from Vercel.
  const own = inert(error.message).replace(/\.?$/, '.');
  if (error.invalidToken) return l10n.t('Vercel rejected the account token: it is invalid, expired or revoked. Sign in again.');
  if (error.saml) {
    return l10n.t("This team requires SAML single sign-on: {0} Log in to the team on vercel.com (Vercel's SAML login), then try again.", own);
  }
  if (error.status === 403 && /only user authentication tokens|authenticated to scope/i.test(error.message)) {
    return l10n.t(
      '{0} Creating tokens needs a full-account personal token: sign in with one created at vercel.com/account/settings/tokens with scope "Full Account".',
      own,
    );
  }
  if (error.status === 429) {
    if (error.retryAfterMs === undefined) return l10n.t("Vercel's rate limit was reached.");
    return l10n.t("Vercel's rate limit was reached. Try again in {0} s.", Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  }
  if (error.outcomeUnknown) {
    // Any server error to a create or delete may come after the server carried it out.
    if (error.status === 502 || error.status === 504) {
      return l10n.t(
        "Vercel's gateway failed (HTTP {0}): {1} The request may or may not have been carried out; refresh before trying again.",
        error.status,
        own,
      );
    }
    return l10n.t(
      'Vercel had a server error (HTTP {0}): {1} The request may or may not have been carried out; refresh before trying again.',
      error.status,
      own,
    );
  }
  if (error.status >= 500) return l10n.t('Vercel had a server error (HTTP {0}): {1} Nothing was changed; try again later.', error.status, own);
  return l10n.t('Vercel refused the request (HTTP {0}): {1}', error.status, own);
}
