import * as l10n from '@vscode/l10n';
import { HOUR_MS, MINUTE_MS, startOfMinute, wholeLocalDaysBetween, wholeLocalMonthsBetween } from './calendar';

const DEFAULT_LANGUAGE = 'en';

interface Formatters {
  language: string;
  dateTime: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
  /** Relative times already written: the tree writes one per row, and they repeat. */
  relativeTexts: Map<string, string>;
  plural: Intl.PluralRules;
}

let formatters = makeFormatters(DEFAULT_LANGUAGE);

function makeFormatters(language: string): Formatters {
  return {
    language,
    // Fed a UTC date holding the local wall-clock time (see formatDateTime), so one formatter
    // serves every time zone, even when the zone changes while the extension runs.
    dateTime: new Intl.DateTimeFormat(language, {
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }),
    // `numeric: 'always'` keeps "in 1 day" rather than "tomorrow", as the spans are rounded down.
    relative: new Intl.RelativeTimeFormat(language, { numeric: 'always' }),
    relativeTexts: new Map(),
    plural: new Intl.PluralRules(language),
  };
}

/**
 * The language dates, relative times and plurals are written in: VS Code's display language
 * (`vscode.env.language`). A tag that is invalid or that this runtime has no data for falls back
 * to English rather than throwing.
 */
export function setDisplayLanguage(language: string): void {
  let supported: string | undefined;
  try {
    supported = Intl.DateTimeFormat.supportedLocalesOf([language])[0];
  } catch {
    supported = undefined;
  }
  formatters = makeFormatters(supported ?? DEFAULT_LANGUAGE);
}

export function displayLanguage(): string {
  return formatters.language;
}

/**
 * Whether the display language uses its singular form for `count`, to choose between two whole
 * messages (`{0} token` / `{0} tokens`) that a translator can word freely.
 */
export function isSingular(count: number): boolean {
  return formatters.plural.select(count) === 'one';
}

/**
 * Absolute local time in 24-hour form, in the display language (`Fri, Dec 4, 2026, 23:27` in
 * English).
 */
export function formatDateTime(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return l10n.t('an invalid date');
  const wallClock = new Date(0);
  wallClock.setUTCFullYear(date.getFullYear(), date.getMonth(), date.getDate());
  wallClock.setUTCHours(date.getHours(), date.getMinutes());
  // Only at the very edge of the Date range can the local wall-clock time fall outside it.
  return formatters.dateTime.format(Number.isNaN(wallClock.getTime()) ? date : wallClock);
}

/** `February 2027`: a month of a year, 1-based `month`. */
export function formatMonthYear(year: number, month: number): string {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, 1);
  return new Intl.DateTimeFormat(formatters.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** `in 3 days`, `2 hours ago`, `just now`: the largest whole unit, rounded down. */
export function formatRelative(ms: number, now: number): string {
  if (!Number.isFinite(ms) || !Number.isFinite(now)) return l10n.t('at an unknown time');
  const future = ms > now;
  const span = future ? describeSpan(startOfMinute(now), ms) : describeSpan(ms, now);
  if (span === undefined) return future ? l10n.t('in less than a minute') : l10n.t('just now');
  return relativeText(future ? span.count : -span.count, span.unit);
}

/** `Fri, Dec 4, 2026, 23:27 (in 7 days)`. */
export function formatDateTimeAndRelative(ms: number, now: number): string {
  return dateAndRelative(formatDateTime(ms), formatRelative(ms, now));
}

/** The same for a moment that has happened (created, used, revoked), even when `now` is rounded down. */
export function formatPastDateTimeAndRelative(ms: number, now: number): string {
  return dateAndRelative(formatDateTime(ms), formatRelative(Math.min(ms, now), now));
}

function dateAndRelative(dateTime: string, relative: string): string {
  return l10n.t({ message: '{0} ({1})', args: [dateTime, relative], comment: ['A date and time, then how far away it is: "Fri, Dec 4, 2026, 23:27 (in 7 days)"'] });
}

/** `in 3 hours`-style wording for a count of a unit chosen by the caller. */
export function formatIn(count: number, unit: 'second' | 'minute' | 'hour' | 'day'): string {
  return relativeText(count, unit);
}

interface Span {
  count: number;
  unit: 'year' | 'month' | 'day' | 'hour' | 'minute';
}

/**
 * Years, months and days are counted in local calendar units, so `7d` across a DST change is
 * still "7 days". Days are kept up to two months because "1 month" hides a 28-31 day spread that
 * matters for an expiry (`30d` reads "in 30 days", not "in 1 month"). Undefined under a minute.
 */
function describeSpan(fromMs: number, toMs: number): Span | undefined {
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const months = wholeLocalMonthsBetween(from, to);
  if (months >= 12) return { count: Math.floor(months / 12), unit: 'year' };
  if (months >= 2) return { count: months, unit: 'month' };
  const days = wholeLocalDaysBetween(from, to);
  if (days >= 1) return { count: days, unit: 'day' };
  const elapsed = toMs - fromMs;
  if (elapsed >= HOUR_MS) return { count: Math.floor(elapsed / HOUR_MS), unit: 'hour' };
  if (elapsed >= MINUTE_MS) return { count: Math.floor(elapsed / MINUTE_MS), unit: 'minute' };
  return undefined;
}

function relativeText(count: number, unit: Intl.RelativeTimeFormatUnit): string {
  const key = `${count} ${unit}`;
  let text = formatters.relativeTexts.get(key);
  if (text === undefined) {
    text = formatters.relative.format(count, unit);
    formatters.relativeTexts.set(key, text);
  }
  return text;
}
