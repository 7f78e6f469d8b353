// Starts a real VS Code (code-server 4.100.3, see shared/docs/real-vscode-here.md) for tests.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

export interface CodeServerOptions {
  workspaceFolder: string;
  /** Merged over the test defaults and written to `User/settings.json`. */
  settings?: Record<string, unknown>;
  extensionsDir?: string;
  userDataDir?: string;
  /** Added to this process's environment; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /**
   * VS Code's display language (`--locale`), e.g. 'de'. code-server ignores it unless a language
   * pack provides it: installLanguagePack() in languagePack.ts first.
   */
  locale?: string;
}

export interface CodeServerHost {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspaceFolder: string;
  /** Everything code-server printed so far. */
  logs(): string;
  /** Kills code-server's whole process group; safe to call more than once. */
  stop(): Promise<void>;
}

const startupTimeoutMs = 60_000;
const stopGraceMs = 5_000;

/** A quiet workbench: no welcome page, tips, telemetry, trust prompt or update checks. */
export const quietWorkbenchSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
};

export function repoRoot(): string {
  // The first package.json above this file, whether it runs from test/host or out/test/host.
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function codeServerBin(): string {
  const bin = join(repoRoot(), '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) {
    throw new Error(`code-server is not installed (${bin} is missing): run \`bash scripts/install-code-server.sh\` (npm run install:code-server)`);
  }
  return bin;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServerHost> {
  const ownDirs: string[] = [];
  const makeTempDir = async (prefix: string) => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    ownDirs.push(dir);
    return dir;
  };
  const userDataDir = options.userDataDir ?? (await makeTempDir('code-server-user-'));
  const extensionsDir = options.extensionsDir ?? (await makeTempDir('code-server-ext-'));
  // Its sockets, heartbeat and logs would otherwise pile up in /tmp and ~/.local/share/code-server.
  const runtimeDir = await makeTempDir('code-server-run-');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await writeFile(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietWorkbenchSettings, ...options.settings }, null, 2),
  );

  const child = spawn(
    codeServerBin(),
    codeServerArgs({ userDataDir, extensionsDir, bindAddr: '127.0.0.1:0', workspaceFolder: options.workspaceFolder, locale: options.locale }),
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: codeServerEnv({ TMPDIR: runtimeDir, XDG_DATA_HOME: runtimeDir, ...options.env }),
    },
  );
  const output: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (text: string) => output.push(text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => output.push(text));
  const logs = () => output.join('');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await killGroup(child);
      live.delete(child);
      await Promise.all(ownDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    })();
    return stopping;
  };
  live.set(child, ownDirs);
  registerExitCleanup();

  try {
    const port = await listeningPort(child, logs);
    return { url: `http://127.0.0.1:${port}/`, port, userDataDir, extensionsDir, workspaceFolder: options.workspaceFolder, logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function installVsix(vsixPath: string, dirs: { extensionsDir: string; userDataDir: string }): Promise<void> {
  try {
    await promisify(execFile)(codeServerBin(), [...isolationArgs(dirs), '--install-extension', vsixPath, '--force'], {
      env: codeServerEnv(),
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`code-server --install-extension ${vsixPath} failed: ${(error as Error).message}\n${stdout}${stderr}`, { cause: error });
  }
}

function isolationArgs({ userDataDir, extensionsDir }: { userDataDir: string; extensionsDir: string }): string[] {
  // Without --config code-server creates ~/.config/code-server/config.yaml with a password.
  return ['--config', join(userDataDir, 'code-server.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** How code-server runs for the tests and `npm run demo`: no password, quiet, opening `workspaceFolder`. */
export function codeServerArgs(options: { userDataDir: string; extensionsDir: string; bindAddr: string; workspaceFolder: string; locale?: string }): string[] {
  return [
    ...isolationArgs(options),
    '--auth', 'none',
    '--bind-addr', options.bindAddr,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    options.workspaceFolder,
  ];
}

export function codeServerEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // No extension gallery: the machines cannot reach one, and the workbench logs errors querying it.
  const env: NodeJS.ProcessEnv = { ...process.env, EXTENSIONS_GALLERY: '{}', ...extra };
  // Set inside a VS Code terminal; code-server would then hand its arguments to that VS Code.
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

function listeningPort(child: ChildProcess, logs: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`code-server did not start listening within ${startupTimeoutMs / 1000}s`), startupTimeoutMs);
    const onData = () => {
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(logs());
      if (match) done(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null, signal: string | null) => fail(`code-server exited (${signal ?? code}) before listening`);
    const onError = (error: Error) => fail(`code-server could not be started: ${error.message}`);
    const fail = (why: string) => done(() => reject(new Error(`${why}\n--- code-server output ---\n${logs()}`)));
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      settle();
    };
    // Registered after the capturing listeners, so logs() already holds the new chunk.
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

// code-server leaves children (file watcher, extension host) behind unless the whole group is killed.
// Each running code-server, with the temp dirs it owns.
const live = new Map<ChildProcess, string[]>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, stopGraceMs)))]);
  clearTimeout(timer);
  // Stragglers that ignored SIGTERM or outlived the main process.
  signalGroup(child, 'SIGKILL');
}

let exitCleanupRegistered = false;

function registerExitCleanup(): void {
  if (exitCleanupRegistered) return;
  exitCleanupRegistered = true;
  const killAll = () => {
    for (const [child, ownDirs] of live) {
      signalGroup(child, 'SIGKILL');
      for (const dir of ownDirs) rmSync(dir, { recursive: true, force: true });
    }
    live.clear();
  };
  // 'exit' also runs after an uncaught exception; only synchronous work is possible there.
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      // Our listener replaced Node's default handling: die by the same signal as it would have.
      process.kill(process.pid, signal);
    });
  }
}
