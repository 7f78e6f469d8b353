// One place that turns any failure into a sentence a user can act on. Never includes a token value.
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
  if (error.invalidToken) return 'Vercel rejected the account token: it is invalid, expired or revoked. Sign in again.';
  if (error.saml) {
    return `This team requires SAML single sign-on: ${own} Log in to the team on vercel.com (Vercel's SAML login), then try again.`;
  }
  if (error.status === 403 && /only user authentication tokens|authenticated to scope/i.test(error.message)) {
    return `${own} Creating tokens needs a full-account personal token: sign in with one created at vercel.com/account/settings/tokens with scope "Full Account".`;
  }
  if (error.status === 429) {
    const wait = error.retryAfterMs !== undefined ? ` Try again in ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s.` : '';
    return `Vercel's rate limit was reached.${wait}`;
  }
  if (error.outcomeUnknown) {
    // Any server error to a create or delete may come after the server carried it out.
    const failed = error.status === 502 || error.status === 504 ? "Vercel's gateway failed" : 'Vercel had a server error';
    return `${failed} (HTTP ${error.status}): ${own} The request may or may not have been carried out; refresh before trying again.`;
  }
  if (error.status >= 500) return `Vercel had a server error (HTTP ${error.status}): ${own} Nothing was changed; try again later.`;
  return `Vercel refused the request (HTTP ${error.status}): ${own}`;
}
