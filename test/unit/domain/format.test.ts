import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, formatRelative, pluralize } from '../../../src/domain/format';
import { DAY, HOUR, local, LocalTime, MINUTE, TIME_ZONES, withTimeZone } from './timeZone';

describe('formatDateTime', () => {
  const cases: [LocalTime, string][] = [
    [[2026, 12, 4, 23, 27], 'Fri, 4 Dec 2026, 23:27'],
    [[2027, 1, 2, 5, 7], 'Sat, 2 Jan 2027, 05:07'],
    [[2028, 2, 29, 0, 0], 'Tue, 29 Feb 2028, 00:00'],
    [[2026, 6, 15, 12, 0, 59, 999], 'Mon, 15 Jun 2026, 12:00'],
  ];
  for (const timeZone of TIME_ZONES) {
    for (const [time, expected] of cases) {
      test(`${expected} in ${timeZone}`, () => {
        assert.equal(withTimeZone(timeZone, () => formatDateTime(local(time))), expected);
      });
    }
  }

  test('renders the same instant in local time', () => {
    assert.equal(withTimeZone('UTC', () => formatDateTime(0)), 'Thu, 1 Jan 1970, 00:00');
    assert.equal(withTimeZone('Asia/Kolkata', () => formatDateTime(0)), 'Thu, 1 Jan 1970, 05:30');
    assert.equal(withTimeZone('America/Los_Angeles', () => formatDateTime(0)), 'Wed, 31 Dec 1969, 16:00');
  });

  test('does not print NaN for an invalid time', () => {
    assert.equal(formatDateTime(Number.NaN), 'an invalid date');
    assert.equal(formatDateTime(Number.POSITIVE_INFINITY), 'an invalid date');
  });
});

describe('formatRelative', () => {
  const NOW: LocalTime = [2026, 6, 15, 12, 0];
  const cases: [target: LocalTime | number, expected: string][] = [
    [0, 'just now'],
    [30_000, 'in less than a minute'],
    [MINUTE - 1, 'in less than a minute'],
    [-30_000, 'just now'],
    [MINUTE, 'in 1 minute'],
    [5 * MINUTE + 59_000, 'in 5 minutes'],
    [-(HOUR - 1), '59 minutes ago'],
    [-HOUR, '1 hour ago'],
    [-(2 * HOUR + 30 * MINUTE), '2 hours ago'],
    [DAY - MINUTE, 'in 23 hours'],
    [[2026, 6, 16, 12, 0], 'in 1 day'],
    [[2026, 6, 18, 12, 0], 'in 3 days'],
    [[2026, 6, 12, 12, 1], '2 days ago'],
    [[2026, 8, 13, 12, 0], 'in 59 days'],
    [[2026, 8, 15, 11, 59], 'in 60 days'],
    [[2026, 8, 15, 12, 0], 'in 2 months'],
    [[2026, 3, 15, 12, 0], '3 months ago'],
    [[2027, 6, 15, 11, 59], 'in 11 months'],
    [[2027, 6, 15, 12, 0], 'in 1 year'],
    [[2028, 6, 15, 12, 0], 'in 2 years'],
    [[2016, 6, 15, 12, 0], '10 years ago'],
  ];
  for (const timeZone of TIME_ZONES) {
    for (const [target, expected] of cases) {
      test(`${expected} in ${timeZone}`, () => {
        withTimeZone(timeZone, () => {
          const now = local(NOW);
          assert.equal(formatRelative(typeof target === 'number' ? now + target : local(target), now), expected);
        });
      });
    }
  }

  const calendarCases: [timeZone: string, from: LocalTime, to: LocalTime, expected: string][] = [
    // 167 hours across New York's spring-forward are still 7 calendar days.
    ['America/New_York', [2026, 3, 7, 12], [2026, 3, 14, 12], 'in 7 days'],
    ['America/New_York', [2026, 3, 7, 12], [2026, 3, 8, 11], 'in 22 hours'],
    // 24.5 hours across fall-back do not reach the same wall-clock time next day.
    ['America/New_York', [2026, 10, 31, 12], [2026, 11, 1, 11, 30], 'in 24 hours'],
    ['UTC', [2028, 2, 29, 10], [2029, 2, 28, 10], 'in 1 year'],
    ['UTC', [2026, 1, 31, 9], [2026, 2, 28, 9], 'in 28 days'],
    ['UTC', [2026, 1, 31, 9], [2026, 3, 31, 9], 'in 2 months'],
  ];
  for (const [timeZone, from, to, expected] of calendarCases) {
    test(`${from.join('-')} to ${to.join('-')} in ${timeZone} is ${expected}`, () => {
      assert.equal(withTimeZone(timeZone, () => formatRelative(local(to), local(from))), expected);
    });
  }

  test('non-finite input gives a readable phrase', () => {
    assert.equal(formatRelative(Number.NaN, 0), 'at an unknown time');
  });
});

test('pluralize', () => {
  assert.equal(pluralize(0, 'day'), '0 days');
  assert.equal(pluralize(1, 'day'), '1 day');
  assert.equal(pluralize(2, 'hour'), '2 hours');
});
