// `npm run test:web`: the extension in code-server's web worker extension host (test/web/webJourney.ts),
// a run of its own. Closes with `web: N passed, N failed` (and `, N skipped`); exits non-zero when
// anything failed. On a failure: a screenshot in test-results/, the page console. WEB_KEEP=1 keeps
// the scratch folder (profile, user data) for a look.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../host/codeServer';
import { runGroup } from '../e2e/failureHooks';
import { seconds, tallyLine } from '../e2e/harness';
import { WebJourney } from './webJourney';

const root = repoRoot();
const resultsDir = join(root, 'test-results');
const journey = new WebJourney({ vsixPath: join(root, 'vercel-tokens.vsix'), resultsDir });

let interrupted: { signal: NodeJS.Signals; code: number } | undefined;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (interrupted) return; // test/host/codeServer re-raises the signal after killing code-server
    interrupted = { signal, code };
    console.log(`\nweb: ${signal}: stopping code-server, browser and stand-in API…`);
    void journey.close();
    setTimeout(() => process.exit(code), 20_000).unref();
  });
}
process.on('unhandledRejection', (reason) => {
  console.log(`web: unhandled rejection (ignored): ${reason instanceof Error ? reason.message.split('\n')[0] : String(reason)}`);
});
process.on('exit', () => {
  const dir = journey.scratchDir;
  if (dir && !process.env.WEB_KEEP) rmSync(dir, { recursive: true, force: true });
});

async function main(): Promise<number> {
  const started = Date.now();
  const tally = await runGroup(
    "VS Code for the web: the extension in code-server's web worker extension host",
    journey,
    { prefix: 'web', resultsDir, stopped: () => interrupted !== undefined },
    () => journey.codeServerLogs,
  );
  if (process.env.WEB_KEEP && journey.scratchDir) console.log(`web: files kept in ${journey.scratchDir}`);
  console.log(`wall time: ${seconds(Date.now() - started)}`);
  if (interrupted) console.log(`web: interrupted by ${interrupted.signal}`);
  console.log(tallyLine('web', tally));
  if (interrupted) return interrupted.code;
  return tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('web: 0 passed, 1 failed');
    process.exit(1);
  },
);
