import { HOUR_MS, MINUTE_MS, startOfMinute, wholeLocalDaysBetween, wholeLocalMonthsBetween } from './calendar';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `3 days`, `1 day`. */
export function pluralize(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * Absolute local time such as `Fri, 4 Dec 2026, 23:27`. Built by hand rather than with
 * toLocaleString so that day and month can never be swapped and the output never depends on
 * the host's locale data.
 */
export function formatDateTime(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return 'an invalid date';
  const time = `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
  return `${WEEKDAYS[date.getDay()]}, ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${time}`;
}

/** `in 3 days`, `2 hours ago`, `just now`: the largest whole unit, rounded down. */
export function formatRelative(ms: number, now: number): string {
  if (!Number.isFinite(ms) || !Number.isFinite(now)) return 'at an unknown time';
  const future = ms > now;
  const span = future ? describeSpan(startOfMinute(now), ms) : describeSpan(ms, now);
  if (span === undefined) return future ? 'in less than a minute' : 'just now';
  return future ? `in ${span}` : `${span} ago`;
}

/** `Fri, 4 Dec 2026, 23:27 (in 7 days)`. */
export function formatDateTimeAndRelative(ms: number, now: number): string {
  return `${formatDateTime(ms)} (${formatRelative(ms, now)})`;
}

/** The same for a moment that has happened (created, used, revoked), even when `now` is rounded down. */
export function formatPastDateTimeAndRelative(ms: number, now: number): string {
  return `${formatDateTime(ms)} (${formatRelative(Math.min(ms, now), now)})`;
}

/**
 * Years, months and days are counted in local calendar units, so `7d` across a DST change is
 * still "7 days". Days are kept up to two months because "1 month" hides a 28-31 day spread that
 * matters for an expiry (`30d` reads "in 30 days", not "in 1 month"). Undefined under a minute.
 */
function describeSpan(fromMs: number, toMs: number): string | undefined {
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const months = wholeLocalMonthsBetween(from, to);
  if (months >= 12) return pluralize(Math.floor(months / 12), 'year');
  if (months >= 2) return pluralize(months, 'month');
  const days = wholeLocalDaysBetween(from, to);
  if (days >= 1) return pluralize(days, 'day');
  const elapsed = toMs - fromMs;
  if (elapsed >= HOUR_MS) return pluralize(Math.floor(elapsed / HOUR_MS), 'hour');
  if (elapsed >= MINUTE_MS) return pluralize(Math.floor(elapsed / MINUTE_MS), 'minute');
  return undefined;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
