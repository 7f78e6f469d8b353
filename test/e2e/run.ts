// UI end-to-end tests: `npm run test:e2e` (packages the extension, compiles, installs code-server, runs
// this). A new user's journey through the packaged VSIX in a real VS Code (code-server 4.100.3) driven
// with playwright-core and Debian's chromium, then `npm run demo` itself, then the VSIX in German
// (code-server started with `--locale de`).
//
//   node out/test/e2e/run.js [journey|keyboard|demo|german]   runs one group only
//   E2E_SCREENSHOT_DIR=dir                    where the screenshots of the main screens go: by default
//                                             test-results/screenshots (untracked), so a test run never
//                                             rewrites the repository; `npm run screenshots` sets docs/screenshots
//
// Closes with `e2e: N passed, N failed` (and `, N skipped` when a failure skipped later tests);
// exits non-zero when anything failed. On a failure: a screenshot in test-results/, the page console.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../host/codeServer';
import { DemoCheck } from './demoCheck';
import { failureHooks } from './failureHooks';
import { runTests, seconds, type E2eTally } from './harness';
import { KeyboardJourney } from './keyboardJourney';
import { GermanCheck } from './germanCheck';
import { TokenJourney } from './tokenJourney';

const root = repoRoot();
const resultsDir = join(root, 'test-results');
const screenshotDir = resolve(root, process.env.E2E_SCREENSHOT_DIR || join(resultsDir, 'screenshots'));

const journey = new TokenJourney({ vsixPath: join(root, 'vercel-tokens.vsix'), screenshotDir, resultsDir });
const keyboard = new KeyboardJourney({ vsixPath: join(root, 'vercel-tokens.vsix'), screenshotDir });
const demo = new DemoCheck({ root, screenshotDir });
const german = new GermanCheck({ vsixPath: join(root, 'vercel-tokens.vsix') });

let interrupted: { signal: NodeJS.Signals; code: number } | undefined;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (interrupted) return; // test/host/codeServer re-raises the signal after killing code-server
    interrupted = { signal, code };
    console.log(`\ne2e: ${signal}: stopping code-server, browser, demo and stand-in API…`);
    // Closing them ends the running test at once; main() then prints the summary and exits.
    void Promise.allSettled([journey.close(), keyboard.close(), demo.close(), german.close()]);
    setTimeout(() => process.exit(code), 20_000).unref();
  });
}
process.on('unhandledRejection', (reason) => {
  // A stray wait of a test that already failed (e.g. the page closed under it): say so, keep going.
  console.log(`e2e: unhandled rejection (ignored): ${reason instanceof Error ? reason.message.split('\n')[0] : String(reason)}`);
});
process.on('exit', () => {
  // Synchronous last resort; code-server groups are killed by test/host/codeServer's own handler.
  demo.killNow();
  for (const dir of [journey.scratchDir, keyboard.scratchDir, demo.scratchDir, german.scratchDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function main(): Promise<number> {
  const started = Date.now();
  const only = process.argv[2];
  const tallies: E2eTally[] = [];
  if (!only || only === 'journey') {
    try {
      tallies.push(
        await runTests(
          'A new user in a real VS Code: sign in, create, inspect, copy, save as a GitHub secret, use in terminals, reload, delete',
          journey.tests(),
          failureHooks({ prefix: 'journey', resultsDir, stopped: () => interrupted !== undefined }, () => journey.openWorkbench, () => journey.codeServerLogs),
        ),
      );
    } finally {
      await journey.close();
    }
  }
  if (!interrupted && (!only || only === 'keyboard')) {
    try {
      tallies.push(
        await runTests(
          'The first five minutes with the keyboard alone: walkthrough, welcome views, sign in, create, copy, rotate, delete; labels for screen readers',
          keyboard.tests(),
          failureHooks({ prefix: 'keyboard', resultsDir, stopped: () => interrupted !== undefined }, () => keyboard.openWorkbench, () => keyboard.codeServerLogs),
        ),
      );
    } finally {
      await keyboard.close();
    }
  }
  if (!interrupted && (!only || only === 'demo')) {
    try {
      tallies.push(
        await runTests('npm run demo', demo.tests(), failureHooks({ prefix: 'demo', resultsDir, stopped: () => interrupted !== undefined }, () => demo.openWorkbench, () => demo.demoOutput)),
      );
    } finally {
      await demo.close();
    }
  }
  if (!interrupted && (!only || only === 'german')) {
    try {
      const tally = await runTests(
        'In German: code-server started with --locale de',
        german.tests(),
        failureHooks({ prefix: 'german', resultsDir, stopped: () => interrupted !== undefined }, () => german.openWorkbench, () => german.codeServerLogs),
      );
      tallies.push(tally);
      console.log(`e2e in German: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
    } finally {
      await german.close();
    }
  }
  const total = tallies.reduce((sum, t) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  console.log(`\nscreenshots: ${screenshotDir}`);
  console.log(`wall time: ${seconds(Date.now() - started)}`);
  if (interrupted) console.log(`e2e: interrupted by ${interrupted.signal}`);
  console.log(`e2e: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  if (interrupted) return interrupted.code;
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
