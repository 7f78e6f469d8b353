import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attentionKey, attentionOf, attentionReason, newlyNeedingAttention } from '../../../src/domain/attention';
import { describeTokenScope, replacementExpiry, scopeOf } from '../../../src/domain/scope';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 11, 1, 12);

describe('attention', () => {
  test('expiring within the warning days, leaked or revoked need attention; expired and far-off ones do not', () => {
    assert.equal(attentionReason({ id: 'a', expiresAt: now + 3 * DAY }, now, 7), 'expiresSoon');
    assert.equal(attentionReason({ id: 'a', expiresAt: now + 7 * DAY }, now, 7), 'expiresSoon', 'the edge counts');
    assert.equal(attentionReason({ id: 'a', expiresAt: now + 7 * DAY + 1 }, now, 7), undefined);
    assert.equal(attentionReason({ id: 'a', expiresAt: now - 1 }, now, 7), undefined, 'expired is clean-up');
    assert.equal(attentionReason({ id: 'a' }, now, 7), undefined, 'no expiry');
    assert.equal(attentionReason({ id: 'a', leakedAt: now - DAY }, now, 7), 'leaked');
    assert.equal(attentionReason({ id: 'a', revokedAt: now - DAY }, now, 7), 'revoked');
    assert.equal(attentionReason({ id: 'a', leakedAt: now - DAY, revokedAt: now }, now, 7), 'leaked', 'leaked first');
  });

  test('0 warning days turns alerts off, leaks included', () => {
    assert.equal(attentionReason({ id: 'a', leakedAt: now }, now, 0), undefined);
    assert.equal(attentionReason({ id: 'a', expiresAt: now + DAY }, now, 0), undefined);
  });

  test('only what was not announced in the same state is new', () => {
    const current = attentionOf(
      [
        { id: 'a', expiresAt: now + DAY },
        { id: 'b', leakedAt: now },
        { id: 'c', expiresAt: now + 30 * DAY },
      ],
      now,
      7,
    );
    assert.deepEqual(current, [
      { tokenId: 'a', reason: 'expiresSoon' },
      { tokenId: 'b', reason: 'leaked' },
    ]);
    const announced = new Set([attentionKey({ tokenId: 'a', reason: 'expiresSoon' }), attentionKey({ tokenId: 'b', reason: 'expiresSoon' })]);
    assert.deepEqual(newlyNeedingAttention(current, announced), [{ tokenId: 'b', reason: 'leaked' }], 'a new state is new');
  });
});

describe('scope', () => {
  test('teamId and projectId on the token, or a team scope, are read leniently', () => {
    assert.deepEqual(scopeOf({}), { teamId: undefined, projectId: undefined });
    assert.deepEqual(scopeOf({ teamId: 'team_1', projectId: 'prj_1' }), { teamId: 'team_1', projectId: 'prj_1' });
    assert.deepEqual(scopeOf({ scopes: [{ type: 'user' }, { type: 'team', teamId: 'team_2' }] }), { teamId: 'team_2', projectId: undefined });
    assert.deepEqual(scopeOf({ scopes: [{ type: 'something-new' }] }), { teamId: undefined, projectId: undefined });
  });

  test('described as acme, acme › web, or nothing for full account; ids where names are unknown', () => {
    const teams = new Map([['team_1', 'acme']]);
    const projects = new Map([['prj_1', 'web']]);
    assert.equal(describeTokenScope({}, teams, projects), undefined);
    assert.equal(describeTokenScope({ teamId: 'team_1' }, teams, projects), 'acme');
    assert.equal(describeTokenScope({ teamId: 'team_1', projectId: 'prj_1' }, teams, projects), 'acme › web');
    assert.equal(describeTokenScope({ teamId: 'team_9', projectId: 'prj_9' }, teams, projects), 'team_9 › prj_9');
  });

  test("a replacement lives as long as the old token did, from now; never stays never", () => {
    assert.equal(replacementExpiry({ createdAt: now - 10 * DAY, expiresAt: now + 20 * DAY }, now), now + 30 * DAY);
    assert.equal(replacementExpiry({ createdAt: now - 10 * DAY }, now), undefined);
  });
});
