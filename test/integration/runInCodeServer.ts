// Runs the extension-host test suite inside a real VS Code: code-server's web workbench in chromium.
// `npm run test:integration`. Extra user settings: INTEGRATION_SETTINGS='{"key": value}';
// overall timeout: INTEGRATION_TIMEOUT_MS (default 8 minutes); to keep VS Code's logs (the
// extension's output channel among them) after the run: INTEGRATION_USER_DATA_DIR=/some/dir.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserSession, launchBrowser } from '../host/browser';
import { CodeServerHost, repoRoot, startCodeServer } from '../host/codeServer';

export interface IntegrationRunOptions {
  /** Compiled module exporting `run()`; defaults to the suite beside this file. */
  extensionTestsPath?: string;
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Kept after the run; a fresh temp dir, removed afterwards, by default. */
  userDataDir?: string;
}

const defaultTimeoutMs = 8 * 60_000;

/** Resolves to the suite's exit code: 0 when every test passed. */
export async function runInCodeServer(options: IntegrationRunOptions = {}): Promise<number> {
  const extensionTestsPath = options.extensionTestsPath ?? join(__dirname, 'suite', 'index.js');
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const started = Date.now();
  const workspaceFolder = await mkdtemp(join(tmpdir(), 'vercel-tokens-ws-'));
  // The finally below does not run when a signal ends the process.
  const removeWorkspace = () => rmSync(workspaceFolder, { recursive: true, force: true });
  process.on('exit', removeWorkspace);
  let host: CodeServerHost | undefined;
  let browser: BrowserSession | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      console.error(`runInCodeServer: no result after ${timeoutMs / 1000}s: the tests hang or the workbench never ran them.`);
      if (host) console.error(`--- code-server output ---\n${host.logs()}`);
      resolve(1);
    }, timeoutMs);
  });

  const run = async (): Promise<number> => {
    host = await startCodeServer({ workspaceFolder, settings: options.settings, env: options.env, userDataDir: options.userDataDir });
    console.log(`runInCodeServer: code-server listening on ${host.url} after ${elapsed(started)}`);
    browser = await launchBrowser();
    const page = await browser.context.newPage();

    let reportExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    // The workbench calls these when the page defines them (IAutomatedWindow in VS Code). Its log
    // service, which also carries the extension host's console output, arrives in codeAutomationLog
    // as plain text; the same lines reach the page console wrapped in %c styling, so skip those there.
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      (type === 'error' || type === 'warn' ? console.error : console.log)(args.map(String).join(' '));
    });
    page.on('console', (message) => {
      if (!message.text().startsWith('%c')) console.log(`[page ${message.type()}] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));

    await page.goto(testUrl(host, extensionTestsPath));
    const code = await exited;
    console.log(`runInCodeServer: extension host reported exit code ${code} after ${elapsed(started)}`);
    return code;
  };

  const running = run();
  // After a timeout, closing the browser under it makes run() reject; that is no news.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, timedOut]);
  } catch (error) {
    console.error('runInCodeServer:', error);
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await host?.stop();
    await rm(workspaceFolder, { recursive: true, force: true });
    process.off('exit', removeWorkspace);
  }
}

function testUrl(host: CodeServerHost, extensionTestsPath: string): string {
  // The extension host runs in the server, so paths are URIs of the server's file system.
  const remote = (path: string) => `vscode-remote://127.0.0.1:${host.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot())],
    ['extensionTestsPath', remote(extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  return `${host.url}?folder=${encodeURIComponent(host.workspaceFolder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

function jsonFromEnv(name: string): Record<string, unknown> | undefined {
  const value = process.env[name];
  return value ? (JSON.parse(value) as Record<string, unknown>) : undefined;
}

if (require.main === module) {
  runInCodeServer({
    settings: jsonFromEnv('INTEGRATION_SETTINGS'),
    timeoutMs: Number(process.env.INTEGRATION_TIMEOUT_MS) || undefined,
    userDataDir: process.env.INTEGRATION_USER_DATA_DIR || undefined,
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
