// Runs the bench module (bench/host/index.ts) in a fresh real extension host: a new code-server
// (fresh user-data and extensions dirs, see test/host/codeServer.ts) opened by a fresh browser
// context, with the payload route naming the extensions under development and the bench module.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type CodeServerHost } from '../../test/host/codeServer';
import { runExtensionTests } from '../../test/host/extensionTests';
import { CONFIG_FILE, type BenchConfig, type BenchResult } from './protocol';

export interface HostRun {
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
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function runInHost<R extends BenchResult>(run: HostRun): Promise<{ result: R; wallMs: number }> {
  const started = performance.now();
  const workspaceFolder = await mkdtemp(join(tmpdir(), 'vercel-tokens-bench-ws-'));
  const resultDir = await mkdtemp(join(tmpdir(), 'vercel-tokens-bench-out-'));
  const resultPath = join(resultDir, 'result.json');
  await writeFile(join(workspaceFolder, CONFIG_FILE), JSON.stringify({ ...run.config, resultPath }, null, 2));

  const hostLog: string[] = [];
  let host: CodeServerHost | undefined;
  let context: Awaited<ReturnType<Browser['newContext']>> | undefined;
  try {
    host = await startCodeServer({ workspaceFolder, settings: run.settings, env: run.env });
    context = await run.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => hostLog.push(`[page error] ${error.message}`));
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
    const result = JSON.parse(await readFile(resultPath, 'utf8')) as R;
    return { result, wallMs: performance.now() - started };
  } finally {
    await context?.close().catch(() => undefined);
    await host?.stop();
    await rm(workspaceFolder, { recursive: true, force: true });
    await rm(resultDir, { recursive: true, force: true });
  }
}
