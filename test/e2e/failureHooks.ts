// What the UI test runs (test/e2e/run.ts, test/web/run.ts) do after a failed test: a screenshot in
// test-results/, the notifications, the page console and the server's log tail; then the UI is
// brought back to a known state for the next test. runGroup: one group of such a run, closed after.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runTests, type E2eHooks, type E2eTally, type E2eTest } from './harness';
import type { Workbench } from './workbench';

const consoleLinesOnFailure = 80;

export function failureHooks({ prefix, resultsDir, stopped }: { prefix: string; resultsDir: string; stopped: () => boolean }, workbench: () => Workbench | undefined, extraLogs: () => string): E2eHooks {
  return {
    stopped,
    async onFailure(test: E2eTest) {
      const wb = workbench();
      if (wb) {
        const file = join(resultsDir, `${prefix}-${slug(test.name)}.png`);
        await mkdir(resultsDir, { recursive: true });
        await wb.page.screenshot({ path: file }).then(
          () => console.log(`      screenshot: ${file}`),
          (error: Error) => console.log(`      (no screenshot: ${error.message.split('\n')[0]})`),
        );
        const toasts = await wb.toastTexts().catch(() => []);
        console.log(`      toasts: ${JSON.stringify(toasts)}; bell: ${JSON.stringify(await wb.notificationBell().catch(() => '?'))}`);
        const seen = await wb.recordedNotifications().catch(() => []);
        if (seen.length) console.log(`      notifications seen since the page loaded:\n${seen.map((line) => `        ${line}`).join('\n')}`);
        console.log(`      --- page console (last ${consoleLinesOnFailure} lines) ---`);
        for (const line of wb.console.slice(-consoleLinesOnFailure)) console.log(`      ${line}`);
        await wb.dismissAll();
      }
      const logs = extraLogs().trim();
      if (logs) {
        console.log('      --- log tail ---');
        for (const line of logs.split('\n').slice(-40)) console.log(`      ${line}`);
      }
    },
  };
}

/** A journey or check as the runs drive it. */
export interface TestGroup {
  tests(): E2eTest[];
  /** For the failure hooks. */
  readonly openWorkbench: Workbench | undefined;
  /** Stops what the group started; the run's signal handler may call it too. */
  close(): Promise<void>;
}

/** Runs `group`'s tests with the failure hooks (`extraLogs` as the log tail), then closes it, also when they throw. */
export async function runGroup(title: string, group: TestGroup, options: { prefix: string; resultsDir: string; stopped: () => boolean }, extraLogs: () => string): Promise<E2eTally> {
  try {
    return await runTests(title, group.tests(), failureHooks(options, () => group.openWorkbench, extraLogs));
  } finally {
    await group.close();
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
