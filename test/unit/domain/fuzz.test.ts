import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpiry } from '../../../src/domain/expiry';
import { formatDateTime, formatRelative } from '../../../src/domain/format';
import { normalizeAccountToken, validateApiUrl, validateTokenName } from '../../../src/domain/validation';
import { DAY } from './timeZone';
import { mulberry32 } from '../support/random';

const RUNS = 2000;

const random = mulberry32(20261204);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const PIECES = [
  () => String.fromCodePoint(between(0x20, 0x7e)),
  () => pick([...'0123456789']),
  () => pick(['h', 'd', 'w', 'mo', 'm', 'y', 'never', '-', '.', ' ', 'e', ':', '/', '@', '?', '#', '_', 'vcp_', 'https://', 'http://', 'localhost']),
  () => String.fromCodePoint(between(0x00, 0x1f)),
  () => String.fromCodePoint(between(0x7f, 0x9f)),
  () => String.fromCodePoint(pick([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])),
  () => String.fromCodePoint(pick([0x200b, 0x200c, 0x200d, 0x2060, 0x2064, 0xfeff, 0x00ad, 0x180e, 0x2028, 0x3164, 0xe0041])),
  () => String.fromCharCode(between(0xd800, 0xdfff)), // lone surrogate
  () => String.fromCodePoint(between(0x1f300, 0x1faff)),
  () => String.fromCodePoint(between(0x4e00, 0x9fff)),
  () => String.fromCodePoint(between(0, 0x10ffff)),
];

const PLAUSIBLE_STARTS = ['', 'https://', 'http://localhost', 'http://127.0.0.1:', 'vcp_', '7', '12 ', '2026-', 'Bearer '];

function randomString(): string {
  let text = '';
  for (let length = between(0, 40); length > 0; length--) text += pick(PIECES)();
  return text;
}

/** Mostly ASCII after a plausible start, so that the accepting paths are exercised too. */
function plausibleString(): string {
  let text = pick(PLAUSIBLE_STARTS);
  for (let length = between(0, 30); length > 0; length--) text += (random() < 0.9 ? pick(PIECES.slice(0, 3)) : pick(PIECES))();
  return text;
}

const ALPHANUMERIC = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

/** Letters and digits of any length with an occasional stray character or line ending. */
function tokenLikeString(): string {
  let text = pick(['', '', 'vcp_', 'vck_', ' ', 'Bearer ']);
  for (let length = between(0, 220); length > 0; length--) text += random() < 0.002 ? pick(PIECES)() : pick(ALPHANUMERIC);
  return text + pick(['', '', '\n', '\r\n', ' ', '\n\n']);
}

const inputs = [
  ...Array.from({ length: RUNS }, randomString),
  ...Array.from({ length: RUNS }, plausibleString),
  ...Array.from({ length: RUNS }, tokenLikeString),
];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test(`validateTokenName on ${inputs.length} random strings`, () => {
  let accepted = 0;
  for (const name of inputs) {
    const result = validateTokenName(name);
    if (result === undefined) {
      accepted++;
      assert.equal(name, name.trim(), JSON.stringify(name));
      assert.ok(name.length > 0 && Array.from(name).length <= 100, JSON.stringify(name));
      assert.ok(!/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(name) && !LONE_SURROGATE.test(name), JSON.stringify(name));
    } else {
      assert.equal(typeof result, 'string');
      assert.ok(result.length > 0);
    }
  }
  assert.ok(accepted > 100, `only ${accepted} accepted`);
});

test(`normalizeAccountToken on ${inputs.length} random strings`, () => {
  let accepted = 0;
  for (const raw of inputs) {
    const result = normalizeAccountToken(raw);
    if (result.ok) {
      accepted++;
      assert.match(result.token, /^[A-Za-z0-9_]{20,200}$/);
    } else {
      assert.ok(result.message.length > 0);
      for (const run of raw.match(/[A-Za-z0-9_]{8,}/g) ?? []) assert.ok(!result.message.includes(run), result.message);
    }
  }
  assert.ok(accepted > 10, `only ${accepted} accepted`);
});

test(`validateApiUrl on ${inputs.length} random strings`, () => {
  let accepted = 0;
  for (const raw of inputs) {
    const result = validateApiUrl(raw);
    if (result.ok) {
      accepted++;
      assert.match(result.url, /^https?:\/\/[^/?#@\s]+(\/[^?#\s]*[^/?#\s])?$/, result.url);
      assert.deepEqual(validateApiUrl(result.url), result, 'normalizing twice changes nothing');
    } else {
      assert.ok(result.message.length > 0);
    }
  }
  assert.ok(accepted > 10, `only ${accepted} accepted`);
});

test(`parseExpiry on ${inputs.length} random strings`, () => {
  const now = new Date(Date.UTC(2026, 5, 15, 12));
  let accepted = 0;
  for (const input of inputs) {
    const result = parseExpiry(input, now);
    if (result.ok) accepted++;
    if (!result.ok) {
      assert.ok(result.message.length > 0 && !/NaN|undefined|Infinity/.test(result.message), result.message);
    } else if (result.expiresAt === undefined) {
      assert.equal(result.summary, 'Never expires');
    } else {
      assert.ok(Number.isInteger(result.expiresAt) && result.expiresAt > now.getTime(), JSON.stringify(input));
      assert.ok(result.expiresAt <= now.getTime() + 3654 * DAY, JSON.stringify(input));
      assert.match(result.summary, /^Expires \w{3}, \w{3} \d{1,2}, \d{4}, \d\d:\d\d \(in .+\)$/);
    }
  }
  assert.ok(accepted > 10, `only ${accepted} accepted`);
});

test(`formatDateTime and formatRelative on ${RUNS} random times`, () => {
  const now = Date.UTC(2026, 5, 15, 12);
  for (let run = 0; run < RUNS; run++) {
    const ms = now + Math.floor((random() - 0.5) * 40 * 365 * DAY);
    assert.match(formatDateTime(ms), /^\w{3}, \w{3} \d{1,2}, \d{4}, \d\d:\d\d$/);
    assert.match(formatRelative(ms, now), /^(in \d+ (minute|hour|day|month|year)s?|\d+ (minute|hour|day|month|year)s? ago|just now|in less than a minute)$/);
  }
});

test('long hostile inputs are handled without catastrophic backtracking', () => {
  const long = 200_000;
  const hostile = [
    '1'.repeat(long) + '!',
    'a' + ' '.repeat(long) + 'b',
    'a' + ' \t'.repeat(long / 2) + '\nb',
    'https://' + 'a'.repeat(long) + ' x',
    'x'.repeat(long) + '\u202E',
    '\u{1F680}'.repeat(long),
  ];
  const started = performance.now();
  for (const input of hostile) {
    parseExpiry(input, new Date(0));
    validateTokenName(input);
    normalizeAccountToken(input);
    validateApiUrl(input);
  }
  // Quadratic matching on these inputs takes minutes; linear takes milliseconds.
  assert.ok(performance.now() - started < 2000);
});
