// Runs the extension-host test suite inside a real VS Code: code-server's web workbench in chromium.
// `npm run test:integration`. Extra user settings: INTEGRATION_SETTINGS='{"key": value}';
// overall timeout: INTEGRATION_TIMEOUT_MS (default 8 minutes); to keep VS Code's logs (the
// extension's output channel among them) after the run: INTEGRATION_USER_DATA_DIR=/some/dir.
//
// The workspace is a git repository (gitWorkspace below) and the stand-in GitHub sign-in
// (test/host/github-auth-standin) is installed beside the extension, for every suite.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BrowserSession, launchBrowser } from '../host/browser';
import { CodeServerHost, repoRoot, startCodeServer } from '../host/codeServer';
import { runExtensionTests } from '../host/extensionTests';
import { installGitHubStandin } from '../host/githubAuthStandin';

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

/** The remotes of the test workspace's repository (gitWorkspace). */
export const workspaceRemotes = {
  origin: 'https://github.com/acme/web.git',
  upstream: 'git@github.com:acme/upstream.git',
} as const;

/**
 * Makes `folder` a git repository on `main` with one commit: the remotes above, a .gitignore that
 * ignores `.env.local` and `.env.*.local`, and tracked `.env.example` and `.env`.
 */
export async function gitWorkspace(folder: string): Promise<void> {
  // The machine's own git configuration (signing, hooks, default branch) stays out of it.
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = async (...args: string[]) => {
    try {
      await promisify(execFile)('git', args, { cwd: folder, env });
    } catch (error) {
      const { stderr = '' } = error as { stderr?: string };
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is git installed? scripts/install-code-server.sh installs it)' : '';
      throw new Error(`git ${args.join(' ')} failed in ${folder}${missing}: ${(error as Error).message}\n${stderr}`, { cause: error });
    }
  };
  await git('init', '-q', '-b', 'main');
  // Local settings: they also hold when VS Code's git extension commits in the workspace.
  await git('config', 'user.name', 'Vercel Tokens Tests');
  await git('config', 'user.email', 'tests@vercel-tokens.invalid');
  await git('config', 'commit.gpgsign', 'false');
  for (const [name, url] of Object.entries(workspaceRemotes)) await git('remote', 'add', name, url);
  await writeFile(join(folder, '.gitignore'), '.env.local\n.env.*.local\n');
  await writeFile(join(folder, '.env.example'), '# example\nVERCEL_TOKEN=\n');
  await writeFile(join(folder, '.env'), 'OTHER=1\n');
  await git('add', '.gitignore', '.env.example', '.env');
  await git('commit', '-q', '-m', 'Test workspace');
}

/** Resolves to the suite's exit code: 0 when every test passed. */
export async function runInCodeServer(options: IntegrationRunOptions = {}): Promise<number> {
  const extensionTestsPath = options.extensionTestsPath ?? join(__dirname, 'suite', 'index.js');
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const started = Date.now();
  const workspaceFolder = await mkdtemp(join(tmpdir(), 'vercel-tokens-ws-'));
  const extensionsDir = await mkdtemp(join(tmpdir(), 'vercel-tokens-ext-'));
  // The finally below does not run when a signal ends the process.
  const removeWorkspace = () => {
    for (const dir of [workspaceFolder, extensionsDir]) rmSync(dir, { recursive: true, force: true });
  };
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
    await gitWorkspace(workspaceFolder);
    await installGitHubStandin(extensionsDir);
    host = await startCodeServer({ workspaceFolder, extensionsDir, settings: options.settings, env: options.env, userDataDir: options.userDataDir });
    console.log(`runInCodeServer: code-server listening on ${host.url} after ${elapsed(started)}`);
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    // The log service's lines reach the page console too, wrapped in %c styling: skip those there.
    page.on('console', (message) => {
      if (!message.text().startsWith('%c')) console.log(`[page ${message.type()}] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    const code = await runExtensionTests(page, host, {
      developmentPaths: [repoRoot()],
      testsPath: extensionTestsPath,
      onLog: (type, line) => (type === 'error' || type === 'warn' ? console.error : console.log)(line),
    });
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
    for (const dir of [workspaceFolder, extensionsDir]) await rm(dir, { recursive: true, force: true });
    process.off('exit', removeWorkspace);
  }
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
