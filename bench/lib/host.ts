// Runs the bench module (bench/host/index.ts) in a fresh real extension host: a new code-server
// (fresh user-data and extensions dirs, see test/host/codeServer.ts) opened by a fresh browser
// context, with the payload route naming the extensions under development and the bench module.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, type CodeServerHost } from '../../test/host/codeServer';
import { runExtensionTests } from '../../test/host/extensionTests';
import { CONFIG_FILE, type BenchConfig, type BenchResult } from './protocol';

export interface HostRun<W = unknown> {
  label: string;
  browser: Browser;
  extensionDevelopmentPaths: string[];
  extensionTestsPath: string;
  /** Without resultPath: the run picks it. */
  config: DistributiveOmit<BenchConfig, 'resultPath'>;
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Lines the bench module prints with the `[bench]` prefix. */
  onLog?: (line: string) => void;
  /**
   * Reads the workbench page while the bench module runs. The module gets `releasePath` in its
   * config and waits for that file before returning from run(); the runner writes it once this
   * settles (also when it fails).
   */
  whileRunning?: (page: Page) => Promise<W>;
  /** The browser page's size; Playwright's default 1280×720 without it. */
  viewport?: { width: number; height: number };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function runInHost<R extends BenchResult, W = unknown>(
  run: HostRun<W>,
): Promise<{ result: R; wallMs: number; read?: W }> {
  const started = performance.now();
  const workspaceFolder = await mkdtemp(join(tmpdir(), 'vercel-tokens-bench-ws-'));
  const resultDir = await mkdtemp(join(tmpdir(), 'vercel-tokens-bench-out-'));
  const resultPath = join(resultDir, 'result.json');
  const releasePath = run.whileRunning ? join(resultDir, 'release') : undefined;
  await writeFile(join(workspaceFolder, CONFIG_FILE), JSON.stringify({ ...run.config, resultPath, releasePath }, null, 2));

  const hostLog: string[] = [];
  let host: CodeServerHost | undefined;
  let context: Awaited<ReturnType<Browser['newContext']>> | undefined;
  try {
    host = await startCodeServer({ workspaceFolder, settings: run.settings, env: run.env });
    context = await run.browser.newContext(run.viewport ? { viewport: run.viewport } : {});
    const page = await context.newPage();
    page.on('pageerror', (error) => hostLog.push(`[page error] ${error.message}`));
    let read: { value: W } | { error: unknown } | undefined;
    const whileRunning = run.whileRunning;
    const reading = whileRunning && (async () => {
      try {
        read = { value: await whileRunning(page) };
      } catch (error) {
        read = { error };
      }
      // Also after a failure, so the module does not wait out its own timeout.
      await writeFile(releasePath!, '').catch(() => undefined);
    })();
    const code = await runExtensionTests(page, host, {
      developmentPaths: run.extensionDevelopmentPaths,
      testsPath: run.extensionTestsPath,
      onLog: (_type, line) => {
        hostLog.push(line);
        if (line.startsWith('[bench]')) run.onLog?.(line);
      },
      timeoutMs: run.timeoutMs,
    });
    if (code !== 0) {
      const why = code === -1 ? `no result within ${run.timeoutMs / 1000}s` : `the bench module failed (exit code ${code})`;
      throw new Error(`${run.label}: ${why}\n--- extension host / workbench log (last 60 lines) ---\n${hostLog.slice(-60).join('\n')}`);
    }
    // run() returned after the release, so the reading has settled.
    await reading;
    if (read && 'error' in read) {
      throw new Error(`${run.label}: reading the workbench failed: ${read.error instanceof Error ? read.error.message : String(read.error)}`);
    }
    const result = JSON.parse(await readFile(resultPath, 'utf8')) as R;
    return { result, wallMs: performance.now() - started, read: read && 'value' in read ? read.value : undefined };
  } finally {
    await context?.close().catch(() => undefined);
    await host?.stop();
    await rm(workspaceFolder, { recursive: true, force: true });
    await rm(resultDir, { recursive: true, force: true });
  }
}
