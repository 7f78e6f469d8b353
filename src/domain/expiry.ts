import { addLocalDays, addLocalMonths, daysInLocalMonth, HOUR_MS } from './calendar';
import { formatDateTime, formatRelative } from './format';

export type ExpiryResult =
  | { ok: true; /** undefined = never expires */ expiresAt: number | undefined; summary: string }
  | { ok: false; message: string };

export const MAX_EXPIRY_YEARS = 10;
const MAX_INPUT_LENGTH = 40;

/** Every form parseExpiry accepts, in the words the expiry box and its error messages use. */
export const EXPIRY_FORMATS = '12h, 7d, 2w, 6mo, 1y, a number of days, a date YYYY-MM-DD, or never';
const ACCEPTED = `Use ${EXPIRY_FORMATS}.`;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

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
  if (text === '') return refuse(`Enter when the token should expire. ${ACCEPTED}`);
  if (text === 'never') return { ok: true, expiresAt: undefined, summary: 'Never expires' };
  // Nothing valid is this long, and the patterns below backtrack on long digit runs.
  if (text.length > MAX_INPUT_LENGTH) return refuse(`That is not an expiry. ${ACCEPTED}`);

  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) return parseDate(Number(date[1]), Number(date[2]), Number(date[3]), now);
  if (/^\d+\s*[-/.]\s*\d+\s*[-/.]\s*\d+$/.test(text)) {
    return refuse('Write the date as YYYY-MM-DD, for example 2026-12-31.');
  }

  const amount = /^(-?)(\d*\.?\d*)\s*([a-z]*)$/.exec(text);
  if (!amount || !/\d/.test(amount[2])) return refuse(`That is not an expiry. ${ACCEPTED}`);
  const [, minus, number, unitWord] = amount;

  const unit = unitWord === '' ? 'day' : UNITS.get(unitWord);
  if (unit === undefined) return refuseUnit(unitWord);
  if (minus) return refuse(`The expiry must be in the future. ${ACCEPTED}`);
  if (number.includes('.')) return refuse('Use a whole number, for example 36h instead of 1.5d.');
  if (/^0+$/.test(number)) return refuse(`The expiry must be at least 1 hour away. ${ACCEPTED}`);
  // More digits than any unit needs to reach the limit; also keeps Number() exact below.
  if (number.replace(/^0+/, '').length > 6) return refuseTooFar(now);

  return resolved(addUnits(now, Number(number), unit), now);
}

function parseDate(year: number, month: number, day: number, now: Date): ExpiryResult {
  if (month < 1 || month > 12) {
    return refuse(`There is no month ${month}; write the date as YYYY-MM-DD with a month from 01 to 12.`);
  }
  const lastDay = daysInLocalMonth(year, month);
  if (day < 1 || day > lastDay) {
    return refuse(`${MONTH_NAMES[month - 1]} ${year} has ${lastDay} days; ${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} is not a real date.`);
  }
  // A date means "through that day" where the user is, hence the end of the local day.
  const endOfDay = new Date(2000, 0, 1, 23, 59, 59, 999);
  endOfDay.setFullYear(year, month - 1, day);
  if (endOfDay.getTime() <= now.getTime()) {
    return refuse(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} is in the past. Choose a later date, or a duration such as 30d.`);
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
  return { ok: true, expiresAt, summary: `Expires ${formatDateTime(expiresAt)} (${formatRelative(expiresAt, now.getTime())})` };
}

function latestExpiry(now: Date): Date {
  return addLocalMonths(now, MAX_EXPIRY_YEARS * 12);
}

function refuseTooFar(now: Date): ExpiryResult {
  return refuse(
    `That is more than ${MAX_EXPIRY_YEARS} years ahead; the latest possible expiry is ${formatDateTime(latestExpiry(now).getTime())}. Choose a shorter time, or never.`,
  );
}

function refuseUnit(unitWord: string): ExpiryResult {
  if (unitWord === 'm') return refuse('"m" is ambiguous: write "mo" for months (6mo) or "h" for hours (12h).');
  if (TOO_FINE_UNITS.has(unitWord)) return refuse('The shortest expiry is 1 hour; use hours (12h), days (7d) or longer.');
  const shown = unitWord.length <= 12 ? `"${unitWord}" is not a unit I know. ` : '';
  return refuse(`${shown}Use h (hours), d (days), w (weeks), mo (months) or y (years), for example 7d, or a date YYYY-MM-DD, or never.`);
}

function refuse(message: string): ExpiryResult {
  return { ok: false, message };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
