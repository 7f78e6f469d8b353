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
import { runGroup } from './failureHooks';
import { seconds, tallyLine, type E2eTally } from './harness';
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
  const hooks = (prefix: string) => ({ prefix, resultsDir, stopped: () => interrupted !== undefined });
  if (!only || only === 'journey') {
    tallies.push(
      await runGroup(
        'A new user in a real VS Code: sign in, create, inspect, copy, save as a GitHub secret, use in terminals, reload, delete',
        journey,
        hooks('journey'),
        () => journey.codeServerLogs,
      ),
    );
  }
  if (!interrupted && (!only || only === 'keyboard')) {
    tallies.push(
      await runGroup(
        'The first five minutes with the keyboard alone: walkthrough, welcome views, sign in, create, copy, rotate, delete; labels for screen readers',
        keyboard,
        hooks('keyboard'),
        () => keyboard.codeServerLogs,
      ),
    );
  }
  if (!interrupted && (!only || only === 'demo')) {
    // Its code-server runs inside `npm run demo`: the demo's terminal output is the log tail.
    tallies.push(await runGroup('npm run demo', demo, hooks('demo'), () => demo.demoOutput));
  }
  if (!interrupted && (!only || only === 'german')) {
    const tally = await runGroup('In German: code-server started with --locale de', german, hooks('german'), () => german.codeServerLogs);
    tallies.push(tally);
    console.log(tallyLine('e2e in German', tally));
  }
  const total = tallies.reduce((sum, t) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  console.log(`\nscreenshots: ${screenshotDir}`);
  console.log(`wall time: ${seconds(Date.now() - started)}`);
  if (interrupted) console.log(`e2e: interrupted by ${interrupted.signal}`);
  console.log(tallyLine('e2e', total));
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
