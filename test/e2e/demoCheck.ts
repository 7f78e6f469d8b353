// Checks `npm run demo` (scripts/demo.mjs) the way a user meets it: start it, open the printed URL,
// sign in with the printed token, see the seeded tree, Ctrl+C, and nothing is left running.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, type BrowserSession } from '../host/browser';
import { check, checkEqual, checkMatch, waitFor, type E2eTest } from './harness';
import { Workbench } from './workbench';

export interface DemoCheckOptions {
  root: string;
  screenshotDir: string;
}

/** What seedDemoData creates, newest first is not assumed; with the state each row must show. */
const seeded: Array<[string, RegExp]> = [
  ['Stand-in account token', /^no expiry · signed in with this$/],
  ['Production deploys', /^no expiry$/],
  ['Preview bot', /^expires in [23] hours$/],
  ['Staging CI', /^expires in (47 hours|2 days)$/],
  ['GitHub Actions', /^expires in (59|60) days$/],
  ['Old laptop', /^expired$/],
  ['Contractor access', /^revoked$/],
  ['Dotfiles sync', /^leaked$/],
  ['Vercel CLI on demo-macbook', /^expires in (\d+ minutes|1 hour)$/],
  // A team-scoped token names its team.
  ['Acme deploys', /^no expiry · Acme$/],
  ['Marketplace integration', /^no expiry$/],
  ['Unused sandbox', /^no expiry$/],
];

export class DemoCheck {
  private demo?: ChildProcess;
  private output = '';
  private scratch?: string;
  private blocker?: Server;
  private browser?: BrowserSession;
  private wb?: Workbench;
  private url?: string;
  private apiUrl?: string;
  private accountToken?: string;
  private exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(private readonly options: DemoCheckOptions) {}

  get openWorkbench(): Workbench | undefined {
    return this.wb;
  }

  /** The demo's terminal output so far. */
  get demoOutput(): string {
    return this.output;
  }

  get scratchDir(): string | undefined {
    return this.scratch;
  }

  /** Asks a still-running demo to stop (it cleans up itself), closes the browser. Safe to call twice. */
  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
    if (this.demo && this.demo.exitCode === null && this.demo.signalCode === null) {
      this.demo.kill('SIGTERM');
      await Promise.race([this.exit, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    }
    await new Promise<void>((resolve) => (this.blocker ? this.blocker.close(() => resolve()) : resolve()));
    this.blocker = undefined;
    if (this.scratch) await rm(this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }

  /** For a synchronous 'exit' handler: the demo stops itself on SIGTERM. */
  killNow(): void {
    if (this.demo && this.demo.exitCode === null) this.demo.kill('SIGTERM');
  }

  tests(): E2eTest[] {
    const start = 'npm run demo: a busy port falls back to a free one; prints URL, account token, "Ctrl+C to stop"';
    const tree = 'demo: the printed URL and token sign in to the seeded tree (every state, a team token)';
    return [
      { name: start, timeoutMs: 180_000, run: () => this.start() },
      { name: tree, needs: [start], run: () => this.signInAndLook() },
      { name: 'demo: SIGINT stops code-server and the API; no process and no scratch folder left', needs: [start], run: () => this.stop() },
    ];
  }

  private async start(): Promise<void> {
    const script = join(this.options.root, 'scripts', 'demo.mjs');
    check(existsSync(script), `${script} exists`);
    // The demo's temp files go under our scratch dir, so every process it starts can be found by path.
    this.scratch = await mkdtemp(join(tmpdir(), 'vercel-tokens-e2e-demo-'));
    // Hold a port and ask the demo for it: it must notice and take another one.
    this.blocker = createServer();
    await new Promise<void>((resolve) => this.blocker?.listen(0, '127.0.0.1', resolve));
    const busyPort = (this.blocker.address() as AddressInfo).port;

    const demo = spawn(process.execPath, [script], {
      cwd: this.options.root,
      env: { ...process.env, DEMO_SKIP_BUILD: '1', DEMO_PORT: String(busyPort), TMPDIR: this.scratch },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.demo = demo;
    this.exit = new Promise((resolve) => demo.once('exit', (code, signal) => resolve({ code, signal })));
    demo.stdout?.setEncoding('utf8').on('data', (text: string) => (this.output += text));
    demo.stderr?.setEncoding('utf8').on('data', (text: string) => (this.output += text));

    await waitFor(
      () => (demo.exitCode !== null ? Promise.reject(new Error(`the demo exited with ${demo.exitCode}`)) : /Ctrl\+C to stop\./.test(this.output)),
      'the demo to print "Ctrl+C to stop."',
      { timeoutMs: 150_000, intervalMs: 250 },
      () => JSON.stringify(this.output.slice(-600)),
    );
    checkMatch(this.output, new RegExp(`port ${busyPort} on 127\\.0\\.0\\.1 is in use; using a free port instead`), 'busy-port notice');
    this.url = /Open this URL:\s+(http:\/\/127\.0\.0\.1:(\d+)\/)\s/.exec(this.output)?.[1];
    this.accountToken = /Account token:\s+(vcp_[A-Za-z0-9]+)\s/.exec(this.output)?.[1];
    this.apiUrl = /Stand-in API:\s+(http:\/\/127\.0\.0\.1:\d+)\s/.exec(this.output)?.[1];
    check(this.url, `a URL on 127.0.0.1 in the demo output:\n${this.output}`);
    check(!this.url.includes(`:${busyPort}/`), `the demo did not take the busy port ${busyPort}`);
    check(this.accountToken, 'an account token in the demo output');
    check(this.apiUrl, 'the stand-in API URL in the demo output');
    const response = await fetch(this.url);
    checkEqual(response.ok, true, `GET ${this.url} answers`);
  }

  private async signInAndLook(): Promise<void> {
    check(this.url && this.accountToken, 'the demo printed its URL and token');
    this.browser = await launchBrowser();
    const wb = (this.wb = await Workbench.newPage(this.browser));
    const page = wb.page;
    await wb.open(this.url);
    await wb.openActivity('Vercel');
    await wb.widenSideBar(600);
    await wb.welcomeButton('Sign In with Access Token').click();
    await wb.waitForInputBox(/^Sign In to Vercel/);
    await page.keyboard.type(this.accountToken);
    await page.keyboard.press('Enter');
    await wb.toast(/^Signed in to Vercel as demo\.$/).waitFor();
    for (const [name] of seeded) await wb.treeRow(name).waitFor();
    const rows = await wb.treeRows();
    checkEqual(rows.length, seeded.length, `number of rows (${rows.map((row) => row.label).join(', ')})`);
    for (const [name, state] of seeded) checkMatch(rows.find((row) => row.label === name)?.description, state, `row "${name}"`);

    await wb.expandRow('Dotfiles sync');
    const fields = await waitFor(async () => {
      const children = await wb.childRows('Dotfiles sync');
      return children.some((row) => row.label === 'Leak URL') ? children : undefined;
    }, 'the fields of "Dotfiles sync"');
    checkEqual(fields.find((row) => row.label === 'Leak URL')?.description, 'https://github.com/demo/dotfiles/blob/main/.env', 'Leak URL row');
    // Out of the picture's way.
    await wb.closeToast(/^Signed in to Vercel as demo\.$/);
    await page.mouse.move(1000, 250);
    await wb.screenshot(join(this.options.screenshotDir, 'demo-tree.png'));
    // seedDemoData: leaked and last used exactly 2 days before the API started, a few seconds ago.
    // (A daylight-saving change in those 2 days makes it 1 calendar day and 23 or 25 hours.)
    const twoDaysAgo = Date.now() - 2 * 24 * 60 * 60 * 1000;
    const days = new Date(twoDaysAgo).getTimezoneOffset() === new Date().getTimezoneOffset() ? '2 days' : '(1|2) days?';
    for (const label of ['Leaked', 'Last used']) {
      checkMatch(fields.find((row) => row.label === label)?.description, new RegExp(`\\(${days} ago\\)$`), `${label} row of "Dotfiles sync"`);
    }
  }

  private async stop(): Promise<void> {
    const demo = this.demo;
    const scratch = this.scratch;
    check(demo && scratch && this.exit, 'the demo is running');
    // The browser tab stays open, as when a user presses Ctrl+C in the terminal.
    // Every process the demo started: code-server (found by its paths) and all below it.
    const running = processes();
    const codeServers = running.filter((p) => p.args.includes(scratch) && p.args.includes('code-server'));
    check(codeServers.length > 0, `a code-server process started by the demo (${scratch})`);
    const pids = new Set<number>();
    const groups = new Set<number>();
    for (const p of codeServers) {
      groups.add(p.pgid);
      for (const pid of [p.pid, ...descendantsOf(p.pid, running)]) pids.add(pid);
    }
    check(pids.size >= 2, `code-server and its children (${[...pids].join(', ')})`);

    demo.kill('SIGINT');
    const exit = await Promise.race([this.exit, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000))]);
    check(exit, 'the demo exits within 30s of SIGINT');
    checkEqual(exit.code, 0, 'demo exit code after Ctrl+C');
    checkMatch(this.output, /demo: stopped: code-server, the stand-in API and the scratch folder are gone\./, 'demo goodbye line');

    const left = processes().filter((p) => pids.has(p.pid) || groups.has(p.pgid) || p.args.includes(scratch));
    check(left.length === 0, `no process left by the demo; still running:\n${left.map((p) => `${p.pid} ${p.args}`).join('\n')}`);
    const demoDirs = readdirSync(scratch).filter((name) => name.startsWith('vercel-tokens-demo-'));
    checkEqual(demoDirs.join(', '), '', "the demo's scratch folders left behind");
    const apiUrl = new URL(this.apiUrl ?? 'http://127.0.0.1:1');
    check(!(await canConnect(apiUrl.hostname, Number(apiUrl.port))), `the stand-in API (${apiUrl.href}) is closed`);
    console.log(`      (${pids.size} processes of the demo's code-server were running; none is left)`);
    await this.browser?.close();
    this.browser = undefined;
  }
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

/** Every process on the machine (Linux /proc). */
function processes(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (fields[0] === 'Z') continue; // a zombie has exited; only its parent's bookkeeping is left
      list.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]), args });
    } catch {
      // Exited while we looked.
    }
  }
  return list;
}

function descendantsOf(pid: number, all: ProcessInfo[]): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const p of all) {
      if (p.ppid === parent) {
        found.push(p.pid);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
