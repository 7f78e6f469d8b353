// Which tokens need the user's attention before something breaks: expiring within the warning
// window, leaked, or revoked while still there. Expired tokens are clean-up, not alerts.
import type { AuthToken } from '../api/types';
import { DAY_MS } from './calendar';
import { tokenStatus } from './tokenStatus';

export type AttentionReason = 'expiresSoon' | 'leaked' | 'revoked';

export interface Attention {
  tokenId: string;
  reason: AttentionReason;
}

type TokenDates = Pick<AuthToken, 'id' | 'expiresAt' | 'revokedAt' | 'leakedAt'>;

/** Why this token needs attention now, if it does; `warningDays` 0 turns alerts off. */
export function attentionReason(token: TokenDates, now: number, warningDays: number): AttentionReason | undefined {
  if (!(warningDays > 0)) return undefined;
  switch (tokenStatus(token, now)) {
    case 'leaked':
      return 'leaked';
    case 'revoked':
      return 'revoked';
    case 'expired':
      return undefined;
    case 'active':
      return token.expiresAt != null && token.expiresAt - now <= warningDays * DAY_MS ? 'expiresSoon' : undefined;
  }
}

/** Every token that needs attention, in the order given. */
export function attentionOf(tokens: readonly TokenDates[], now: number, warningDays: number): Attention[] {
  const found: Attention[] = [];
  for (const token of tokens) {
    const reason = attentionReason(token, now, warningDays);
    if (reason) found.push({ tokenId: token.id, reason });
  }
  return found;
}

/** What is remembered so the same token in the same state is never announced twice: id and state, never a value. */
export function attentionKey({ tokenId, reason }: Attention): string {
  return `${tokenId}:${reason}`;
}

/** The ones not announced before (in the same state). */
export function newlyNeedingAttention(current: readonly Attention[], announced: ReadonlySet<string>): Attention[] {
  return current.filter((attention) => !announced.has(attentionKey(attention)));
}
