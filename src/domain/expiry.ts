import * as l10n from '@vscode/l10n';
import { addLocalDays, addLocalMonths, daysInLocalMonth, HOUR_MS } from './calendar';
import { formatDateTime, formatMonthYear, formatRelative } from './format';

export type ExpiryResult =
  | { ok: true; /** undefined = never expires */ expiresAt: number | undefined; summary: string }
  | { ok: false; message: string };

export const MAX_EXPIRY_YEARS = 10;
const MAX_INPUT_LENGTH = 40;

/**
 * Every form parseExpiry accepts, in the words the expiry box and its error messages use. A
 * function, not a constant, so that it is translated after the extension has loaded its bundle.
 */
export function expiryFormats(): string {
  return l10n.t({
    message: '12h, 7d, 2w, 6mo, 1y, a number of days, a date YYYY-MM-DD, or never',
    comment: ['12h, 7d, 2w, 6mo, 1y, YYYY-MM-DD and never are what the expiry box accepts in every language: keep them exactly as they are'],
  });
}


type Unit = 'hour' | 'day' | 'week' | 'month' | 'year';

// A Map, not an object literal, so that inputs like `5constructor` cannot hit prototype keys.
const UNITS = new Map<string, Unit>([
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((word) => [word, 'hour'] as const),
  ...['d', 'day', 'days'].map((word) => [word, 'day'] as const),
  ...['w', 'wk', 'wks', 'week', 'weeks'].map((word) => [word, 'week'] as const),
  ...['mo', 'mos', 'month', 'months'].map((word) => [word, 'month'] as const),
  ...['y', 'yr', 'yrs', 'year', 'years'].map((word) => [word, 'year'] as const),
]);
const TOO_FINE_UNITS = new Set(['s', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes']);

/**
 * Parses what the user typed as a token expiry. Days, weeks, months and years are calendar units
 * in local time (the wall-clock time is kept across DST); hours are exact 60-minute hours.
 */
export function parseExpiry(input: string, now: Date): ExpiryResult {
  const text = input.trim().toLowerCase();
  if (text === '') return refuse(l10n.t('Enter when the token should expire. Use {0}.', expiryFormats()));
  if (text === 'never') return { ok: true, expiresAt: undefined, summary: l10n.t('Never expires') };
  // Nothing valid is this long, and the patterns below backtrack on long digit runs.
  if (text.length > MAX_INPUT_LENGTH) return refuse(l10n.t('That is not an expiry. Use {0}.', expiryFormats()));

  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) return parseDate(Number(date[1]), Number(date[2]), Number(date[3]), now);
  if (/^\d+\s*[-/.]\s*\d+\s*[-/.]\s*\d+$/.test(text)) {
    return refuse(l10n.t('Write the date as YYYY-MM-DD, for example 2026-12-31.'));
  }

  const amount = /^(-?)(\d*\.?\d*)\s*([a-z]*)$/.exec(text);
  if (!amount || !/\d/.test(amount[2])) return refuse(l10n.t('That is not an expiry. Use {0}.', expiryFormats()));
  const [, minus, number, unitWord] = amount;

  const unit = unitWord === '' ? 'day' : UNITS.get(unitWord);
  if (unit === undefined) return refuseUnit(unitWord);
  if (minus) return refuse(l10n.t('The expiry must be in the future. Use {0}.', expiryFormats()));
  if (number.includes('.')) return refuse(l10n.t('Use a whole number, for example 36h instead of 1.5d.'));
  if (/^0+$/.test(number)) return refuse(l10n.t('The expiry must be at least 1 hour away. Use {0}.', expiryFormats()));
  // More digits than any unit needs to reach the limit; also keeps Number() exact below.
  if (number.replace(/^0+/, '').length > 6) return refuseTooFar(now);

  return resolved(addUnits(now, Number(number), unit), now);
}

function parseDate(year: number, month: number, day: number, now: Date): ExpiryResult {
  if (month < 1 || month > 12) {
    return refuse(l10n.t('There is no month {0}; write the date as YYYY-MM-DD with a month from 01 to 12.', month));
  }
  const lastDay = daysInLocalMonth(year, month);
  if (day < 1 || day > lastDay) {
    return refuse(l10n.t('{0} has {1} days; {2} is not a real date.', formatMonthYear(year, month), lastDay, isoDate(year, month, day)));
  }
  // A date means "through that day" where the user is, hence the end of the local day.
  const endOfDay = new Date(2000, 0, 1, 23, 59, 59, 999);
  endOfDay.setFullYear(year, month - 1, day);
  if (endOfDay.getTime() <= now.getTime()) {
    return refuse(l10n.t('{0} is in the past. Choose a later date, or a duration such as 30d.', isoDate(year, month, day)));
  }
  return resolved(endOfDay, now);
}

function addUnits(now: Date, amount: number, unit: Unit): Date {
  switch (unit) {
    case 'hour':
      return new Date(now.getTime() + amount * HOUR_MS);
    case 'day':
      return addLocalDays(now, amount);
    case 'week':
      return addLocalDays(now, amount * 7);
    case 'month':
      return addLocalMonths(now, amount);
    case 'year':
      return addLocalMonths(now, amount * 12);
  }
}

function resolved(expires: Date, now: Date): ExpiryResult {
  const expiresAt = expires.getTime();
  if (!Number.isFinite(expiresAt) || expiresAt > latestExpiry(now).getTime()) return refuseTooFar(now);
  return { ok: true, expiresAt, summary: l10n.t('Expires {0} ({1})', formatDateTime(expiresAt), formatRelative(expiresAt, now.getTime())) };
}

function latestExpiry(now: Date): Date {
  return addLocalMonths(now, MAX_EXPIRY_YEARS * 12);
}

function refuseTooFar(now: Date): ExpiryResult {
  return refuse(
    l10n.t({
      message: 'That is more than {0} years ahead; the latest possible expiry is {1}. Choose a shorter time, or never.',
      args: [MAX_EXPIRY_YEARS, formatDateTime(latestExpiry(now).getTime())],
      comment: ['never is what the expiry box accepts in every language: keep it exactly as it is'],
    }),
  );
}

function refuseUnit(unitWord: string): ExpiryResult {
  if (unitWord === 'm') return refuse(l10n.t('"m" is ambiguous: write "mo" for months (6mo) or "h" for hours (12h).'));
  if (TOO_FINE_UNITS.has(unitWord)) return refuse(l10n.t('The shortest expiry is 1 hour; use hours (12h), days (7d) or longer.'));
  if (unitWord.length <= 12) {
    return refuse(
      l10n.t({
        message: '"{0}" is not a unit I know. Use h (hours), d (days), w (weeks), mo (months) or y (years), for example 7d, or a date YYYY-MM-DD, or never.',
        args: [unitWord],
        comment: ['h, d, w, mo, y, 7d, YYYY-MM-DD and never are what the expiry box accepts in every language: keep them exactly as they are (translate the words in parentheses)'],
      }),
    );
  }
  return refuse(
    l10n.t({
      message: 'Use h (hours), d (days), w (weeks), mo (months) or y (years), for example 7d, or a date YYYY-MM-DD, or never.',
      comment: ['h, d, w, mo, y, 7d, YYYY-MM-DD and never are what the expiry box accepts in every language: keep them exactly as they are (translate the words in parentheses)'],
    }),
  );
}

function refuse(message: string): ExpiryResult {
  return { ok: false, message };
}

function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
