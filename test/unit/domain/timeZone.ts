// Node re-reads process.env.TZ on assignment, so one test process can check several zones; each
// test file runs in its own process under `node --test`, so this never leaks into other files.

export const TIME_ZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe', // 30-minute DST shift
  'Pacific/Kiritimati', // UTC+14
];

export function withTimeZone<T>(timeZone: string, run: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = timeZone;
  try {
    return run();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

/** Local wall-clock time with a 1-based month, in whatever zone is current. */
export type LocalTime = [year: number, month: number, day: number, hour?: number, minute?: number, second?: number, ms?: number];

export function local([year, month, day, hour = 0, minute = 0, second = 0, ms = 0]: LocalTime): number {
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
