// `npm run test:hygiene`: the secret-hygiene session (test/integration/suite/hygiene*.test.ts) in a
// real VS Code (code-server 4.100.3) with EVERYTHING at trace level — the server (LOG_LEVEL=trace),
// the workbench and the extension host (`logLevel` in the development payload) — and every folder
// the server may write to kept in one temp dir: user data (logs, User/globalStorage, workspaceStorage,
// settings), extensions, runtime dir (TMPDIR, XDG_DATA_HOME), HOME and the workspace. The browser
// runs with a persistent profile. After VS Code has exited (so every log is flushed), the values the
// test wrote to a side file are searched for in every one of those files and in the server's output.
//
// The browser profile is searched too, and reported: code-server keeps SecretStorage in the browser
// (localStorage), so that is the one place a value may legitimately be; anywhere else in the
// browser profile fails the run. Keep the files with HYGIENE_KEEP=1.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, clipboardPermissions } from '../host/browser';
import { repoRoot, startCodeServer, type CodeServerHost } from '../host/codeServer';
import { runExtensionTests } from '../host/extensionTests';
import { installGitHubStandin } from '../host/githubAuthStandin';
import { gitWorkspace } from '../integration/runInCodeServer';
import { describeMatch, findFiles, scanForSecrets, type Secret } from './scan';

const timeoutMs = Number(process.env.HYGIENE_TIMEOUT_MS) || 4 * 60_000;

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

async function main(): Promise<number> {
  const started = Date.now();
  const root = await mkdtemp(join(tmpdir(), 'vercel-tokens-hygiene-'));
  const dirs = {
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
    runtime: join(root, 'runtime'),
    home: join(root, 'home'),
    browser: join(root, 'browser-profile'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  const valuesFile = join(root, 'values.json');
  const serverRoots = [dirs.userData, dirs.extensions, dirs.workspace, dirs.runtime, dirs.home];
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail?: string) => checks.push({ name, ok, detail });

  let host: CodeServerHost | undefined;
  try {
    // The same workspace and stand-in GitHub sign-in as the integration run's.
    await gitWorkspace(dirs.workspace);
    await installGitHubStandin(dirs.extensions);
    host = await startCodeServer({
      workspaceFolder: dirs.workspace,
      userDataDir: dirs.userData,
      extensionsDir: dirs.extensions,
      env: {
        LOG_LEVEL: 'trace',
        TMPDIR: dirs.runtime,
        XDG_DATA_HOME: dirs.runtime,
        HOME: dirs.home,
        VERCEL_TOKENS_HYGIENE_OUT: valuesFile,
        VERCEL_TOKENS_HYGIENE_USER_DATA_DIR: dirs.userData,
        VERCEL_TOKENS_HYGIENE_SCAN_DIRS: JSON.stringify(serverRoots),
      },
    });
    console.log(`hygiene: code-server on ${host.url}, files under ${root}`);
    const context = await chromium.launchPersistentContext(dirs.browser, {
      ...chromiumLaunchOptions,
      headless: true,
      permissions: clipboardPermissions,
    });
    try {
      const exitCode = await runExtensionTests(await context.newPage(), host, {
        developmentPaths: [repoRoot()],
        testsPath: join(__dirname, 'suite.js'),
        logLevel: 'trace',
        onLog: (type, line) => {
          // At trace level the workbench is chatty; keep the test reporter's lines and errors.
          if (/^Error while resolving configuration file/.test(line)) return; // the workspace has no .vscode folder
          if (type === 'error' || /^\s*(✔|✗|\d+\)|\d+ (passing|failing|pending)|hygiene|AssertionError|Error)/.test(line)) console.log(line);
        },
        timeoutMs,
      });
      check('the extension-host session passed', exitCode === 0, exitCode === -1 ? `no result after ${timeoutMs / 1000} s` : `exit code ${exitCode}`);
    } finally {
      await context.close(); // flushes the browser profile
    }
  } catch (error) {
    check('code-server and the browser ran', false, String(error));
  }
  const serverOutput = host?.logs() ?? '';
  await host?.stop(); // VS Code exits: its logs and state are flushed

  // --- What the session wrote for us ---
  let secrets: Secret[] = [];
  let marker = '';
  if (existsSync(valuesFile)) {
    ({ secrets, marker } = JSON.parse(await readFile(valuesFile, 'utf8')) as { secrets: Secret[]; marker: string });
  }
  check('the session handed over the values it created', secrets.length >= 5, `${secrets.length} values`);

  // --- Trace level was really on ---
  const logsDir = join(dirs.userData, 'logs');
  const extensionLogs = existsSync(logsDir) ? findFiles(logsDir, 'Vercel Tokens.log') : [];
  const extensionLog = extensionLogs.map((file) => readFileSync(file, 'utf8')).join('\n');
  check('the "Vercel Tokens" log file has trace lines', marker !== '' && extensionLog.includes(`[trace] ${marker}: trace is on`), extensionLogs.join(', '));
  check('the log file records the requests', /\[info\] POST \/v3\/user\/tokens → 200 in \d+ ms/.test(extensionLog));
  const traceLinesOf = (name: string) =>
    (existsSync(logsDir) ? findFiles(logsDir, name) : []).flatMap((file) => readFileSync(file, 'utf8').split('\n')).filter((line) => line.includes('[trace]')).length;
  const agentTrace = traceLinesOf('remoteagent.log');
  const hostTrace = traceLinesOf('remoteexthost.log');
  check('the server logged at trace (remoteagent.log)', agentTrace > 0, `${agentTrace} trace lines`);
  check('the extension host logged at trace (remoteexthost.log)', hostTrace > 0, `${hostTrace} trace lines`);

  // --- No value in any file of the server, nor in what it printed ---
  const control: Secret = { label: 'CONTROL: the trace marker', value: `${marker}: trace is on` };
  const server = scanForSecrets(serverRoots, [...secrets, control]);
  const leaks = server.findings.filter((finding) => !finding.label.startsWith('CONTROL'));
  check('the search read the extension log (control)', server.findings.some((finding) => finding.label.startsWith('CONTROL') && finding.file.endsWith('Vercel Tokens.log')));
  check(
    `no token value in the ${server.files} files (${server.bytes} bytes) the VS Code server wrote`,
    secrets.length > 0 && leaks.length === 0,
    leaks.map((finding) => `${finding.label} in ${finding.root}/${finding.file} (${describeMatch(finding)})`).join('; '),
  );
  const printed = secrets.filter((secret) => serverOutput.includes(secret.value)).map((secret) => secret.label);
  check('no token value in what code-server printed', printed.length === 0, printed.join(', '));
  console.log(`hygiene: searched ${server.files} server files, e.g. ${server.scanned.filter((file) => /logs|globalStorage|workspaceStorage|settings/.test(file)).slice(0, 12).join(', ')}`);

  // --- The browser profile: where SecretStorage lives in code-server ---
  const browser = scanForSecrets([dirs.browser], secrets);
  const outsideLocalStorage = browser.findings.filter((finding) => !/(^|\/)Local Storage\//.test(finding.file));
  const inLocalStorage = browser.findings.filter((finding) => /(^|\/)Local Storage\//.test(finding.file));
  console.log(
    `hygiene: browser profile: ${browser.files} files (${browser.bytes} bytes, ${browser.decodedBytes} more decoded); values in plain text in Local Storage: ${inLocalStorage.length}` +
      (inLocalStorage.length ? ` (${[...new Set(inLocalStorage.map((finding) => finding.label))].join(', ')})` : ''),
  );
  // Control: the workbench's own trace log (kept in IndexedDB, often Snappy-compressed), with its lines
  // about this extension's SecretStorage calls (keys only), is readable to the search, decoded or not.
  const browserControl = scanForSecrets([dirs.browser], [
    { label: 'control', value: '[mainThreadSecretState] Getting password for vercel-tokens.vercel-tokens extension' },
  ]).findings;
  check('the search reads the workbench trace log in the browser profile, decoded or not (control)', browserControl.some((finding) => /IndexedDB/.test(finding.file)));
  const providerKey = scanForSecrets([dirs.browser], [{ label: 'secrets.provider', value: 'secrets.provider' }]).findings.filter((finding) =>
    /(^|\/)Local Storage\//.test(finding.file),
  );
  check(
    "SecretStorage is in the browser's Local Storage (key secrets.provider), sealed: no value in plain text there",
    providerKey.length > 0 && inLocalStorage.length === 0,
    `${providerKey.length} file(s) with the key, ${inLocalStorage.length} plain-text value(s)`,
  );
  check(
    'no token value in the browser profile outside Local Storage (IndexedDB state, caches, cookies)',
    outsideLocalStorage.length === 0,
    outsideLocalStorage.map((finding) => `${finding.label} in ${finding.file} (${describeMatch(finding)})`).join('; '),
  );

  for (const { name, ok, detail } of checks) console.log(`${ok ? '✔' : '✖'} ${name}${detail && (!ok || process.env.HYGIENE_VERBOSE) ? ` — ${detail}` : ''}`);
  const failed = checks.filter((entry) => !entry.ok).length;
  console.log(`hygiene: ${checks.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  if (process.env.HYGIENE_KEEP) console.log(`hygiene: files kept in ${root}`);
  else await rm(root, { recursive: true, force: true });
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
