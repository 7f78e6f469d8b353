// The harness's default clock: the extension's waits (read retries and their back-off, Retry-After,
// the clipboard countdown) are asked for but not waited out. Each timer fires on the next turn of
// the event loop and moves `now()` on by its delay, so code that compares times still sees the
// time pass. Request timeouts are real timers in the client and are not affected.
import type { Disposable } from '../../../src/core/events';
import type { Clock } from '../../../src/core/ports';

export class SkippingClock implements Clock {
  private skipped = 0;
  /** Every delay asked for, in the order asked (cancelled ones too). */
  readonly waits: number[] = [];
  /** The delays that fired, with the real time (Date.now()) they fired at. */
  readonly fired: { at: number; ms: number }[] = [];

  now(): number {
    return Date.now() + this.skipped;
  }

  setTimeout(callback: () => void, ms: number): Disposable {
    const delay = Math.max(0, ms);
    this.waits.push(delay);
    const handle = setImmediate(() => {
      this.skipped += delay;
      this.fired.push({ at: Date.now(), ms: delay });
      callback();
    });
    return { dispose: () => clearImmediate(handle) };
  }

  /** How far `now()` runs ahead of the real time: the waits that fired. */
  get skippedMs(): number {
    return this.skipped;
  }

  /**
   * The time that passed on this clock between two real times (e.g. the `at` of two requests the
   * stand-in saw): the real time between them plus every wait that fired in between.
   */
  elapsedBetween(realStart: number, realEnd: number): number {
    const skipped = this.fired.filter(({ at }) => at >= realStart && at <= realEnd).reduce((sum, { ms }) => sum + ms, 0);
    return realEnd - realStart + skipped;
  }
}
