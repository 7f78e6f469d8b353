#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code (code-server 4.100.3) in your browser, against the
// stand-in Vercel API seeded with demo data. No Vercel account is needed.
//
//   1. packages the extension (npm run package) and compiles the stand-in API (npm run compile-tests);
//   2. installs code-server and the Debian packages it needs (scripts/install-code-server.sh, idempotent);
//   3. starts the stand-in API with seedDemoData (tokens in every state, a team);
//   4. starts code-server with the VSIX installed and vercelTokens.apiUrl pointing at the API;
//   5. prints the URL and the account token to paste; Ctrl+C (or SIGTERM) stops everything.
//
// Environment:
//   DEMO_PORT        port for VS Code (default 8080; when busy a free one is used; 0 = any free port)
//   DEMO_HOST        address to bind (default 127.0.0.1). There is no password (--auth none): whoever
//                    reaches the port gets a VS Code with a terminal on this machine.
//   DEMO_SKIP_BUILD  1 = use the existing vercel-tokens.vsix and out/ (skips step 1)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = join(root, 'vercel-tokens.vsix');
const host = process.env.DEMO_HOST || '127.0.0.1';
const wantedPort = parsePort(process.env.DEMO_PORT ?? '8080');
const startupTimeoutMs = 90_000;
const stopGraceMs = 5_000;

const say = (line = '') => console.log(line);
const note = (line) => console.log(`demo: ${line}`);

// --- 1 + 2: build and install -------------------------------------------------------------------

function run(label, command, args) {
  note(`${label}…`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${label} failed: ${result.error.message}`);
  if (result.signal) process.kill(process.pid, result.signal); // Ctrl+C during a build step
  if (result.status !== 0) fail(`${label} failed (exit code ${result.status})`);
}

if (process.env.DEMO_SKIP_BUILD !== '1') {
  if (!existsSync(join(root, 'node_modules'))) fail('node_modules is missing: run `npm ci` first');
  run('packaging the extension (npm run package)', 'npm', ['run', '--silent', 'package']);
  run('compiling the stand-in Vercel API (npm run compile-tests)', 'npm', ['run', '--silent', 'compile-tests']);
}
if (!existsSync(vsix)) fail(`${vsix} is missing: run \`npm run package\` (or drop DEMO_SKIP_BUILD)`);
run('checking code-server (scripts/install-code-server.sh)', 'bash', [join(root, 'scripts', 'install-code-server.sh')]);

const require = createRequire(import.meta.url);
const { startFakeVercel, seedDemoData } = require(join(root, 'out', 'test', 'fake-vercel', 'server.js'));
const { codeServerArgs, codeServerBin, codeServerEnv, installVsix, quietWorkbenchSettings } = require(join(root, 'out', 'test', 'host', 'codeServer.js'));

// --- Everything started from here on is stopped by stop() ----------------------------------------

/** @type {import('node:child_process').ChildProcess | undefined} */
let codeServer;
let api;
let scratch;
let stopping;
let userDataDir;
let extensionsDir;
let runtimeDir;
let workspace;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl+C while stopping: give up waiting; the 'exit' handler still kills code-server.
      note('stopping now');
      process.exit(130);
    }
    void stop(0, signal === 'SIGINT' ? 'Ctrl+C' : signal);
  });
}
// `npm run demo` runs this under `sh -c`: when npm is stopped with SIGTERM the shell dies without
// passing the signal on. An orphaned demo stops itself rather than leave code-server running.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void stop(0, 'the parent process exited');
}, 1000).unref();
process.on('uncaughtException', (error) => {
  console.error(error);
  void stop(1, 'an unexpected error');
});
// Last resort (e.g. process.exit elsewhere): nothing may outlive the demo.
process.on('exit', () => {
  killProcessTree('SIGKILL');
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1, 'the demo could not start');
});

async function main() {
  scratch = await mkdtemp(join(tmpdir(), 'vercel-tokens-demo-'));
  userDataDir = join(scratch, 'user-data');
  extensionsDir = join(scratch, 'extensions');
  runtimeDir = join(scratch, 'runtime');
  workspace = join(scratch, 'vercel-tokens-demo');
  for (const dir of [userDataDir, join(userDataDir, 'User'), extensionsDir, runtimeDir, workspace]) mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(workspace, 'README.md'),
    '# Vercel Tokens demo\n\nA scratch folder for `npm run demo`; it is deleted when the demo stops.\n\n' +
      'Open the Vercel view in the activity bar, sign in with the account token printed in the terminal, ' +
      'and create, copy and delete tokens. Everything talks to a stand-in Vercel API on this machine.\n',
  );

  api = await startFakeVercel({ onRequest: logRequest });
  seedDemoData(api);

  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      { ...quietWorkbenchSettings, 'vercelTokens.apiUrl': api.url },
      null,
      2,
    ),
  );

  note('installing vercel-tokens.vsix into a fresh VS Code profile…');
  await installVsix(vsix, { extensionsDir, userDataDir });

  let port = wantedPort;
  if (port !== 0 && !(await isFree(host, port))) {
    note(`port ${port} on ${host} is in use; using a free port instead (set DEMO_PORT to choose another)`);
    port = 0;
  }
  let url;
  try {
    url = await startCodeServer(port);
  } catch (error) {
    // Someone took the port between the check and code-server binding it: one more try on any port.
    if (port === 0 || !/EADDRINUSE|address already in use/i.test(String(error))) throw error;
    note(`port ${port} was taken meanwhile; using a free port instead`);
    url = await startCodeServer(0);
  }

  const openUrl = browserUrl(url);
  const rule = '─'.repeat(78);
  say();
  say(rule);
  say(' Vercel Tokens demo: a real VS Code (code-server 4.100.3) against a stand-in Vercel API');
  say();
  say(`   Open this URL:   ${openUrl}`);
  if (openUrl !== url.href) say(`                    (listening on ${url.host}; from another machine use http://${hostname()}:${url.port}/)`);
  say(`   Account token:   ${api.accountToken}`);
  say('                    Vercel icon (▲) in the activity bar › Sign In with Access Token › paste it');
  say(`   Stand-in API:    ${api.url}  (${api.tokens().length} tokens in every state, team "acme"; no real Vercel account)`);
  say();
  say(' A new account token is made on every run: if VS Code says the old one is no longer');
  say(' accepted, sign in again with the token above.');
  if (!isLoopback(host)) say(` WARNING: bound to ${host} without a password; anyone who reaches the port gets a shell here.`);
  say();
  say(' Ctrl+C to stop.');
  say(rule);
  say();
}

// --- Helpers ----------------------------------------------------------------------------------------

/** Starts code-server detached (its own process group) and resolves with the URL it listens on. */
function startCodeServer(listenPort) {
  const logPath = join(scratch, `code-server-${listenPort}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(
    codeServerBin(),
    codeServerArgs({ userDataDir, extensionsDir, bindAddr: `${host.includes(':') ? `[${host}]` : host}:${listenPort}`, workspaceFolder: workspace }),
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv({ TMPDIR: runtimeDir, XDG_DATA_HOME: runtimeDir }) },
  );
  codeServer = child;
  let output = '';
  let settled = false;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => settle(new Error(`code-server did not start within ${startupTimeoutMs / 1000}s`)), startupTimeoutMs);
    const onData = (chunk) => {
      output += chunk;
      log.write(chunk);
      const match = settled ? null : /HTTP server listening on (https?:\/\/\S+)/.exec(output);
      if (match) settle(undefined, new URL(match[1]));
    };
    const onExit = (code, signal) => settle(new Error(`code-server exited (${signal ?? code}) before listening:\n${output}`));
    function settle(error, listening) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      if (error) {
        killProcessTree('SIGKILL');
        codeServer = undefined;
        reject(error);
        return;
      }
      // From now on an exit of code-server ends the demo.
      child.once('exit', (code, signal) => {
        if (stopping) return;
        console.error(`demo: code-server stopped unexpectedly (${signal ?? code}); its log:\n${tail(readFileSync(logPath, 'utf8'), 40)}`);
        void stop(1, 'code-server exited');
      });
      resolvePromise(listening);
    }
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => settle(new Error(`code-server could not be started: ${error.message}`)));
  });
}

/** Stops code-server (its whole process group and any descendant), the API, and removes the scratch dir. */
function stop(code, reason) {
  stopping ??= (async () => {
    say();
    note(`stopping (${reason})…`);
    await stopCodeServer();
    codeServer = undefined;
    await api?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    note('stopped: code-server, the stand-in API and the scratch folder are gone.');
    process.exit(code);
  })();
  return stopping;
}

async function stopCodeServer() {
  const child = codeServer;
  if (!child?.pid) return;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((done) => child.once('exit', done)) : Promise.resolve();
  const tree = descendants(child.pid);
  killProcessTree('SIGTERM', tree);
  await Promise.race([exited, new Promise((done) => setTimeout(done, stopGraceMs))]);
  // Stragglers: the file watcher and extension host can outlive the main process.
  killProcessTree('SIGKILL', [...tree, ...descendants(child.pid)]);
  const deadline = Date.now() + stopGraceMs;
  while (Date.now() < deadline && (groupAlive(child.pid) || tree.some(isAlive))) await new Promise((done) => setTimeout(done, 100));
}

function killProcessTree(signal, extraPids = []) {
  const pid = codeServer?.pid;
  if (!pid) return;
  const pids = [...extraPids, ...descendants(pid)];
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
  for (const other of pids) {
    try {
      process.kill(other, signal);
    } catch {
      // Gone already.
    }
  }
}

/** Every process below `pid` (Linux /proc); children that started their own session (terminals) included. */
function descendants(pid) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const children = new Map();
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isFree(bindHost, candidate) {
  return new Promise((resolvePromise) => {
    const probe = createServer();
    probe.once('error', () => resolvePromise(false));
    probe.listen({ host: bindHost, port: candidate, exclusive: true }, () => probe.close(() => resolvePromise(true)));
  });
}

function browserUrl(listening) {
  // 0.0.0.0 / :: are not addresses a browser can open.
  if (listening.hostname === '0.0.0.0' || listening.hostname === '[::]') return `http://127.0.0.1:${listening.port}/`;
  return listening.href;
}

function isLoopback(address) {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

function logRequest({ method, path, query, status, durationMs }) {
  const search = new URLSearchParams(query).toString();
  console.log(`  [api] ${method} ${path}${search ? `?${search}` : ''} → ${status ?? 'no answer'} (${durationMs ?? '-'} ms)`);
}

function parsePort(raw) {
  const value = Number(raw);
  if (!/^\d+$/.test(String(raw).trim()) || value > 65535) fail(`DEMO_PORT must be a port number (0 for any free port), not "${raw}"`);
  return value;
}

function tail(text, lines) {
  return text.split('\n').slice(-lines).join('\n');
}

function fail(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}
