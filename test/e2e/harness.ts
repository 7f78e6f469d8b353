// A tiny sequential test runner for the UI end-to-end tests. The tests walk one user journey
// through one VS Code window, so they run in order; a test whose prerequisite failed is skipped
// instead of failing on the state the failure left behind.

export interface E2eTest {
  name: string;
  /** Names of earlier tests that must have passed; default: none. */
  needs?: string[];
  /** Default 120 s; the run is abandoned after this (the UI wait inside has its own, shorter timeouts). */
  timeoutMs?: number;
  run: () => Promise<void>;
}

export interface E2eHooks {
  /** Called after a failure, before the next test: save evidence and bring the UI back to a known state. */
  onFailure?: (test: E2eTest, error: unknown) => Promise<void>;
  /** True once the run is interrupted (Ctrl+C): the remaining tests are skipped. */
  stopped?: () => boolean;
}

export interface E2eTally {
  passed: number;
  failed: number;
  skipped: number;
}

const defaultTimeoutMs = 120_000;

export async function runTests(title: string, tests: E2eTest[], hooks: E2eHooks = {}): Promise<E2eTally> {
  const outcome = new Map<string, 'passed' | 'failed' | 'skipped'>();
  const tally: E2eTally = { passed: 0, failed: 0, skipped: 0 };
  console.log(`\n# ${title}`);
  for (const test of tests) {
    if (hooks.stopped?.()) {
      outcome.set(test.name, 'skipped');
      tally.skipped++;
      console.log(`  - ${test.name} (skipped: interrupted)`);
      continue;
    }
    const unmet = (test.needs ?? []).filter((name) => outcome.get(name) !== 'passed');
    if (unmet.length) {
      outcome.set(test.name, 'skipped');
      tally.skipped++;
      console.log(`  - ${test.name} (skipped: needs a test that did not pass)`);
      continue;
    }
    const started = Date.now();
    try {
      await withTimeout(test.run(), test.timeoutMs ?? defaultTimeoutMs, test.name);
      outcome.set(test.name, 'passed');
      tally.passed++;
      console.log(`  ✔ ${test.name} (${seconds(Date.now() - started)})`);
    } catch (error) {
      outcome.set(test.name, 'failed');
      tally.failed++;
      console.log(`  ✘ ${test.name} (${seconds(Date.now() - started)})`);
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes of assertion diffs
      console.log(indent(text.replace(/\x1b\[[0-9;]*m/g, ''), '      '));
      if (hooks.stopped?.()) continue;
      try {
        await hooks.onFailure?.(test, error);
      } catch (hookError) {
        console.log(`      (while collecting evidence: ${hookError instanceof Error ? hookError.message : String(hookError)})`);
      }
    }
  }
  return tally;
}

/** `label: N passed, N failed` (`, N skipped` when any were): the closing lines the runs are read by. */
export function tallyLine(label: string, tally: E2eTally): string {
  return `${label}: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" did not finish within ${seconds(ms)}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** Thrown by the assertion helpers; the message says what was expected and what was seen. */
export class AssertionFailed extends Error {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionFailed(message);
}

export function checkEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new AssertionFailed(`${what}: expected ${shown(expected)}, got ${shown(actual)}`);
}

export function checkMatch(actual: string | null | undefined, pattern: RegExp, what: string): void {
  if (actual == null || !pattern.test(actual)) {
    throw new AssertionFailed(`${what}: expected to match ${pattern}, got ${shown(actual)}`);
  }
}

/** JSON, with invisible characters spelled out: a failure must show why two texts differ. */
function shown(value: unknown): string {
  return (JSON.stringify(value) ?? 'undefined').replace(
    /[\u00a0\u00ad\u200b-\u200f\u2028-\u202f\u205f-\u206f\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Polls `probe` until it returns a value that is not undefined (or false), for UI state that arrives
 * asynchronously (a validation message, a row, the server's state). The timeout error shows the last
 * thing seen, so a failure says what the screen showed instead of "timeout".
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  description: string,
  { timeoutMs = 20_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
  lastSeen?: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      let seen = '';
      try {
        seen = lastSeen ? `; last seen: ${await lastSeen()}` : '';
      } catch {
        // The page may be gone; the description is enough.
      }
      const cause = lastError instanceof Error ? `; last error: ${lastError.message.split('\n')[0]}` : '';
      throw new AssertionFailed(`Timed out after ${seconds(timeoutMs)} waiting for ${description}${seen}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
