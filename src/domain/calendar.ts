// Local-time calendar arithmetic shared by expiry parsing and relative formatting, so that what
// `7d` or `1mo` means and how far away it is described always agree (including across DST).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Where time still to come is counted from: the start of the current minute, so a token created
 * "for 7 days" a few seconds ago still reads "in 7 days", as the create box promised.
 */
export function startOfMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Same local wall-clock time `days` calendar days later (a DST day is 23 or 25 hours long). */
export function addLocalDays(from: Date, days: number): Date {
  const result = new Date(from.getTime());
  result.setDate(result.getDate() + days);
  return result;
}

/** Same local wall-clock time `months` later, clamped to the month's end (Jan 31 + 1 = Feb 28/29). */
export function addLocalMonths(from: Date, months: number): Date {
  const monthIndex = from.getFullYear() * 12 + from.getMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const result = new Date(from.getTime());
  result.setFullYear(year, month, Math.min(from.getDate(), daysInLocalMonth(year, month + 1)));
  return result;
}

/** `month` is 1-based. */
export function daysInLocalMonth(year: number, month: number): number {
  const probe = new Date(2000, 0, 1);
  probe.setFullYear(year, month, 0);
  return probe.getDate();
}

/** Whole calendar months from `from` to `to` (`to` >= `from`), rounded down. */
export function wholeLocalMonthsBetween(from: Date, to: Date): number {
  let months = (to.getFullYear() - from.getFullYear()) * 12 + to.getMonth() - from.getMonth();
  while (months > 0 && addLocalMonths(from, months).getTime() > to.getTime()) months--;
  return Math.max(months, 0);
}

/** Whole calendar days from `from` to `to` (`to` >= `from`), rounded down. */
export function wholeLocalDaysBetween(from: Date, to: Date): number {
  const dayNumber = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS;
  let days = Math.round(dayNumber(to) - dayNumber(from));
  while (days > 0 && addLocalDays(from, days).getTime() > to.getTime()) days--;
  return Math.max(days, 0);
}
