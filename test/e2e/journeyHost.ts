// What the code-server journeys (tokenJourney, keyboardJourney, germanCheck, test/web/webJourney)
// share: a scratch folder, the stand-in Vercel API, code-server, a browser and one workbench page on
// the workspace folder; the getters that fail a test whose setup did not get that far; what the run's
// failure hooks and exit handler read; and the close that stops it all. What a journey starts beyond
// that (the stand-in GitHub API, a persistent browser profile, the mouse guard) stays in the journey.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeVercel } from '../fake-vercel/server';
import type { BrowserSession } from '../host/browser';
import type { CodeServerHost } from '../host/codeServer';
import { check } from './harness';
import { Workbench } from './workbench';

/** The folders code-server runs with, inside the journey's scratch folder. */
export interface ScratchDirs {
  /** The scratch dir itself. */
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspaceFolder: string;
}

export abstract class JourneyHost<Options extends { vsixPath: string }, Browser extends Pick<BrowserSession, 'context' | 'close'> = BrowserSession> {
  protected api?: FakeVercel;
  protected host?: CodeServerHost;
  protected browser?: Browser;
  protected scratch?: string;
  protected wb?: Workbench;

  constructor(protected readonly options: Options) {}

  protected get workbench(): Workbench {
    if (!this.wb) throw new Error('the workbench is not open (setup failed)');
    return this.wb;
  }

  protected get page(): Page {
    return this.workbench.page;
  }

  protected get server(): FakeVercel {
    if (!this.api) throw new Error('the stand-in API is not running (setup failed)');
    return this.api;
  }

  /** For the failure hook. */
  get openWorkbench(): Workbench | undefined {
    return this.wb;
  }

  get codeServerLogs(): string {
    return this.host?.logs() ?? '';
  }

  get scratchDir(): string | undefined {
    return this.scratch;
  }

  /** Stops the browser, code-server, the API and closeMore()'s; removes the scratch dir unless kept. Safe to call twice. */
  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await this.host?.stop().catch(() => undefined);
    await this.api?.close().catch(() => undefined);
    await this.closeMore();
    if (this.scratch && !this.keepsScratch()) {
      await rm(this.scratch, { recursive: true, force: true });
      this.scratch = undefined;
    }
    this.browser = this.host = this.api = this.wb = undefined;
  }

  /** What the journey started beyond the shared pieces, stopped after the API. */
  protected async closeMore(): Promise<void> {}

  /** A kept scratch dir stays named by scratchDir, for the run to say where it is. */
  protected keepsScratch(): boolean {
    return false;
  }

  /** Checks the packaged VSIX is there; makes the scratch dir (`prefix`) and code-server's folders in it. */
  protected async makeScratch(prefix: string, workspaceName: string): Promise<ScratchDirs> {
    check(existsSync(this.options.vsixPath), `${this.options.vsixPath} is missing: run \`npm run package\``);
    const root = (this.scratch = await mkdtemp(join(tmpdir(), prefix)));
    const userDataDir = join(root, 'user-data');
    const extensionsDir = join(root, 'extensions');
    // The folder name shows in the title bar of the screenshots: keep it stable.
    const workspaceFolder = join(root, workspaceName);
    for (const dir of [userDataDir, extensionsDir, workspaceFolder]) await mkdir(dir, { recursive: true });
    return { root, userDataDir, extensionsDir, workspaceFolder };
  }

  /** A workbench page in `browser` on the workspace folder; `prepare` runs on the page before it loads. */
  protected async openWorkspace(browser: Browser, workspaceFolder: string, prepare: (wb: Workbench) => Promise<void> = async () => {}): Promise<void> {
    check(this.host, 'code-server is running');
    this.browser = browser;
    this.wb = await Workbench.newPage(browser);
    await prepare(this.wb);
    await this.wb.open(`${this.host.url}?folder=${encodeURIComponent(workspaceFolder)}`);
  }
}
