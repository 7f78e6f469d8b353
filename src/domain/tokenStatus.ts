import type { AuthToken } from '../api/types';
import { HOUR_MS, MINUTE_MS, startOfMinute, wholeLocalDaysBetween } from './calendar';
import * as l10n from '@vscode/l10n';
import { formatIn } from './format';

export type TokenStatus = 'leaked' | 'revoked' | 'expired' | 'active';

type TokenDates = Pick<AuthToken, 'expiresAt' | 'revokedAt' | 'leakedAt'>;

/** Precedence: leaked > revoked > expired > active. */
export function tokenStatus(token: TokenDates, now: number): TokenStatus {
  if (token.leakedAt != null) return 'leaked';
  if (token.revokedAt != null) return 'revoked';
  if (token.expiresAt != null && token.expiresAt <= now) return 'expired';
  return 'active';
}

/** `leaked`, `revoked`, `expired`, `no expiry`, or `expires in …` (minutes < 1 h, hours < 48 h, else days). */
export function describeStatus(token: TokenDates, exactNow: number): string {
  const status = tokenStatus(token, exactNow);
  if (status !== 'active') return describeInactive(status);
  if (token.expiresAt == null) return l10n.t('no expiry');
  const relative = expiryFromNow(token.expiresAt, exactNow);
  return relative === undefined ? l10n.t('expires in less than a minute') : expiresIn(relative);
}

/**
 * `in 3 days`: how far off an expiry is (minutes < 1 h, hours < 48 h, else days), for a caller that
 * writes its own whole sentence around it; undefined when less than a minute is left.
 */
export function expiryFromNow(expiresAt: number, exactNow: number): string | undefined {
  const now = startOfMinute(exactNow);
  const remaining = expiresAt - now;
  if (remaining < MINUTE_MS) return undefined;
  if (remaining < HOUR_MS) return formatIn(Math.floor(remaining / MINUTE_MS), 'minute');
  if (remaining < 48 * HOUR_MS) return formatIn(Math.floor(remaining / HOUR_MS), 'hour');
  return formatIn(wholeLocalDaysBetween(new Date(now), new Date(expiresAt)), 'day');
}

function expiresIn(relative: string): string {
  return l10n.t({ message: 'expires {0}', args: [relative], comment: ['{0} is a relative time in the same language, such as "in 3 days"'] });
}

function describeInactive(status: Exclude<TokenStatus, 'active'>): string {
  switch (status) {
    case 'leaked':
      return l10n.t('leaked');
    case 'revoked':
      return l10n.t('revoked');
    case 'expired':
      return l10n.t('expired');
  }
}

/** Expired or revoked: what the view filter hides and "Delete Expired and Revoked Tokens…" offers. */
export function isInactive(token: TokenDates, now: number): boolean {
  const status = tokenStatus(token, now);
  return status === 'expired' || status === 'revoked';
}
