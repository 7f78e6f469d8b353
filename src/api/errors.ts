// Typed errors of the Vercel client. Messages are safe to show: they never contain a token value.
import * as l10n from '@vscode/l10n';

export type VercelErrorKind =
  | 'http' // the API answered with an error status
  | 'network' // no answer: refused, reset, DNS
  | 'timeout' // no complete answer in time
  | 'cancelled' // the user cancelled
  | 'malformed' // the API answered 2xx with a body we cannot use
  | 'redirect' // the API answered 3xx, which is never followed
  | 'tooLarge'; // the answer was bigger than the client accepts

export abstract class VercelError extends Error {
  abstract readonly kind: VercelErrorKind;
  /**
   * Whether the server may have acted on the request. A create whose outcome is unknown must
   * never be retried blindly: the caller checks the token list instead.
   */
  abstract readonly outcomeUnknown: boolean;
}

export interface ApiErrorDetails {
  status: number;
  code?: string;
  message?: string;
  invalidToken?: boolean;
  saml?: boolean;
  teamId?: string;
  /** `error.limit.resetMs` of a 429: when the limit resets, ms since the epoch. */
  rateLimitResetAt?: number;
  /** How long to wait before trying again, from `Retry-After` or `rateLimitResetAt`. */
  retryAfterMs?: number;
  /** The request could change something (not a GET): only then can its outcome be unknown. */
  mutation?: boolean;
}

export class VercelApiError extends VercelError {
  readonly kind = 'http';
  readonly outcomeUnknown: boolean;
  readonly status: number;
  readonly code: string | undefined;
  /** The account token is invalid, expired or revoked: the user must sign in again. */
  readonly invalidToken: boolean;
  readonly saml: boolean;
  readonly teamId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails) {
    super(details.message || l10n.t('Vercel answered with HTTP {0}', details.status));
    this.name = 'VercelApiError';
    this.status = details.status;
    this.code = details.code;
    this.invalidToken = details.invalidToken === true;
    this.saml = details.saml === true;
    this.teamId = details.teamId;
    this.retryAfterMs = details.retryAfterMs;
    // A server error to a create or delete proves nothing: the server may have acted before it failed.
    this.outcomeUnknown = details.mutation === true && details.status >= 500;
  }

  get isRateLimited(): boolean {
    return this.status === 429;
  }
}

export class VercelNetworkError extends VercelError {
  readonly kind = 'network';
  constructor(
    message: string,
    readonly outcomeUnknown: boolean,
  ) {
    super(message);
    this.name = 'VercelNetworkError';
  }
}

export class VercelTimeoutError extends VercelError {
  readonly kind = 'timeout';
  readonly outcomeUnknown = true;
  constructor(readonly timeoutMs: number) {
    super(describeTimeout(timeoutMs));
    this.name = 'VercelTimeoutError';
  }
}

export class VercelCancelledError extends VercelError {
  readonly kind = 'cancelled';
  /** @param outcomeUnknown true once a create or delete had been sent: the server may have acted on it. */
  constructor(readonly outcomeUnknown: boolean) {
    super(l10n.t('The request was cancelled.'));
    this.name = 'VercelCancelledError';
  }
}

export class VercelRedirectError extends VercelError {
  readonly kind = 'redirect';
  // The server answered instead of acting, and nothing was sent on to where it pointed.
  readonly outcomeUnknown = false;
  /** `targetHost`: host and port of the Location, or undefined when it names no http(s) address. */
  constructor(
    readonly status: number,
    readonly targetHost: string | undefined,
  ) {
    super(
      targetHost
        ? l10n.t("Vercel's API answered with a redirect to {0}; redirects are not followed, so your token was not sent there.", targetHost)
        : status === 0
          ? // A browser's fetch hides a redirect it was told not to follow: no status, no address.
            l10n.t("Vercel's API answered with a redirect, which the browser does not show; redirects are not followed, so your token was not sent anywhere else.")
          : l10n.t(
            "Vercel's API answered with a redirect (HTTP {0}) to no usable address; redirects are not followed, so your token was not sent anywhere else.",
            status,
          ),
    );
    this.name = 'VercelRedirectError';
  }
}

export class VercelResponseTooLargeError extends VercelError {
  readonly kind = 'tooLarge';
  /** `outcomeUnknown`: a create or delete whose answer was not a refusal, so it may have been done. */
  constructor(
    readonly limitBytes: number,
    readonly outcomeUnknown: boolean,
  ) {
    super(l10n.t('Vercel sent more than {0}; the answer was refused.', formatBytes(limitBytes)));
    this.name = 'VercelResponseTooLargeError';
  }
}

export class VercelMalformedResponseError extends VercelError {
  readonly kind = 'malformed';
  readonly outcomeUnknown = true;
  constructor(what: string) {
    super(l10n.t('Vercel sent a response this extension cannot read: {0}.', what));
    this.name = 'VercelMalformedResponseError';
  }
}

export function isVercelError(error: unknown): error is VercelError {
  return error instanceof VercelError;
}

function describeTimeout(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  // A unit symbol, not a word: the client sits below the domain's plural rules.
  return l10n.t('Vercel did not answer within {0} s.', seconds);
}

function formatBytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return l10n.t('{0} MB', Math.round(megabytes * 10) / 10);
  const kilobytes = bytes / 1024;
  if (kilobytes >= 1) return l10n.t('{0} KB', Math.round(kilobytes * 10) / 10);
  return l10n.t('{0} B', bytes);
}
