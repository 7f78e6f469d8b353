import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthToken } from '../../../src/api/types';
import { describeStatus, tokenStatus, TokenStatus } from '../../../src/domain/tokenStatus';
import { attentionReason } from '../../../src/domain/attention';
import { DAY, HOUR, local, MINUTE, withTimeZone } from './timeZone';

const NOW = Date.UTC(2026, 5, 15, 12);

function token(dates: Partial<AuthToken>): AuthToken {
  return { id: 'tok_1', name: 'ci', type: 'token', createdAt: NOW - 30 * DAY, activeAt: NOW - DAY, ...dates };
}

const cases: { dates: Partial<AuthToken>; status: TokenStatus; text: string; soon: boolean }[] = [
  { dates: {}, status: 'active', text: 'no expiry', soon: false },
  { dates: { expiresAt: NOW + 400 * DAY }, status: 'active', text: 'expires in 400 days', soon: false },
  { dates: { expiresAt: NOW + 10 * DAY }, status: 'active', text: 'expires in 10 days', soon: false },
  { dates: { expiresAt: NOW + 7 * DAY + 1 }, status: 'active', text: 'expires in 7 days', soon: false },
  { dates: { expiresAt: NOW + 7 * DAY }, status: 'active', text: 'expires in 7 days', soon: true },
  { dates: { expiresAt: NOW + 3.5 * DAY }, status: 'active', text: 'expires in 3 days', soon: true },
  { dates: { expiresAt: NOW + 48 * HOUR }, status: 'active', text: 'expires in 2 days', soon: true },
  { dates: { expiresAt: NOW + 48 * HOUR - 1 }, status: 'active', text: 'expires in 47 hours', soon: true },
  { dates: { expiresAt: NOW + 25 * HOUR }, status: 'active', text: 'expires in 25 hours', soon: true },
  { dates: { expiresAt: NOW + 2 * HOUR - 1 }, status: 'active', text: 'expires in 1 hour', soon: true },
  { dates: { expiresAt: NOW + HOUR }, status: 'active', text: 'expires in 1 hour', soon: true },
  { dates: { expiresAt: NOW + 59 * MINUTE }, status: 'active', text: 'expires in 59 minutes', soon: true },
  { dates: { expiresAt: NOW + MINUTE }, status: 'active', text: 'expires in 1 minute', soon: true },
  { dates: { expiresAt: NOW + 59_000 }, status: 'active', text: 'expires in less than a minute', soon: true },
  { dates: { expiresAt: NOW + 1 }, status: 'active', text: 'expires in less than a minute', soon: true },
  { dates: { expiresAt: NOW }, status: 'expired', text: 'expired', soon: false },
  { dates: { expiresAt: NOW - 1 }, status: 'expired', text: 'expired', soon: false },
  { dates: { expiresAt: 0 }, status: 'expired', text: 'expired', soon: false },
  { dates: { revokedAt: NOW - DAY }, status: 'revoked', text: 'revoked', soon: false },
  { dates: { revokedAt: NOW - DAY, expiresAt: NOW + DAY }, status: 'revoked', text: 'revoked', soon: false },
  { dates: { revokedAt: NOW - DAY, expiresAt: NOW - HOUR }, status: 'revoked', text: 'revoked', soon: false },
  { dates: { leakedAt: NOW - DAY }, status: 'leaked', text: 'leaked', soon: false },
  { dates: { leakedAt: 0 }, status: 'leaked', text: 'leaked', soon: false },
  { dates: { leakedAt: NOW - DAY, revokedAt: NOW - HOUR, expiresAt: NOW - MINUTE }, status: 'leaked', text: 'leaked', soon: false },
  { dates: { leakedAt: NOW - DAY, expiresAt: NOW + DAY }, status: 'leaked', text: 'leaked', soon: false },
];

describe('token status', () => {
  for (const { dates, status, text, soon } of cases) {
    test(`${JSON.stringify(dates)} is ${text}`, () => {
      withTimeZone('UTC', () => {
        assert.equal(tokenStatus(token(dates), NOW), status);
        assert.equal(describeStatus(token(dates), NOW), text);
        assert.equal(attentionReason(token(dates), NOW, 7) === 'expiresSoon', soon);
      });
    });
  }

  test('days are calendar days: 7 days across a DST change is not "6 days"', () => {
    withTimeZone('America/New_York', () => {
      const now = local([2026, 3, 7, 12]);
      assert.equal(describeStatus({ expiresAt: local([2026, 3, 14, 12]) }, now), 'expires in 7 days');
      assert.equal(describeStatus({ expiresAt: local([2026, 3, 14, 11, 59]) }, now), 'expires in 6 days');
    });
  });
});
