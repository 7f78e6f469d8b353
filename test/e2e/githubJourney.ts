// The journey's token put where it is used, in the real workbench: saved as a GitHub Actions secret
// (VS Code's own Allow dialog, answered by the stand-in GitHub sign-in, the sealed value opened by the
// stand-in GitHub API) and handed to new integrated terminals, which lose it with a window reload.
// The stand-ins check on the Node side what really arrived.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FakeVercel } from '../fake-vercel/server';
import type { FakeGitHub } from '../fake-github/server';
import { check, checkEqual, waitFor, type E2eTest } from './harness';
import { escapeRegExp, type Workbench } from './workbench';

/** What these steps need from the journey they run in. */
export interface PlacesContext {
  readonly workbench: Workbench;
  readonly vercel: FakeVercel;
  readonly github: FakeGitHub;
  /** The journey's token with a stored value, created earlier. */
  readonly token: { id: string; name: string };
  /** A folder of the journey's own, removed with it. */
  readonly scratchDir: string;
  shot(name: string): Promise<void>;
}

export const SAVE_TITLE = 'Save Token as GitHub Actions Secret';
const ALLOW_MESSAGE = "The extension 'Vercel Tokens' wants to sign in using GitHub (stand-in).";
export const GITHUB_ROW = 'acme/web · VERCEL_TOKEN';
const TERMINALS_ROW = 'new terminals of this window · VERCEL_TOKEN';

export class GitHubJourney {
  private probes = 0;

  constructor(private readonly context: () => PlacesContext) {}

  /** The names of the steps, for `needs`. */
  readonly names = {
    secret: 'Save Token as GitHub Actions Secret…: acme/web from the git remote, the Allow dialog, Repository secret, VERCEL_TOKEN; GitHub opens exactly the value',
    terminals: 'Use Token in New Terminals: a new terminal has VERCEL_TOKEN; the tree says where the value is',
    afterReload: 'after the reload a new terminal has no VERCEL_TOKEN; the GitHub secret is still listed',
  };

  /** The steps before the journey's reload, after its token exists. */
  beforeReload(needs: string[]): E2eTest[] {
    return [
      { name: this.names.secret, needs, timeoutMs: 90_000, run: () => this.saveSecret() },
      { name: this.names.terminals, needs, timeoutMs: 90_000, run: () => this.useInTerminals() },
    ];
  }

  /** The step after the journey's reload. */
  afterReload(reload: string): E2eTest {
    return { name: this.names.afterReload, needs: [this.names.terminals, reload], timeoutMs: 90_000, run: () => this.terminalAfterReload() };
  }

  private async saveSecret(): Promise<void> {
    const { workbench: wb, github, vercel, token } = this.context();
    const page = wb.page;
    const value = vercel.valueOf(token.id);
    check(value, 'the stand-in Vercel knows the value of the journey token');

    await wb.runCommand(`Vercel: ${SAVE_TITLE}…`);
    await wb.chooseQuickPickItem('Save which token as a GitHub Actions secret?', token.name);
    // The workspace's remotes: origin acme/web and upstream acme/upstream.
    await wb.chooseQuickPickItem(`${SAVE_TITLE} (1/3)`, 'acme/web');

    // VS Code asks before it lets the extension use the GitHub sign-in; nothing goes to GitHub before.
    const dialog = wb.dialog();
    await waitFor(async () => dialog.isVisible(), 'the Allow dialog of the GitHub sign-in', { timeoutMs: 20_000 }, async () => `toasts ${JSON.stringify(await wb.toastTexts())}`);
    await dialog.getByText(ALLOW_MESSAGE).waitFor({ timeout: 5_000 }).catch(async () => {
      throw new Error(`the dialog does not say ${JSON.stringify(ALLOW_MESSAGE)}: it says ${JSON.stringify(await dialog.innerText())}`);
    });
    checkEqual(github.requests.length, 0, 'requests to GitHub before Allow');
    await wb.dialogButton('Allow').click();
    await dialog.waitFor({ state: 'detached' });

    await wb.chooseQuickPickItem(`${SAVE_TITLE} (2/3)`, 'Repository secret');
    await wb.waitForInputBox(`${SAVE_TITLE} (3/3)`);
    checkEqual(await wb.quickInput().inputValue(), 'VERCEL_TOKEN', 'the secret name offered');
    await page.keyboard.press('Enter');

    const saved = wb.toast(new RegExp(`^Saved "${escapeRegExp(token.name)}" as the GitHub Actions secret acme/web · VERCEL_TOKEN\\.$`));
    await saved.waitFor({ timeout: 30_000 }).catch(async () => {
      throw new Error(`no "Saved … as the GitHub Actions secret" notification; toasts: ${JSON.stringify(await wb.toastTexts())}; GitHub got ${JSON.stringify(github.requests.map((r) => `${r.method} ${r.path} → ${r.status}`))}`);
    });
    checkEqual((await saved.locator('.monaco-button').allInnerTexts()).map((label) => label.trim()).join(', '), 'Open on GitHub', 'buttons of the notification');

    // What GitHub now holds: opened with the repository's private key by the stand-in.
    checkEqual(github.received.length, 1, 'secrets GitHub received');
    const [received] = github.received;
    checkEqual(`${received.owner}/${received.repo} ${received.environment ?? '(repository)'} ${received.name}`, 'acme/web (repository) VERCEL_TOKEN', 'where the secret went');
    check(received.value === value, `GitHub holds exactly the value of "${token.name}" (got ${received.value.length} characters, ${received.value.slice(0, 4)}…)`);
    const put = github.requests.find((request) => request.method === 'PUT');
    check(put?.body && !put.body.includes(value), 'the PUT carried the value sealed, not in the clear');
    const accepted = github.acceptedToken;
    checkEqual(put.headers.authorization, `Bearer ${accepted.slice(0, 4)}…${accepted.slice(-4)}`, 'the PUT was signed with the session the Allow dialog gave');

    await this.expectPlaceRows([GITHUB_ROW]);
    // The picture shows the saved secret: the progress goes once GitHub has answered, earlier
    // notifications are closed as a user would.
    await wb
      .toast(/^Saving ".+" to GitHub as VERCEL_TOKEN…$/)
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(async () => {
        throw new Error(`the "Saving … to GitHub" progress stayed after GitHub answered ${put.status}; toasts: ${JSON.stringify(await wb.toastTexts())}`);
      });
    await wb.closeToast(/^New token created\./);
    await wb.closeToast(/^Signed in to Vercel as /);
    await page.mouse.move(1000, 250);
    await this.context().shot('10-github-secret');
  }

  private async useInTerminals(): Promise<void> {
    const { workbench: wb, vercel, token } = this.context();
    const value = vercel.valueOf(token.id);
    check(value, 'the stand-in Vercel knows the value of the journey token');
    await wb.runCommand('Vercel: Use Token in New Terminals');
    await wb.chooseQuickPickItem('Use which token in new terminals?', token.name);
    await wb
      .toast(new RegExp(`^New terminals of this window get VERCEL_TOKEN set to "${escapeRegExp(token.name)}"\\.`))
      .waitFor()
      .catch(async () => {
        throw new Error(`no "New terminals of this window get VERCEL_TOKEN" notification; toasts: ${JSON.stringify(await wb.toastTexts())}`);
      });
    const seen = await this.newTerminalSees();
    check(seen === value, `a new terminal has VERCEL_TOKEN = the value of "${token.name}" (got ${JSON.stringify(seen === 'unset' ? seen : `${seen.slice(0, 4)}… (${seen.length} characters)`)})`);
    await this.expectPlaceRows([TERMINALS_ROW, GITHUB_ROW], { anyOrder: true });
  }

  private async terminalAfterReload(): Promise<void> {
    // The extension's environment collection is not persistent: a reloaded window starts without it.
    checkEqual(await this.newTerminalSees(), 'unset', 'VERCEL_TOKEN in a new terminal after the reload');
    await this.expectPlaceRows([GITHUB_ROW]);
  }

  /**
   * Opens a new terminal from the palette, types a command that writes what its shell has in
   * VERCEL_TOKEN (`unset` when nothing) to a file, reads the file here, and kills the terminal.
   */
  private async newTerminalSees(): Promise<string> {
    const { workbench: wb, scratchDir } = this.context();
    const file = join(scratchDir, `terminal-${++this.probes}.txt`);
    await rm(file, { force: true });
    await wb.runCommand('Terminal: Create New Terminal');
    try {
      await wb.waitForTerminalPrompt();
      await wb.page.keyboard.type(`printf '%s' "\${VERCEL_TOKEN:-unset}" > '${file}'`);
      await wb.page.keyboard.press('Enter');
      // The redirection creates the file before printf writes to it.
      return await waitFor(
        () => (existsSync(file) && readFileSync(file, 'utf8')) || undefined,
        `the terminal to write ${file}`,
        { timeoutMs: 20_000 },
        async () => `terminal text ${JSON.stringify(await wb.terminalText())}`,
      );
    } finally {
      // Out of the later screenshots, and nothing left for the reload to restore.
      await wb.runCommand('Terminal: Kill All Terminals');
      await waitFor(async () => (await wb.page.locator('.part.panel .xterm').count()) === 0, 'the terminals to close', { timeoutMs: 10_000 });
    }
  }

  /** The "Used in" rows under the journey's token (expanded first), by description. */
  private async expectPlaceRows(expected: string[], { anyOrder = false } = {}): Promise<void> {
    const { workbench: wb, token } = this.context();
    await wb.expandRow(token.name);
    const order = (rows: string[]) => (anyOrder ? [...rows].sort() : rows);
    const want = order(expected).join(' | ');
    let seen = '';
    await waitFor(
      async () => {
        const rows = (await wb.childRows(token.name)).filter((row) => row.label === 'Used in').map((row) => row.description);
        seen = order(rows).join(' | ');
        return seen === want;
      },
      `the "Used in" rows under "${token.name}": ${want}`,
      { timeoutMs: 10_000 },
      () => JSON.stringify(seen),
    );
  }
}
