import { afterEach, test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  displayLanguage,
  formatDateTime,
  formatDateTimeAndRelative,
  formatMonthYear,
  formatRelative,
  isSingular,
  setDisplayLanguage,
} from '../../../src/domain/format';
import { DAY, HOUR, local, LocalTime, MINUTE, TIME_ZONES, withTimeZone } from './timeZone';

describe('formatDateTime', () => {
  const cases: [LocalTime, string][] = [
    [[2026, 12, 4, 23, 27], 'Fri, Dec 4, 2026, 23:27'],
    [[2027, 1, 2, 5, 7], 'Sat, Jan 2, 2027, 05:07'],
    [[2028, 2, 29, 0, 0], 'Tue, Feb 29, 2028, 00:00'],
    [[2026, 6, 15, 12, 0, 59, 999], 'Mon, Jun 15, 2026, 12:00'],
  ];
  for (const timeZone of TIME_ZONES) {
    for (const [time, expected] of cases) {
      test(`${expected} in ${timeZone}`, () => {
        assert.equal(withTimeZone(timeZone, () => formatDateTime(local(time))), expected);
      });
    }
  }

  test('renders the same instant in local time', () => {
    assert.equal(withTimeZone('UTC', () => formatDateTime(0)), 'Thu, Jan 1, 1970, 00:00');
    assert.equal(withTimeZone('Asia/Kolkata', () => formatDateTime(0)), 'Thu, Jan 1, 1970, 05:30');
    assert.equal(withTimeZone('America/Los_Angeles', () => formatDateTime(0)), 'Wed, Dec 31, 1969, 16:00');
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

describe('the display language', () => {
  // Every test here leaves English behind, whatever it set; the next one checks that it did.
  afterEach(() => setDisplayLanguage('en'));

  test('is English by default', () => {
    assert.equal(displayLanguage(), 'en');
    assert.equal(withTimeZone('UTC', () => formatDateTime(0)), 'Thu, Jan 1, 1970, 00:00');
  });

  test('German: weekday and month words, 24-hour time', () => {
    setDisplayLanguage('de');
    assert.equal(displayLanguage(), 'de');
    withTimeZone('Europe/Berlin', () => {
      assert.equal(formatDateTime(local([2026, 12, 4, 23, 27])), 'Fr., 4. Dez. 2026, 23:27');
      assert.equal(formatDateTime(local([2027, 3, 2, 5, 7])), 'Di., 2. März 2027, 05:07');
      assert.equal(formatMonthYear(2027, 2), 'Februar 2027');
    });
  });

  test('German: relative times', () => {
    setDisplayLanguage('de');
    withTimeZone('Europe/Berlin', () => {
      const now = local([2026, 6, 15, 12, 0]);
      assert.equal(formatRelative(local([2026, 6, 18, 12, 0]), now), 'in 3 Tagen');
      assert.equal(formatRelative(now - 2 * HOUR, now), 'vor 2 Stunden');
      assert.equal(formatRelative(local([2026, 6, 16, 12, 0]), now), 'in 1 Tag');
      assert.equal(formatRelative(local([2028, 6, 15, 12, 0]), now), 'in 2 Jahren');
      assert.equal(formatDateTimeAndRelative(local([2026, 6, 18, 12, 0]), now), 'Do., 18. Juni 2026, 12:00 (in 3 Tagen)');
    });
  });

  test('plural forms follow the language', () => {
    assert.equal(isSingular(1), true);
    assert.equal(isSingular(0), false);
    setDisplayLanguage('fr');
    // French uses the singular for zero as well.
    assert.equal(isSingular(0), true);
  });

  test('an English region keeps its own order', () => {
    setDisplayLanguage('en-GB');
    assert.equal(withTimeZone('UTC', () => formatDateTime(0)), 'Thu, 1 Jan 1970, 00:00');
  });

  test('an invalid or unknown tag falls back to English without throwing', () => {
    for (const tag of ['', 'not a tag!', 'x', 'zz-ZZ-invalid-', 'qqq']) {
      setDisplayLanguage('de');
      assert.doesNotThrow(() => setDisplayLanguage(tag));
      assert.equal(displayLanguage(), 'en', JSON.stringify(tag));
      assert.equal(withTimeZone('UTC', () => formatDateTime(0)), 'Thu, Jan 1, 1970, 00:00');
      assert.equal(formatRelative(3 * DAY, 0), 'in 3 days');
    }
  });

  test('was restored to English after the tests above', () => {
    assert.equal(displayLanguage(), 'en');
    assert.equal(formatRelative(-2 * HOUR, 0), '2 hours ago');
  });
});
