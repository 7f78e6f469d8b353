// Pure computations timed in the bench's own Node process (no VS Code involved): what the
// extension computes over a whole account on every list.
import { performance } from 'node:perf_hooks';
import type { AuthToken } from '../../src/api/types';
import { attentionOf } from '../../src/domain/attention';
import { sampled, type Row } from './report';

const DAY = 24 * 60 * 60 * 1000;

/** 10,000 tokens in a realistic mix: most active, some expiring soon, leaked, revoked, expired. */
function manyTokens(count: number, now: number): AuthToken[] {
  return Array.from({ length: count }, (_, i): AuthToken => {
    const token: AuthToken = { id: `tok_${i}`, name: `token ${i}`, type: 'token', createdAt: now - (i + 1) * 60_000, activeAt: now };
    if (i % 3 === 0) token.expiresAt = now + ((i % 60) - 5) * DAY;
    if (i % 97 === 0) token.leakedAt = now - DAY;
    if (i % 89 === 0) token.revokedAt = now - DAY;
    return token;
  });
}

export function domainRows(quick: boolean): Row[] {
  const now = Date.now();
  const tokens = manyTokens(10_000, now);
  const samples: number[] = [];
  let found = 0;
  // Warm-up runs first: the extension computes this on every list, so it runs optimised.
  for (let run = 0; run < (quick ? 25 : 105); run++) {
    const started = performance.now();
    found = attentionOf(tokens, now, 7).length;
    if (run >= 5) samples.push(performance.now() - started);
  }
  return [
    sampled('attention.10000', 'Tokens that need attention, computed over 10,000 tokens', 'ms', samples, { op: '<=', value: 5 }, `${found} of 10,000 need attention`),
  ];
}
