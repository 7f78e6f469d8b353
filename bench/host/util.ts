// Small helpers for the bench module inside the extension host.
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lets pending callbacks, timers and IPC replies run. */
export const settle = (ms: number) => sleep(ms);

/** VS Code's performance marks in this process (vs/base/common/performance keeps them on globalThis). */
export function vscodeMarks(): Map<string, number> {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } })
    .MonacoPerformanceMarks;
  const marks = new Map<string, number>();
  for (const mark of perf?.getMarks() ?? []) marks.set(mark.name, mark.startTime);
  return marks;
}

let gcFunction: (() => void) | undefined;
let mode: 'global.gc' | 'v8-flag' | 'none' | undefined;

/**
 * A full garbage collection: global.gc when the host runs with --expose-gc (the runner sets
 * NODE_OPTIONS for it), else the same function obtained by setting V8's expose_gc flag at run time.
 */
export function gcMode(): 'global.gc' | 'v8-flag' | 'none' {
  if (mode) return mode;
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') {
    gcFunction = global;
    return (mode = 'global.gc');
  }
  try {
    setFlagsFromString('--expose_gc');
    const viaFlag = runInNewContext('gc') as unknown;
    if (typeof viaFlag === 'function') {
      gcFunction = viaFlag as () => void;
      return (mode = 'v8-flag');
    }
  } catch {
    // fall through
  }
  return (mode = 'none');
}

/**
 * heapUsed after full collections (or, without gc, after settle rounds): smallest of `rounds`.
 * Several rounds also let V8 flush the bytecode of functions no longer run (it ages bytecode per
 * full GC), which otherwise makes an early reading look larger than a later one.
 */
export async function settledHeap(rounds = 6): Promise<{ heapUsed: number; samples: number[]; spaces: Record<string, number> }> {
  gcMode();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await sleep(gcFunction ? 100 : 1000);
    if (gcFunction) {
      gcFunction();
      await sleep(20);
      gcFunction();
    }
    samples.push(process.memoryUsage().heapUsed);
  }
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
  return { heapUsed: Math.min(...samples), samples, spaces };
}

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Busy share of all CPUs (0..1) over `windowMs`, from /proc/stat; undefined where there is none. */
export async function systemBusy(windowMs: number): Promise<number | undefined> {
  const read = () => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = fields[3] + (fields[4] ?? 0);
      return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
    } catch {
      return undefined;
    }
  };
  const before = read();
  await sleep(windowMs);
  const after = read();
  if (!before || !after || after.total === before.total) return undefined;
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

/**
 * Waits at least `minMs`, then until the machine's CPUs are mostly idle (busy share ≤ `maxBusy`
 * over half a second) or `maxMs` have passed. Returns the last busy share seen.
 */
export async function waitForQuiet(minMs: number, maxMs: number, maxBusy: number): Promise<number | undefined> {
  const started = Date.now();
  await sleep(minMs);
  let busy: number | undefined;
  do {
    busy = await systemBusy(500);
    if (busy === undefined || busy <= maxBusy) return busy;
  } while (Date.now() - started < maxMs);
  return busy;
}
