import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseExpiry } from '../../../src/domain/expiry';
import { HOUR, local, LocalTime, TIME_ZONES, withTimeZone } from './timeZone';

const NOW: LocalTime = [2026, 6, 15, 12, 0]; // Mon, Jun 15, 2026, 12:00 local

type Expected = LocalTime | 'never' | { hoursLater: number };
const accepted: { input: string; now?: LocalTime; expected: Expected }[] = [
  { input: '7d', expected: [2026, 6, 22, 12] },
  { input: '7', expected: [2026, 6, 22, 12] },
  { input: '007', expected: [2026, 6, 22, 12] },
  { input: '  7D  ', expected: [2026, 6, 22, 12] },
  { input: '7 days', expected: [2026, 6, 22, 12] },
  { input: '1 day', expected: [2026, 6, 16, 12] },
  { input: '12h', expected: { hoursLater: 12 } },
  { input: '12 Hours', expected: { hoursLater: 12 } },
  { input: '1hr', expected: { hoursLater: 1 } },
  { input: '2w', expected: [2026, 6, 29, 12] },
  { input: '2 weeks', expected: [2026, 6, 29, 12] },
  { input: '6mo', expected: [2026, 12, 15, 12] },
  { input: '6 MONTHS', expected: [2026, 12, 15, 12] },
  { input: '1y', expected: [2027, 6, 15, 12] },
  { input: '1 year', expected: [2027, 6, 15, 12] },
  { input: 'never', expected: 'never' },
  { input: ' NEVER ', expected: 'never' },
  { input: '2026-12-04', expected: [2026, 12, 4, 23, 59, 59, 999] },
  { input: '2026-06-15', expected: [2026, 6, 15, 23, 59, 59, 999] }, // today: through the end of today
  { input: '2028-02-29', expected: [2028, 2, 29, 23, 59, 59, 999] },
  // Month ends clamp; year rollover.
  { input: '1mo', now: [2026, 1, 31, 9, 30], expected: [2026, 2, 28, 9, 30] },
  { input: '1mo', now: [2028, 1, 31, 9, 30], expected: [2028, 2, 29, 9, 30] },
  { input: '1 month', now: [2026, 3, 31, 8], expected: [2026, 4, 30, 8] },
  { input: '13mo', now: [2026, 1, 31, 8], expected: [2027, 2, 28, 8] },
  { input: '2mo', now: [2025, 12, 31, 18], expected: [2026, 2, 28, 18] },
  { input: '1mo', now: [2026, 12, 15, 10], expected: [2027, 1, 15, 10] },
  { input: '1d', now: [2026, 12, 31, 23, 30], expected: [2027, 1, 1, 23, 30] },
  // Leap years.
  { input: '1y', now: [2028, 2, 29, 10], expected: [2029, 2, 28, 10] },
  { input: '4y', now: [2028, 2, 29, 10], expected: [2032, 2, 29, 10] },
  { input: '1y', now: [2027, 2, 28, 10], expected: [2028, 2, 28, 10] },
  { input: '7d', now: [2026, 2, 25, 8], expected: [2026, 3, 4, 8] },
  { input: '7d', now: [2028, 2, 25, 8], expected: [2028, 3, 3, 8] },
  // Exactly at the 10-year limit (15 Jun 2036 12:00; 3653 days, 87672 hours).
  { input: '10y', expected: [2036, 6, 15, 12] },
  { input: '120mo', expected: [2036, 6, 15, 12] },
  { input: '3653d', expected: [2036, 6, 15, 12] },
  { input: '521w', expected: [2036, 6, 9, 12] },
  { input: '87672h', expected: { hoursLater: 87672 } },
  { input: '2036-06-14', expected: [2036, 6, 14, 23, 59, 59, 999] },
];

const ACCEPTED_FORMATS = /12h, 7d, 2w, 6mo, 1y, a number of days, a date YYYY-MM-DD, or never/;
const TOO_FAR = /more than 10 years ahead; the latest possible expiry is Sun, Jun 15, 2036, 12:00/;
const refused: { input: string; message: RegExp }[] = [
  { input: '', message: /^Enter when the token should expire/ },
  { input: '   ', message: /^Enter when the token should expire/ },
  { input: 'abc', message: ACCEPTED_FORMATS },
  { input: 'soon', message: ACCEPTED_FORMATS },
  { input: 'never ever', message: ACCEPTED_FORMATS },
  { input: '1e309', message: ACCEPTED_FORMATS },
  { input: 'Infinity', message: ACCEPTED_FORMATS },
  { input: '-Infinity', message: ACCEPTED_FORMATS },
  { input: 'NaN', message: ACCEPTED_FORMATS },
  { input: '7 d ays', message: ACCEPTED_FORMATS },
  { input: 'd7', message: ACCEPTED_FORMATS },
  { input: '+7d', message: ACCEPTED_FORMATS },
  { input: '7d 12h', message: ACCEPTED_FORMATS },
  { input: '\uff17d', message: ACCEPTED_FORMATS }, // fullwidth digit
  { input: '1'.repeat(41) + 'd', message: ACCEPTED_FORMATS },
  { input: '-7d', message: /must be in the future/ },
  { input: '-1', message: /must be in the future/ },
  { input: '0', message: /at least 1 hour/ },
  { input: '0d', message: /at least 1 hour/ },
  { input: '000h', message: /at least 1 hour/ },
  { input: '1.5d', message: /whole number, for example 36h/ },
  { input: '.5d', message: /whole number/ },
  { input: '2.0w', message: /whole number/ },
  { input: '3m', message: /"m" is ambiguous: write "mo" for months/ },
  { input: '10M', message: /"m" is ambiguous/ },
  { input: '10min', message: /shortest expiry is 1 hour/ },
  { input: '10 minutes', message: /shortest expiry is 1 hour/ },
  { input: '5s', message: /shortest expiry is 1 hour/ },
  { input: '30 seconds', message: /shortest expiry is 1 hour/ },
  { input: '3x', message: /^"x" is not a unit I know\. Use h \(hours\), d \(days\), w \(weeks\), mo \(months\) or y \(years\)/ },
  { input: '5constructor', message: /"constructor" is not a unit/ },
  { input: '5__proto__', message: ACCEPTED_FORMATS },
  { input: '99999999999999999999999', message: TOO_FAR },
  { input: '9007199254740993d', message: TOO_FAR },
  { input: '1000000h', message: TOO_FAR },
  { input: '11y', message: TOO_FAR },
  { input: '121mo', message: TOO_FAR },
  { input: '3654d', message: TOO_FAR },
  { input: '522w', message: TOO_FAR },
  { input: '87673h', message: TOO_FAR },
  { input: '2036-06-16', message: TOO_FAR },
  { input: '9999-12-31', message: TOO_FAR },
  { input: '2026-02-30', message: /^February 2026 has 28 days; 2026-02-30 is not a real date\.$/ },
  { input: '2026-02-29', message: /February 2026 has 28 days/ },
  { input: '2026-04-31', message: /April 2026 has 30 days/ },
  { input: '2026-06-00', message: /2026-06-00 is not a real date/ },
  { input: '2026-13-01', message: /There is no month 13; .*month from 01 to 12/ },
  { input: '2026-00-10', message: /There is no month 0;/ },
  { input: '2020-01-01', message: /^2020-01-01 is in the past\. Choose a later date/ },
  { input: '2026-06-14', message: /2026-06-14 is in the past/ },
  { input: '0000-01-01', message: /in the past/ },
  { input: '2026/12/04', message: /Write the date as YYYY-MM-DD/ },
  { input: '4.12.2026', message: /Write the date as YYYY-MM-DD/ },
  { input: '2026-2-3', message: /Write the date as YYYY-MM-DD/ },
];

function expectedMs(expected: Exclude<Expected, 'never'>, now: number): number {
  return Array.isArray(expected) ? local(expected) : now + expected.hoursLater * HOUR;
}

for (const timeZone of TIME_ZONES) {
  describe(`parseExpiry in ${timeZone}`, () => {
    for (const { input, now = NOW, expected } of accepted) {
      test(`accepts ${JSON.stringify(input)} at ${now.join('-')}`, () => {
        withTimeZone(timeZone, () => {
          const nowMs = local(now);
          const result = parseExpiry(input, new Date(nowMs));
          assert.ok(result.ok, `refused: ${result.ok ? '' : result.message}`);
          assert.equal(result.expiresAt, expected === 'never' ? undefined : expectedMs(expected, nowMs));
        });
      });
    }
    for (const { input, message } of refused) {
      test(`refuses ${JSON.stringify(input)}`, () => {
        withTimeZone(timeZone, () => {
          const result = parseExpiry(input, new Date(local(NOW)));
          assert.equal(result.ok, false);
          assert.match(result.ok ? '' : result.message, message);
        });
      });
    }
  });
}

describe('parseExpiry in absolute time', () => {
  const cases: { timeZone: string; input: string; nowUtc: number; expiresUtc: number }[] = [
    // YYYY-MM-DD is the end of the day where the user is, not in UTC.
    { timeZone: 'America/Los_Angeles', input: '2026-12-04', nowUtc: Date.UTC(2026, 10, 27, 12), expiresUtc: Date.UTC(2026, 11, 5, 7, 59, 59, 999) },
    { timeZone: 'Asia/Kolkata', input: '2026-12-04', nowUtc: Date.UTC(2026, 10, 27, 12), expiresUtc: Date.UTC(2026, 11, 4, 18, 29, 59, 999) },
    { timeZone: 'UTC', input: '2026-12-04', nowUtc: Date.UTC(2026, 10, 27, 12), expiresUtc: Date.UTC(2026, 11, 4, 23, 59, 59, 999) },
    // New York springs forward on 8 Mar 2026: a day is 23 hours, 24h is one wall-clock hour more.
    { timeZone: 'America/New_York', input: '1d', nowUtc: Date.UTC(2026, 2, 7, 17), expiresUtc: Date.UTC(2026, 2, 8, 16) },
    { timeZone: 'America/New_York', input: '24h', nowUtc: Date.UTC(2026, 2, 7, 17), expiresUtc: Date.UTC(2026, 2, 8, 17) },
    { timeZone: 'America/New_York', input: '1w', nowUtc: Date.UTC(2026, 2, 7, 17), expiresUtc: Date.UTC(2026, 2, 14, 16) },
    // ... and falls back on 1 Nov 2026: that day is 25 hours.
    { timeZone: 'America/New_York', input: '1d', nowUtc: Date.UTC(2026, 9, 31, 16), expiresUtc: Date.UTC(2026, 10, 1, 17) },
    // Berlin leaves summer time on 25 Oct 2026; Lord Howe Island shifts by 30 minutes on 4 Oct 2026.
    { timeZone: 'Europe/Berlin', input: '7d', nowUtc: Date.UTC(2026, 9, 20, 7), expiresUtc: Date.UTC(2026, 9, 27, 8) },
    { timeZone: 'Australia/Lord_Howe', input: '7d', nowUtc: Date.UTC(2026, 8, 30, 23, 30), expiresUtc: Date.UTC(2026, 9, 7, 23, 0) },
  ];
  for (const { timeZone, input, nowUtc, expiresUtc } of cases) {
    test(`${input} in ${timeZone} from ${new Date(nowUtc).toISOString()}`, () => {
      const result = withTimeZone(timeZone, () => parseExpiry(input, new Date(nowUtc)));
      assert.deepEqual(result.ok && result.expiresAt, expiresUtc);
    });
  }

  test('YYYY-MM-DD is the end of the local day in a separate process started with TZ set', () => {
    const modulePath = join(__dirname, '../../../src/domain/expiry.js');
    const script = `const { parseExpiry } = require(${JSON.stringify(modulePath)});
      process.stdout.write(String(parseExpiry('2026-12-04', new Date(${Date.UTC(2026, 10, 27, 12)})).expiresAt));`;
    const run = (timeZone: string) => Number(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: timeZone } }).toString());
    assert.equal(run('America/Los_Angeles'), Date.UTC(2026, 11, 5, 7, 59, 59, 999));
    assert.equal(run('Asia/Kolkata'), Date.UTC(2026, 11, 4, 18, 29, 59, 999));
  });
});

describe('expiry summary', () => {
  const now: LocalTime = [2026, 11, 27, 23, 27]; // Fri, Nov 27, 2026
  const cases: [input: string, summary: string][] = [
    ['7d', 'Expires Fri, Dec 4, 2026, 23:27 (in 7 days)'],
    ['12h', 'Expires Sat, Nov 28, 2026, 11:27 (in 12 hours)'],
    ['30', 'Expires Sun, Dec 27, 2026, 23:27 (in 30 days)'],
    ['6mo', 'Expires Thu, May 27, 2027, 23:27 (in 6 months)'],
    ['1y', 'Expires Sat, Nov 27, 2027, 23:27 (in 1 year)'],
    ['2026-12-04', 'Expires Fri, Dec 4, 2026, 23:59 (in 7 days)'],
    ['2026-11-27', 'Expires Fri, Nov 27, 2026, 23:59 (in 32 minutes)'],
    ['never', 'Never expires'],
  ];
  for (const timeZone of TIME_ZONES) {
    for (const [input, summary] of cases) {
      test(`${input} in ${timeZone}`, () => {
        withTimeZone(timeZone, () => {
          const result = parseExpiry(input, new Date(local(now)));
          assert.equal(result.ok && result.summary, summary);
        });
      });
    }
  }

  test('no preview while the input is invalid', () => {
    for (const input of ['', '7x', '2026-02-30', '-1d', '3m']) {
      assert.equal(parseExpiry(input, new Date(Date.UTC(2026, 5, 15))).ok, false);
    }
  });
});
