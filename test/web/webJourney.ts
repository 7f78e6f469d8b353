// The extension in code-server's web worker extension host, driven through the UI: a web-only
// variant of the packaged VSIX (the same files, a manifest without `main` and `extensionKind`, see
// shared/docs/real-vscode-here.md) runs there. Sign in, create, list, copy, delete against the
// stand-in Vercel API answering CORS (sign in, create and delete through the flows chunk, which the
// bundle reads from the extension's files and evaluates on first use); then the stand-in refusing CORS; then the browser's storage
// and code-server's files are searched for the token values.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Worker } from 'playwright-core';
import { startFakeVercel } from '../fake-vercel/server';
import { launchPersistentBrowser, type BrowserSession } from '../host/browser';
import { installVsix, startCodeServer } from '../host/codeServer';
import { check, checkEqual, waitFor, type E2eTest } from '../e2e/harness';
import { JourneyHost } from '../e2e/journeyHost';
import { describeMatch, scanForSecrets, type Secret } from '../hygiene/scan';

const NEW_TOKEN = 'Web deploys';
const NOT_ON_THE_WEB = /is not available in VS Code for the web: .+\. It works in VS Code desktop and in a remote window/;
/** Not a secret: put into the page's storage so that the searches show they find what is there. */
const CONTROL = `control-${Date.now().toString(36)}-c0ntr01`;
const CONTROL_LABEL = 'CONTROL';
/** Where code-server's web workbench keeps SecretStorage: one Local Storage key (see README › On the web). */
const SECRET_STORAGE_KEY = 'secrets.provider';

export interface WebJourneyOptions {
  vsixPath: string;
  resultsDir: string;
}

/** What the in-page search reports for one page, frame or worker. */
interface StorageReport {
  where: string;
  searched: string[];
  found: { label: string; place: string }[];
  errors: string[];
}

// Its browser keeps a profile on disk (no Browser handle): the profile is searched after it closes.
export class WebJourney extends JourneyHost<WebJourneyOptions, Omit<BrowserSession, 'browser'>> {
  private dirs?: Record<'userData' | 'extensions' | 'workspace' | 'runtime' | 'home' | 'profile' | 'vsix', string>;
  private createdId?: string;
  /** Every value the session had (the account token, the created token), for the searches. */
  private readonly secrets: Secret[] = [];
  /** The values the page itself found under SecretStorage's key, in plain text (allowed only there). */
  private plainInSecretStorage = new Set<string>();

  /** WEB_KEEP=1 keeps the profile and code-server's files for a look (test/web/run.ts says where). */
  protected override keepsScratch(): boolean {
    return Boolean(process.env.WEB_KEEP);
  }

  tests(): E2eTest[] {
    const setup = 'setup: the web-only VSIX (no main, no extensionKind) in a fresh code-server; the stand-in API answers CORS';
    const missingChunk = "the flows chunk missing from the extension's files: Sign In says they could not be read and opens nothing (with the file back, the next test signs in)";
    const signIn = 'Sign In from the web worker: the browser sends the preflight, then the account token lists the tokens';
    const create = 'Create: the token is created, listed in the tree and selected';
    const copy = 'Copy Token Value: the stored value is on the clipboard';
    const notHere = 'GitHub secret, .env file and terminals say they are not available on the web, and nothing is sent';
    const del = 'Delete Token: the modal, then the token is gone from tree and API';
    const cors = 'the API refusing CORS: Sign In and Refresh say which host, that it may refuse a browser page, and that desktop or a remote works';
    const storage = "the browser's storage (Local and Session Storage, IndexedDB, Cache Storage of the page, its frames and workers) holds no token value";
    const files = "after the browser and code-server closed: no token value in the browser profile nor in code-server's files";
    return [
      { name: setup, timeoutMs: 240_000, run: () => this.setup() },
      // Before anything has loaded the flows chunk: the next load reads it again.
      { name: missingChunk, needs: [setup], run: () => this.missingChunk() },
      { name: signIn, needs: [setup], run: () => this.signIn() },
      { name: create, needs: [signIn], run: () => this.create() },
      { name: copy, needs: [create], run: () => this.copy() },
      { name: notHere, needs: [create], run: () => this.notAvailable() },
      { name: del, needs: [create], run: () => this.delete() },
      { name: cors, needs: [signIn], run: () => this.corsRefused() },
      { name: storage, needs: [signIn], run: () => this.searchStorage() },
      { name: files, needs: [signIn], timeoutMs: 180_000, run: () => this.searchFiles() },
    ];
  }

  // --- Tests ---------------------------------------------------------------------------------

  private async setup(): Promise<void> {
    const { root: scratch, userDataDir, extensionsDir, workspaceFolder } = await this.makeScratch('vercel-tokens-web-', 'my-project');
    const dirs = (this.dirs = {
      userData: userDataDir,
      extensions: extensionsDir,
      workspace: workspaceFolder,
      runtime: join(scratch, 'runtime'),
      home: join(scratch, 'home'),
      profile: join(scratch, 'browser-profile'),
      vsix: join(scratch, 'vsix'),
    });
    for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
    await writeFile(join(dirs.workspace, 'README.md'), '# A project\n');

    this.api = await startFakeVercel({ cors: true });
    this.secrets.push({ label: 'the account token', value: this.api.accountToken });
    this.api.addToken({ name: 'Preview deploys', expiresAt: Date.now() + 40 * 24 * 60 * 60 * 1000 });

    const webVsix = await webOnlyVsix(this.options.vsixPath, dirs.vsix);
    await installVsix(webVsix, { extensionsDir: dirs.extensions, userDataDir: dirs.userData });
    this.host = await startCodeServer({
      workspaceFolder: dirs.workspace,
      userDataDir: dirs.userData,
      extensionsDir: dirs.extensions,
      settings: { 'vercelTokens.apiUrl': this.api.url },
      env: { TMPDIR: dirs.runtime, XDG_DATA_HOME: dirs.runtime, HOME: dirs.home },
    });
    await this.openWorkspace(await launchPersistentBrowser(dirs.profile), dirs.workspace, (wb) => wb.recordNotifications());
  }

  private async missingChunk(): Promise<void> {
    const wb = this.workbench;
    const extensions = this.dirs?.extensions ?? '';
    const installed = (await readdir(extensions)).find((name) => name.startsWith('vercel-tokens.vercel-tokens-'));
    check(installed, `the extension is installed in ${extensions}`);
    const chunk = join(extensions, installed, 'dist', 'web', 'flows.js');
    // The first test after setup: the palette lists the extension's commands only once the web
    // worker host has taken its contributions in, which the view's welcome shows.
    await wb.openActivity('Vercel');
    await wb.welcomeButton('Sign In with Access Token').waitFor({ timeout: 60_000 });
    await rename(chunk, `${chunk}.away`);
    try {
      await wb.runCommand('Vercel: Sign In with Access Token');
      // VS Code reports the failed command as it reports any (a dialog from the palette), in the loader's words.
      const words = /The extension's files could not be read \(vscode-remote:\/\/[^)]+\/dist\/web\/flows\.js\): .+\. Reload the window; if it happens again, reinstall the extension\./;
      await wb.dialog().filter({ hasText: words }).waitFor({ timeout: 30_000 });
      check(!(await this.page.locator('.quick-input-widget .quick-input-box input').isVisible()), 'no sign-in box was opened');
      await this.page.keyboard.press('Escape');
      await wb.dialog().waitFor({ state: 'detached' });
    } finally {
      await rename(`${chunk}.away`, chunk);
    }
  }

  private async signIn(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    await wb.openActivity('Vercel');
    await wb.welcomeButton('Sign In with Access Token').click();
    await wb.waitForInputBox(/^Sign In to Vercel/);
    await wb.replaceInput(api.accountToken);
    await this.page.keyboard.press('Enter');
    await wb.toast(/^Signed in to Vercel as tester\.$/).waitFor({ timeout: 30_000 });
    for (const token of api.tokens()) await wb.treeRow(token.name).waitFor();
    // Only a browser asks first: Node's fetch (the Node host) sends no preflight.
    const preflight = api.requests.find((entry) => entry.method === 'OPTIONS' && entry.path === '/v2/user');
    check(preflight?.status === 204, `a CORS preflight for GET /v2/user came first (the extension runs in the browser): ${JSON.stringify(api.requests.map((r) => `${r.method} ${r.path} ${r.status}`))}`);
    check(preflight.headers.origin !== undefined, 'the preflight names an origin');
    check(api.requests.some((entry) => entry.method === 'GET' && entry.path === '/v2/user' && entry.status === 200), 'GET /v2/user was answered');
    checkEqual((await wb.treeRows()).map((row) => row.label).join(' | '), api.tokens().map((token) => token.name).join(' | '), 'the tree lists the tokens, newest first');
  }

  private async create(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    await wb.runCommand('Vercel: Create Auth Token');
    await wb.waitForInputBox('Create Vercel Auth Token (1/2)');
    await this.page.keyboard.type(NEW_TOKEN);
    await this.page.keyboard.press('Enter');
    await wb.waitForInputBox('Create Vercel Auth Token (2/2)');
    await wb.replaceInput('7d');
    await wb.waitForInputMessage(/^Expires .+ \(in 7 days\)/, 'info');
    await this.page.keyboard.press('Enter');
    await wb.toast(/^New token created\. Its value is stored in VS Code\.$/).waitFor({ timeout: 30_000 });
    const created = await waitFor(() => api.tokens().find((token) => token.name === NEW_TOKEN), 'the token on the stand-in API');
    this.createdId = created.id;
    const value = api.valueOf(created.id);
    check(value, 'the stand-in knows the new value');
    this.secrets.push({ label: `the value of "${NEW_TOKEN}"`, value });
    check(api.requests.some((entry) => entry.method === 'OPTIONS' && entry.path === '/v3/user/tokens' && entry.status === 204), 'the create was preflighted');
    const row = wb.treeRow(NEW_TOKEN);
    await row.waitFor();
    await waitFor(async () => (await row.getAttribute('aria-selected')) === 'true', 'the new token to be selected');
    const rows = await wb.treeRows();
    checkEqual(rows[0]?.label, NEW_TOKEN, 'the newest token is the first row');
    check(/· value stored$/.test(rows[0]?.description ?? ''), `the row says the value is stored: ${JSON.stringify(rows[0])}`);
    checkEqual(rows.map((r) => r.label).join(' | '), api.tokens().map((t) => t.name).join(' | '), 'the tree lists every token');
  }

  private async copy(): Promise<void> {
    const wb = this.workbench;
    await wb.writeClipboard('(clipboard before copy)');
    await wb.openContextMenu(wb.treeRow(NEW_TOKEN));
    await wb.chooseMenuItem('Copy Token Value');
    const expected = this.server.valueOf(this.createdId ?? '');
    const copied = await waitFor(async () => {
      const text = await wb.readClipboard();
      return text.startsWith('(clipboard before') ? undefined : text;
    }, 'the clipboard to change');
    check(copied === expected, `the clipboard holds the stored value (got ${copied.slice(0, 4)}…, ${copied.length} characters)`);
  }

  private async notAvailable(): Promise<void> {
    const wb = this.workbench;
    const before = this.server.requests.length;
    for (const [item, feature] of [
      ['Save Token as GitHub Actions Secret…', 'Saving a token as a GitHub Actions secret'],
      ['Add Token to .env File…', 'Adding a token to a .env file'],
      ['Use Token in New Terminals', 'Using a token in new terminals'],
    ] as const) {
      await wb.openContextMenu(wb.treeRow(NEW_TOKEN));
      await wb.chooseMenuItem(item);
      const toast = wb.toast(new RegExp(`^${feature.replace(/[.]/g, '\\.')} ${NOT_ON_THE_WEB.source}`));
      await toast.waitFor();
      await wb.closeToast(new RegExp(`^${feature.replace(/[.]/g, '\\.')} is not available`));
    }
    checkEqual(this.server.requests.length, before, 'requests sent for features that are not there');
    check(!(await this.page.locator('.quick-input-widget .quick-input-box input').isVisible()), 'no picker was opened');
  }

  private async delete(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    const id = this.createdId ?? '';
    await wb.openContextMenu(wb.treeRow(NEW_TOKEN));
    await wb.chooseMenuItem('Delete Token');
    const dialog = wb.dialog();
    await dialog.getByText(`Delete the Vercel token "${NEW_TOKEN}"?`).waitFor();
    await wb.dialogButton('Delete').click();
    await dialog.waitFor({ state: 'detached' });
    await wb.treeRow(NEW_TOKEN).waitFor({ state: 'detached' });
    await waitFor(() => !api.tokens().some((token) => token.id === id), 'the token to be gone from the API');
    check(api.requests.some((entry) => entry.method === 'OPTIONS' && entry.path === `/v3/user/tokens/${id}` && entry.status === 204), 'the DELETE was preflighted');
    check(api.requests.some((entry) => entry.method === 'DELETE' && entry.path === `/v3/user/tokens/${id}` && entry.status === 200), 'DELETE was answered 200');
    checkEqual((await wb.treeRows()).map((row) => row.label).join(' | '), api.tokens().map((token) => token.name).join(' | '), 'rows after delete');
  }

  private async corsRefused(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    api.setCors(false);
    try {
      const host = new URL(api.url).host.replace(/[.]/g, '\\.');
      const words = new RegExp(
        `Could not reach ${host} from this browser window: it may refuse requests from a web page \\(CORS\\), or the network is down\\. VS Code desktop, or a remote window \\(SSH, a dev container, Codespaces\\), reaches it from outside the browser\\.`,
      );
      const before = api.requests.length;
      // Sign In checks the token with Vercel first: the box says why it could not.
      await wb.runCommand('Vercel: Sign In with Access Token');
      await wb.waitForInputBox(/^Sign In to Vercel/);
      await wb.replaceInput(api.accountToken);
      await this.page.keyboard.press('Enter');
      await wb.waitForInputMessage(new RegExp(`^Not signed in: ${words.source}`), 'error');
      await this.page.keyboard.press('Escape');
      // Refresh: the view says so, and keeps the list it had.
      await wb.runCommand('Vercel: Refresh Tokens');
      const message = this.page.locator('.part.sidebar', { hasText: words });
      await message.waitFor({ timeout: 30_000 });
      await wb.treeRow('Preview deploys').waitFor();
      const sent = api.requests.slice(before);
      check(sent.some((entry) => entry.method === 'OPTIONS' && entry.status === 405), `the browser asked (a preflight, refused): ${JSON.stringify(sent.map((r) => `${r.method} ${r.path} ${r.status}`))}`);
      check(!sent.some((entry) => entry.method === 'GET' && entry.path === '/v2/user'), 'the refused preflight kept the GET from being sent');
    } finally {
      api.setCors(true);
    }
    // Allowed again, the next refresh lists as before.
    await wb.runCommand('Vercel: Refresh Tokens');
    await waitFor(async () => !(await this.page.locator('.part.sidebar', { hasText: 'may refuse requests from a web page' }).isVisible()), 'the CORS message to go once the API allows the origin');
  }

  private async searchStorage(): Promise<void> {
    check(this.secrets.length >= 2, 'the session had the account token and the created value');
    // Controls: a value put where the search must find it, in each kind of storage of the page.
    await this.page.evaluate(putControls, CONTROL);
    const values = [...this.secrets, { label: CONTROL_LABEL, value: CONTROL }];
    const reports: StorageReport[] = [];
    const targets: { where: string; target: Frame | Worker }[] = [
      ...this.page.frames().map((frame) => ({ where: `${frame === this.page.mainFrame() ? 'page' : 'frame'} ${shortUrl(frame.url())}`, target: frame })),
      ...this.page.workers().map((worker) => ({ where: `worker ${shortUrl(worker.url())}`, target: worker })),
    ];
    for (const { where, target } of targets) {
      try {
        const found = target instanceof Object && 'page' in target ? await target.evaluate(searchStorageInPage, values) : await target.evaluate(searchStorageInPage, values);
        reports.push({ where, ...found });
      } catch (error) {
        reports.push({ where, searched: [], found: [], errors: [(error as Error).message.split('\n')[0]] });
      }
    }
    const controls: string[] = [];
    for (const report of reports) {
      console.log(`    ${report.where}: searched ${report.searched.join(', ') || 'nothing'}${report.errors.length ? `; not reachable: ${report.errors.join('; ')}` : ''}`);
    }
    const page = reports[0];
    check(page.searched.some((entry) => /^localStorage \([1-9]\d* keys\)$/.test(entry)), `the page's Local Storage was read: ${page.searched.join(', ')}`);
    check(page.searched.some((entry) => /^IndexedDB \d+ databases, [1-9]\d* records$/.test(entry)), `the page's IndexedDB was read: ${page.searched.join(', ')}`);
    check(page.searched.some((entry) => entry === `localStorage key ${SECRET_STORAGE_KEY}`), `SecretStorage's key ${SECRET_STORAGE_KEY} is in the page's Local Storage: ${page.searched.join(', ')}`);
    const found = reports.flatMap((report) => report.found.map((entry) => ({ ...entry, where: report.where }))).filter((entry) => entry.label !== CONTROL_LABEL || (controls.push(`${entry.place}`), false));
    for (const place of ['sessionStorage[web-test-control]', 'IndexedDB web-test-control/control', 'Cache Storage web-test-control']) {
      check(controls.includes(place), `the search finds the control in ${place} (found it in ${controls.join(', ') || 'nothing'})`);
    }
    const allowed = found.filter((entry) => entry.place === `localStorage[${SECRET_STORAGE_KEY}]`);
    for (const entry of allowed) this.plainInSecretStorage.add(entry.label);
    console.log(`    values in plain text under ${SECRET_STORAGE_KEY}: ${allowed.length ? allowed.map((entry) => entry.label).join(', ') : 'none (sealed)'}`);
    const elsewhere = found.filter((entry) => !allowed.includes(entry));
    check(elsewhere.length === 0, `token values in the browser's storage: ${elsewhere.map((entry) => `${entry.label} in ${entry.where}: ${entry.place}`).join('; ')}`);
  }

  private async searchFiles(): Promise<void> {
    const dirs = this.dirs;
    check(dirs, 'setup made the folders');
    const serverOutput = this.host?.logs() ?? '';
    await this.browser?.close(); // flushes the profile
    await this.host?.stop(); // VS Code exits: its logs and state are flushed
    this.browser = this.host = this.wb = undefined;
    const serverRoots = [dirs.userData, dirs.extensions, dirs.workspace, dirs.runtime, dirs.home];
    const server = scanForSecrets(serverRoots, this.secrets);
    console.log(`    code-server: ${server.files} files (${server.bytes} bytes) searched`);
    check(server.files > 0, 'the search read code-server files');
    check(server.findings.length === 0, `token values in code-server's files: ${server.findings.map((f) => `${f.label} in ${f.root}/${f.file} (${describeMatch(f)})`).join('; ')}`);
    const printed = this.secrets.filter((secret) => serverOutput.includes(secret.value)).map((secret) => secret.label);
    check(printed.length === 0, `token values in what code-server printed: ${printed.join(', ')}`);

    const profile = scanForSecrets([dirs.profile], this.secrets);
    const localStorage = (file: string) => /(^|\/)Local Storage\//.test(file);
    console.log(`    browser profile: ${profile.files} files (${profile.bytes} bytes, ${profile.decodedBytes} more decoded) searched`);
    const control = scanForSecrets([dirs.profile], [{ label: 'control', value: SECRET_STORAGE_KEY }]).findings.filter((f) => localStorage(f.file));
    check(control.length > 0, `the search reads the profile's Local Storage (control: the key ${SECRET_STORAGE_KEY})`);
    const idbControl = scanForSecrets([dirs.profile], [{ label: 'control', value: CONTROL }]).findings.filter((f) => /IndexedDB/.test(f.file));
    check(idbControl.length > 0, 'the search reads the IndexedDB files of the profile (control: the value the page put there)');
    // Allowed only where the page itself found it: under SecretStorage's key, in Local Storage.
    const outside = profile.findings.filter((f) => !(localStorage(f.file) && this.plainInSecretStorage.has(f.label)));
    check(outside.length === 0, `token values in the browser profile: ${outside.map((f) => `${f.label} in ${f.file} (${describeMatch(f)})`).join('; ')}`);
  }
}

function shortUrl(url: string): string {
  return url.length > 90 ? `${url.slice(0, 90)}…` : url;
}

/** Runs in the page: the control value in Session Storage, an IndexedDB database of its own and Cache Storage. */
async function putControls(control: string): Promise<void> {
  const g = globalThis as unknown as {
    sessionStorage: { setItem(key: string, value: string): void };
    indexedDB: { open(name: string, version: number): { result: unknown; onupgradeneeded: (() => void) | null; onsuccess: (() => void) | null; onerror: (() => void) | null } };
    caches: { open(name: string): Promise<{ put(url: string, response: unknown): Promise<void> }> };
    Response: new (body: string) => unknown;
  };
  g.sessionStorage.setItem('web-test-control', control);
  await new Promise<void>((resolve, reject) => {
    const open = g.indexedDB.open('web-test-control', 1);
    type Db = { createObjectStore(name: string): void; transaction(name: string, mode: string): { objectStore(name: string): { put(value: string, key: string): void }; oncomplete: (() => void) | null }; close(): void };
    open.onupgradeneeded = () => (open.result as Db).createObjectStore('control');
    open.onerror = () => reject(new Error('the control database could not be opened'));
    open.onsuccess = () => {
      const db = open.result as Db;
      const tx = db.transaction('control', 'readwrite');
      tx.objectStore('control').put(control, 'value');
      tx.oncomplete = () => (db.close(), resolve());
    };
  });
  await (await g.caches.open('web-test-control')).put('/web-test-control', new g.Response(control));
}

/**
 * Runs in the page, a frame or a worker: every Local and Session Storage item, every IndexedDB
 * record (keys and values, typed arrays and blobs as text) and every Cache Storage response,
 * searched for the values. What cannot be reached (an opaque origin's storage) is an error.
 */
async function searchStorageInPage(values: { label: string; value: string }[]): Promise<Omit<StorageReport, 'where'>> {
  const g = globalThis as unknown as Record<string, unknown> & {
    indexedDB?: { databases?(): Promise<{ name?: string }[]>; open(name: string): IdbRequest };
    caches?: { keys(): Promise<string[]>; open(name: string): Promise<{ keys(): Promise<{ url: string }[]>; match(r: unknown): Promise<{ text(): Promise<string> } | undefined> }> };
  };
  interface IdbRequest {
    result: unknown;
    error: unknown;
    onsuccess: (() => void) | null;
    onerror: (() => void) | null;
  }
  interface IdbDatabase {
    objectStoreNames: ArrayLike<string>;
    transaction(name: string, mode: string): { objectStore(name: string): { getAll(): IdbRequest; getAllKeys(): IdbRequest } };
    close(): void;
  }
  const report: Omit<StorageReport, 'where'> = { searched: [], found: [], errors: [] };
  const decoder = new TextDecoder();
  const text = async (value: unknown): Promise<string> => {
    if (typeof value === 'string') return value;
    if (value instanceof ArrayBuffer) return decoder.decode(value);
    if (ArrayBuffer.isView(value)) return decoder.decode(value as Uint8Array);
    if (value && typeof (value as { text?: unknown }).text === 'function' && typeof (value as { size?: unknown }).size === 'number') return (value as { text(): Promise<string> }).text();
    try {
      return JSON.stringify(value, (_key, inner: unknown) => (ArrayBuffer.isView(inner) ? decoder.decode(inner as Uint8Array) : inner instanceof ArrayBuffer ? decoder.decode(inner) : inner)) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const search = (place: string, haystack: string) => {
    for (const { label, value } of values) if (haystack.includes(value)) report.found.push({ label, place });
  };
  const request = (req: IdbRequest) =>
    new Promise<unknown>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error instanceof Error ? req.error : new Error(String(req.error)));
    });
  for (const name of ['localStorage', 'sessionStorage']) {
    try {
      const storage = g[name] as { length: number; key(i: number): string | null; getItem(key: string): string | null } | undefined;
      if (!storage) continue;
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index) ?? '';
        if (name === 'localStorage' && key === 'secrets.provider') report.searched.push('localStorage key secrets.provider');
        search(`${name}[${key}]`, `${key}\n${storage.getItem(key) ?? ''}`);
      }
      report.searched.push(`${name} (${storage.length} keys)`);
    } catch (error) {
      report.errors.push(`${name}: ${(error as Error).message}`);
    }
  }
  try {
    if (g.indexedDB?.databases) {
      const databases = await g.indexedDB.databases();
      let records = 0;
      for (const { name } of databases) {
        if (!name) continue;
        const db = (await request(g.indexedDB.open(name))) as IdbDatabase;
        try {
          for (const store of Array.from(db.objectStoreNames)) {
            const objects = db.transaction(store, 'readonly').objectStore(store);
            const [keys, items] = (await Promise.all([request(objects.getAllKeys()), request(objects.getAll())])) as [unknown[], unknown[]];
            for (let index = 0; index < items.length; index++) search(`IndexedDB ${name}/${store}`, `${await text(keys[index])}\n${await text(items[index])}`);
            records += items.length;
          }
        } finally {
          db.close();
        }
      }
      report.searched.push(`IndexedDB ${databases.length} databases, ${records} records`);
    }
  } catch (error) {
    report.errors.push(`IndexedDB: ${(error as Error).message}`);
  }
  try {
    if (g.caches) {
      let responses = 0;
      for (const name of await g.caches.keys()) {
        const cache = await g.caches.open(name);
        for (const cached of await cache.keys()) {
          const response = await cache.match(cached);
          search(`Cache Storage ${name}`, `${cached.url}\n${response ? await response.text() : ''}`);
          responses++;
        }
      }
      report.searched.push(`Cache Storage (${responses} responses)`);
    }
  } catch (error) {
    report.errors.push(`Cache Storage: ${(error as Error).message}`);
  }
  return report;
}

/** The packaged VSIX with a manifest for the web worker host only: no `main`, no `extensionKind`. */
export async function webOnlyVsix(vsixPath: string, dir: string): Promise<string> {
  const run = promisify(execFile);
  const unpacked = join(dir, 'unpacked');
  await mkdir(unpacked, { recursive: true });
  await run('unzip', ['-q', vsixPath, '-d', unpacked]);
  const manifestPath = join(unpacked, 'extension', 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  check(typeof manifest.browser === 'string', 'the VSIX manifest has a browser entry');
  check(existsSync(join(unpacked, 'extension', manifest.browser)), `the VSIX holds ${manifest.browser}`);
  // Sign in, create and delete come from the flows chunk, which the bundle reads and evaluates on first use.
  const flowsChunk = join(unpacked, 'extension', 'dist', 'web', 'flows.js');
  check(existsSync(flowsChunk), 'the VSIX holds dist/web/flows.js');
  check(!(await readFile(join(unpacked, 'extension', manifest.browser), 'utf8')).includes('Paste a Vercel access token'), `${manifest.browser} holds the sign-in command itself`);
  check((await readFile(flowsChunk, 'utf8')).includes('Paste a Vercel access token'), 'dist/web/flows.js holds the sign-in command');
  delete manifest.main;
  delete manifest.extensionKind;
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  const vsixManifest = join(unpacked, 'extension.vsixmanifest');
  const xml = await readFile(vsixManifest, 'utf8');
  await writeFile(vsixManifest, xml.replace(/\s*<Property Id="Microsoft\.VisualStudio\.Code\.ExtensionKind"[^>]*\/>/, ''));
  const out = join(dir, 'vercel-tokens-web.vsix');
  await run('zip', ['-q', '-r', '-X', out, '.'], { cwd: unpacked });
  return out;
}
