// A new user's journey through the packaged extension in a real VS Code (code-server 4.100.3):
// sign in, create a token in two steps, look at it, copy its value, save it as a GitHub Actions
// secret and use it in new terminals (githubJourney.ts), reload, delete it.
// Keyboard and mouse only; the stand-in Vercel and GitHub APIs are checked for what really happened.
import { join } from 'node:path';
import { formatDateTime } from '../../src/domain/format';
import { addLocalDays } from '../../src/domain/calendar';
import { startFakeVercel } from '../fake-vercel/server';
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server';
import { launchBrowser } from '../host/browser';
import { installVsix, startCodeServer } from '../host/codeServer';
import { installGitHubStandin } from '../host/githubAuthStandin';
import { gitWorkspace } from '../integration/runInCodeServer';
import { GITHUB_ROW, GitHubJourney, type PlacesContext } from './githubJourney';
import { check, checkEqual, checkMatch, waitFor, type E2eTest } from './harness';
import { JourneyHost } from './journeyHost';
import { escapeRegExp } from './workbench';

const EXPIRY_FORMATS = '12h, 7d, 2w, 6mo, 1y, a number of days, a date YYYY-MM-DD, or never';

export interface JourneyOptions {
  vsixPath: string;
  /** Where the screenshots of the main screens go (test-results/screenshots; docs/screenshots for `npm run screenshots`). */
  screenshotDir: string;
  /** Where evidence of failures goes (test-results). */
  resultsDir: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const NEW_TOKEN = 'GitHub Actions deploy';
const sideBarWidth = 600;

export class TokenJourney extends JourneyHost<JourneyOptions> {
  private gh?: FakeGitHub;
  private createdId?: string;
  private previewText?: string;
  private createdAround?: { before: number };
  private readonly places = new GitHubJourney(() => this.placesContext());

  private get github(): FakeGitHub {
    if (!this.gh) throw new Error('the stand-in GitHub API is not running (setup failed)');
    return this.gh;
  }

  private placesContext(): PlacesContext {
    check(this.createdId && this.scratch, 'the journey token was not created');
    return {
      workbench: this.workbench,
      vercel: this.server,
      github: this.github,
      token: { id: this.createdId, name: NEW_TOKEN },
      scratchDir: this.scratch,
      shot: (name) => this.shot(name),
    };
  }

  private shot(name: string): Promise<void> {
    return this.workbench.screenshot(join(this.options.screenshotDir, `${name}.png`));
  }

  protected override async closeMore(): Promise<void> {
    await this.gh?.close().catch(() => undefined);
    this.gh = undefined;
  }

  tests(): E2eTest[] {
    const setup = 'setup: packaged VSIX and the stand-in GitHub sign-in in a fresh code-server, a git workspace, settings point at the stand-in APIs';
    const welcome = 'the Vercel view greets a new user with the Sign In button';
    const signIn = 'Sign In: masked box, validation, a rejected token, then the account token lists the tokens';
    const step1 = 'Create, step 1/2: Enter on an empty name shows the validation message';
    const back = 'Create, step 2/2: pre-filled 30d; Back returns to step 1 with the name kept, and the typed expiry is kept';
    const expiry = 'Create, step 2/2: 0, 2020-01-01 and banana are refused; 7d previews the date';
    const create = 'Create: Enter creates the token; notification, tree row and API agree';
    const reload = 'Developer: Reload Window keeps the session, the token and its stored value';
    const scope = 'Create with teams, step 2/3: the scope pick lists Full Account, the team and the SAML team (locked); Escape sends nothing';
    return [
      { name: setup, timeoutMs: 180_000, run: () => this.setup() },
      { name: welcome, needs: [setup], run: () => this.welcome() },
      { name: signIn, needs: [welcome], run: () => this.signIn() },
      { name: step1, needs: [signIn], run: () => this.createStep1() },
      { name: back, needs: [step1], run: () => this.createBack() },
      { name: expiry, needs: [back], run: () => this.createExpiry() },
      { name: create, needs: [expiry], run: () => this.createSubmit() },
      { name: 'expanding the new token shows ID, Type, Value, Created, Expires…; its tooltip agrees', needs: [create], run: () => this.expand() },
      { name: 'right-click › Copy Token Value puts the stored value on the clipboard', needs: [create], run: () => this.copyValue() },
      ...this.places.beforeReload([create]),
      { name: reload, needs: [create], timeoutMs: 180_000, run: () => this.reload() },
      this.places.afterReload(reload),
      { name: 'right-click › Delete Token: the modal names it, Delete removes it from tree and API', needs: [create], run: () => this.delete() },
      { name: scope, needs: [signIn], run: () => this.scopeStep() },
      { name: 'tokens needing attention: after a reload, one notification names them and the Vercel icon shows the badge', needs: [signIn], timeoutMs: 180_000, run: () => this.badge() },
    ];
  }

  // --- Tests ---------------------------------------------------------------------------------

  private async setup(): Promise<void> {
    const { userDataDir, extensionsDir, workspaceFolder } = await this.makeScratch('vercel-tokens-e2e-', 'my-project');

    this.api = await startFakeVercel();
    const now = Date.now();
    this.api.addToken({ name: 'Preview deploys', createdAt: now - 20 * DAY_MS, expiresAt: now + 40 * DAY_MS });
    this.api.addToken({ name: 'Old laptop', createdAt: now - 200 * DAY_MS, expiresAt: now - 10 * DAY_MS });
    this.gh = await startFakeGitHub();
    this.gh.addRepo('acme', 'web', { environments: ['production'] });

    // Remotes origin acme/web and upstream acme/upstream: the repositories the GitHub step offers.
    await gitWorkspace(workspaceFolder);
    await installVsix(this.options.vsixPath, { extensionsDir, userDataDir });
    await installGitHubStandin(extensionsDir);
    this.host = await startCodeServer({
      workspaceFolder,
      userDataDir,
      extensionsDir,
      settings: {
        'vercelTokens.apiUrl': this.api.url,
        'vercelTokens.githubApiUrl': this.gh.url,
        // The DOM renderer: the terminal's text can be read (and shown when a step fails).
        'terminal.integrated.gpuAcceleration': 'off',
      },
      // The stand-in sign-in's exports are out of reach from here: its sessions take this token.
      env: { GITHUB_AUTH_STANDIN_TOKEN: this.gh.acceptedToken },
    });
    await this.openWorkspace(await launchBrowser(), workspaceFolder, (wb) => wb.recordNotifications());
  }

  private async welcome(): Promise<void> {
    const wb = this.workbench;
    await wb.openActivity('Vercel');
    await wb.widenSideBar(sideBarWidth);
    const welcome = wb.welcomeView();
    await welcome.getByText('Sign in with a Vercel access token to see and manage the tokens of your account.').waitFor();
    await wb.welcomeButton('Sign In with Access Token').waitFor();
    checkEqual(await this.page.locator('[role="treeitem"]').count(), 0, 'tree rows before signing in');
    await this.shot('01-welcome');
  }

  private async signIn(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    await wb.welcomeButton('Sign In with Access Token').click();
    await wb.waitForInputBox(/^Sign In to Vercel/);
    checkEqual(await wb.quickInput().getAttribute('type'), 'password', 'type of the sign-in input');
    await wb.waitForInputMessage(/Paste a Vercel access token with "Full Account" scope/, 'none');

    // Something that is not a token at all: refused while typing, nothing sent.
    await wb.replaceInput('https://vercel.com/account/settings/tokens');
    await wb.waitForInputMessage(/This is a web address, not a token\./, 'error');
    await this.shot('02-sign-in');
    await this.page.keyboard.press('Enter');
    await wb.waitForInputMessage(/This is a web address, not a token\./, 'error');
    checkEqual(api.requests.length, 0, 'requests sent for a value that is not a token');

    // Well-formed but unknown: Vercel says no, in the box, which stays open for another try.
    await wb.replaceInput(`vcp_${'Q7'.repeat(12)}`);
    await this.page.keyboard.press('Enter');
    await wb.waitForInputMessage(/^Not signed in: Vercel rejected this token: it is invalid, expired or revoked\./, 'error');
    await wb.waitForInputBox(/^Sign In to Vercel/);
    checkEqual(await wb.quickInput().getAttribute('type'), 'password', 'type of the input after a rejection');
    checkEqual(await wb.quickInput().inputValue(), '', 'the rejected value is not offered again');
    checkEqual(api.requests.filter((r) => r.method !== 'GET').length, 0, 'only reads were sent for the rejected token');

    await wb.replaceInput(api.accountToken);
    await this.page.keyboard.press('Enter');
    await wb.toast(/Signed in to Vercel as tester\./).waitFor();
    // The account where the user can see it: VS Code hides the view's description in the merged header.
    const account = wb.statusBar().getByRole('button', { name: 'Vercel account: tester' });
    await account.waitFor();
    checkEqual((await account.innerText()).trim(), 'tester', 'the account in the status bar');
    for (const token of api.tokens()) await wb.treeRow(token.name).waitFor();
    const rows = await wb.treeRows();
    checkEqual(rows.length, api.tokens().length, 'number of tree rows (one per token of the account)');
    checkEqual(rows.map((row) => row.label).join(' | '), api.tokens().map((t) => t.name).join(' | '), 'rows, newest first');
    checkMatch(rows.find((row) => row.label === 'Stand-in account token')?.description, /signed in with this/, 'account token row');
    checkMatch(rows.find((row) => row.label === 'Old laptop')?.description, /^expired$/, 'expired token row');
    checkMatch(rows.find((row) => row.label === 'Preview deploys')?.description, /^expires in (39|40) days$/, 'active token row');
  }

  private async createStep1(): Promise<void> {
    const wb = this.workbench;
    await wb.runCommand('Vercel: Create Auth Token');
    await wb.waitForInputBox('Create Vercel Auth Token (1/2)');
    checkEqual(await wb.quickInput().inputValue(), '', 'name box value');
    await wb.waitForInputMessage(/^Name of the new token/, 'none');
    await this.shot('03-create-step1');
    await this.page.keyboard.press('Enter');
    await wb.waitForInputMessage(/^Enter a name for the token\.$/, 'error');
    await wb.waitForInputBox('Create Vercel Auth Token (1/2)');
  }

  private async createBack(): Promise<void> {
    const wb = this.workbench;
    await this.page.keyboard.type(NEW_TOKEN);
    await this.page.keyboard.press('Enter');
    await wb.waitForInputBox('Create Vercel Auth Token (2/2)');
    checkEqual(await wb.quickInput().inputValue(), '30d', 'pre-filled expiry');
    await wb.waitForInputMessage(/^Expires .+ \(in 30 days\) · 12h, 7d/, 'info');
    // What the user typed in step 2 survives a trip back to step 1.
    await wb.replaceInput('2w');
    await wb.waitForInputMessage(/^Expires .+ \(in 14 days\) · 12h, 7d/, 'info');

    await wb.quickInputBackButton().click();
    await this.page.mouse.move(1000, 250); // away from the Back button, so its hover does not cover the box
    await wb.waitForInputBox('Create Vercel Auth Token (1/2)');
    checkEqual(await wb.quickInput().inputValue(), NEW_TOKEN, 'name after Back');
    await this.page.keyboard.press('Enter');
    await wb.waitForInputBox('Create Vercel Auth Token (2/2)');
    checkEqual(await wb.quickInput().inputValue(), '2w', 'expiry after going back and forth');
  }

  private async createExpiry(): Promise<void> {
    const wb = this.workbench;
    const refused: Array<[string, RegExp]> = [
      ['0', /^The expiry must be at least 1 hour away\./],
      ['2020-01-01', /^2020-01-01 is in the past\./],
      ['banana', /^That is not an expiry\. Use 12h, 7d/],
    ];
    for (const [input, message] of refused) {
      await wb.replaceInput(input);
      await wb.waitForInputMessage(message, 'error');
    }
    // Enter on a refused value keeps the box open and sends nothing.
    await this.page.keyboard.press('Enter');
    await wb.waitForInputBox('Create Vercel Auth Token (2/2)');
    check(!this.server.requests.some((r) => r.method === 'POST'), 'no token is created for a refused expiry');

    const before = Date.now();
    await wb.replaceInput('7d');
    this.previewText = await wb.waitForInputMessage(/^Expires .+ \(in 7 days\) · 12h, 7d/, 'info');
    const after = Date.now();
    // The date shown is 7 calendar days from now, to the minute (the clock may tick over meanwhile).
    const candidates = new Set(
      [before, after].map((t) => `Expires ${formatDateTime(addLocalDays(new Date(t), 7).getTime())} (in 7 days) · ${EXPIRY_FORMATS}`),
    );
    check(candidates.has(this.previewText), `expiry preview: expected one of ${JSON.stringify([...candidates])}, got ${JSON.stringify(this.previewText)}`);
    await this.shot('04-expiry-preview');
  }

  private async createSubmit(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    const before = Date.now();
    await this.page.keyboard.press('Enter');
    await wb.toast(/^New token created\. Its value is stored in VS Code\.$/).waitFor();
    await wb.statusBar().getByText(`Created token "${NEW_TOKEN}"`).waitFor();
    const after = Date.now();

    const created = await waitFor(() => api.tokens().find((token) => token.name === NEW_TOKEN), 'the token on the stand-in API');
    this.createdId = created.id;
    const post = api.requests.filter((r) => r.method === 'POST' && r.path === '/v3/user/tokens');
    checkEqual(post.length, 1, 'POST /v3/user/tokens requests');
    const body = post[0].body as { name?: string; expiresAt?: number };
    checkEqual(body.name, NEW_TOKEN, 'name sent');
    check(
      typeof body.expiresAt === 'number' &&
        body.expiresAt >= addLocalDays(new Date(before), 7).getTime() &&
        body.expiresAt <= addLocalDays(new Date(after), 7).getTime(),
      `expiresAt sent is 7 days after Enter: got ${body.expiresAt} (${new Date(body.expiresAt ?? 0).toISOString()})`,
    );
    check(api.valueOf(created.id)?.startsWith('vcp_'), 'the API holds a value for the new token');

    const row = wb.treeRow(NEW_TOKEN);
    await row.waitFor();
    const rows = await wb.treeRows();
    this.createdAround = { before };
    checkEqual(rows[0]?.label, NEW_TOKEN, 'the newest token is the first row');
    await waitFor(async () => (await row.getAttribute('aria-selected')) === 'true', 'the new token to be selected in the tree', { timeoutMs: 5_000 });
    // The box promised "in 7 days", so the row says so too.
    checkMatch(rows[0]?.description, new RegExp(`^expires in ${this.expectedDays(7)} · value stored$`), 'description of the new row');
  }

  /**
   * "N days", or also "N-1 days" when a minute boundary passed between Enter and reading the row:
   * the tree counts from the current minute, so a 7d token created at 23:59:59.99 reads 6 days at 00:00.
   */
  private expectedDays(days: number): string {
    const before = this.createdAround?.before ?? 0;
    const minuteTicked = Math.floor(before / 60_000) !== Math.floor(Date.now() / 60_000);
    return minuteTicked ? `(${days - 1}|${days}) days` : `${days} days`;
  }

  private async expand(): Promise<void> {
    const wb = this.workbench;
    const token = this.server.tokens().find((t) => t.id === this.createdId);
    check(token, 'the created token still exists on the API');
    await wb.expandRow(NEW_TOKEN);
    const fields = await waitFor(async () => {
      const children = await wb.childRows(NEW_TOKEN);
      return children.length >= 8 ? children : undefined;
    }, `the field rows under "${NEW_TOKEN}"`);
    const byLabel = new Map(fields.map((row) => [row.label, row.description]));
    checkEqual(fields.map((row) => row.label).join(', '), 'ID, Type, Value, Origin, Scopes, Created, Last used, Expires', 'field rows');
    checkEqual(byLabel.get('ID'), token.id, 'ID row');
    checkEqual(byLabel.get('Type'), 'token', 'Type row');
    checkEqual(byLabel.get('Value'), `${token.prefix}…${token.suffix}`, 'Value row (prefix…suffix only)');
    checkEqual(byLabel.get('Scopes'), 'user via manual', 'Scopes row');
    // Created a moment ago: "just now", never "in less than a minute".
    checkMatch(byLabel.get('Created'), new RegExp(`^${escapeRegExp(formatDateTime(token.createdAt))} \\((just now|1 minute ago)\\)$`), 'Created row');
    checkEqual(byLabel.get('Last used'), 'never', 'Last used row');
    checkMatch(byLabel.get('Expires'), new RegExp(`^${escapeRegExp(formatDateTime(token.expiresAt ?? 0))} \\(in ${this.expectedDays(7)}\\)$`), 'Expires row');
    const value = this.server.valueOf(token.id) ?? '';
    for (const row of fields) check(!row.description.includes(value.slice(4)), `the ${row.label} row does not show the token value`);
    await this.page.mouse.move(1000, 250); // no hover over the tree in the picture
    await this.shot('05-tree-expanded');

    // The row's tooltip tells the same story, and never the value.
    await wb.treeRow(NEW_TOKEN).locator('.label-name').hover();
    const tooltip = this.page.locator('.monaco-hover', { hasText: 'Created:' }).first();
    await tooltip.waitFor();
    // MarkdownString.appendText turns spaces into &nbsp;.
    const text = (await tooltip.innerText()).replace(/\u00a0/g, ' ');
    checkMatch(text, new RegExp(`${escapeRegExp(NEW_TOKEN)}\\s+—\\s+expires in ${this.expectedDays(7)}\\s`), 'tooltip title');
    checkMatch(text, /Created: .+ \((just now|1 minute ago)\)/, 'tooltip Created line');
    checkMatch(text, /The value is stored in VS Code: right-click › Copy Token Value\./, 'tooltip stored-value line');
    check(!text.includes(value.slice(4)), 'the tooltip does not show the token value');
    await this.page.mouse.move(1000, 250);
    await tooltip.waitFor({ state: 'hidden' });
  }

  private async copyValue(): Promise<void> {
    const wb = this.workbench;
    // The account token's value is not stored by the extension: nothing to copy there.
    const accountItems = await wb.openContextMenu(wb.treeRow('Stand-in account token'));
    check(!accountItems.includes('Copy Token Value'), `no Copy Token Value for a token whose value is not stored: ${JSON.stringify(accountItems)}`);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-menu').waitFor({ state: 'detached' });

    await wb.writeClipboard('(clipboard before copy)');
    const items = await wb.openContextMenu(wb.treeRow(NEW_TOKEN));
    checkEqual(
      items.join(', '),
      'Copy Token Value, Copy Token ID, Rotate Token, Save Token as GitHub Actions Secret…, Add Token to .env File…, Use Token in New Terminals, Delete Token',
      'context menu of a stored token',
    );
    await this.shot('06-context-menu');
    await wb.chooseMenuItem('Copy Token Value');
    await this.expectClipboardValue();
    // vercelTokens.clipboardClearSeconds (default 60): the status bar counts down to clearing it.
    await wb.statusBar().getByText(new RegExp(`Copied the value of "${escapeRegExp(NEW_TOKEN)}": clipboard clears in \\d+ s`)).waitFor();
  }

  private async reload(): Promise<void> {
    const wb = this.workbench;
    const requestsBefore = this.server.requests.length;
    const reloaded = this.page.waitForEvent('domcontentloaded', { timeout: 60_000 });
    reloaded.catch(() => undefined); // awaited below; if the palette step throws first, its error is the one to report
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    await wb.waitForWorkbench();
    // VS Code restores the Vercel view by itself; clicking its icon while it restores would close it.
    const row = wb.treeRow(NEW_TOKEN);
    await row.waitFor({ timeout: 60_000 });
    checkMatch((await wb.treeRows()).find((r) => r.label === NEW_TOKEN)?.description, /· value stored$/, 'row after reload');
    check(!(await wb.welcomeView().isVisible()), 'the welcome (signed out) view is not shown after reload');
    check(
      this.server.requests.slice(requestsBefore).some((r) => r.method === 'GET' && r.path === '/v6/user/tokens' && r.status === 200),
      'the window listed the tokens again after reload',
    );
    // The value survived the reload in SecretStorage.
    await wb.writeClipboard('(clipboard before copy after reload)');
    await wb.openContextMenu(row);
    await wb.chooseMenuItem('Copy Token Value');
    await this.expectClipboardValue();
  }

  private async delete(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    const id = this.createdId ?? '';
    await wb.openContextMenu(wb.treeRow(NEW_TOKEN));
    await wb.chooseMenuItem('Delete Token');
    const dialog = wb.dialog();
    await dialog.waitFor();
    await dialog.getByText(`Delete the Vercel token "${NEW_TOKEN}"?`).waitFor();
    await dialog.getByText('Anything using this token stops working at once. This cannot be undone.').waitFor();
    // The GitHub step put the value in a secret: the modal names it.
    if (this.github.received.length) {
      await dialog.getByText(`Vercel Tokens put its value in this place, which stops working: ${GITHUB_ROW}.`).waitFor({ timeout: 5_000 }).catch(async () => {
        throw new Error(`the delete modal does not name the GitHub secret: ${JSON.stringify(await dialog.innerText())}`);
      });
    }
    checkEqual((await dialog.locator('.monaco-button').allInnerTexts()).join(', '), 'Cancel, Delete', 'dialog buttons');
    check(api.tokens().some((t) => t.id === id), 'nothing is deleted before the user confirms');
    await this.shot('07-delete-modal');
    await wb.dialogButton('Delete').click();
    await dialog.waitFor({ state: 'detached' });
    await wb.treeRow(NEW_TOKEN).waitFor({ state: 'detached' });
    await wb.statusBar().getByText(`Deleted token "${NEW_TOKEN}"`).waitFor();
    await waitFor(() => !api.tokens().some((t) => t.id === id), 'the token to be gone from the API');
    check(
      api.requests.some((r) => r.method === 'DELETE' && r.path === `/v3/user/tokens/${id}` && r.status === 200),
      `DELETE /v3/user/tokens/${id} was answered 200`,
    );
    const labels = (await wb.treeRows()).map((row) => row.label);
    checkEqual(labels.join(' | '), api.tokens().map((t) => t.name).join(' | '), 'rows after delete');
  }

  /** The account gains teams (one with SAML enforced) and projects: Create shows its scope step. */
  private async scopeStep(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    const acme = api.addTeam({ slug: 'acme', name: 'Acme' });
    for (const name of ['web', 'docs', 'api']) api.addProject({ teamId: acme.id, name });
    api.addTeam({ slug: 'sso-corp', name: 'SSO Corp', samlEnforced: true });
    const postsBefore = api.requests.filter((r) => r.method === 'POST').length;
    // The reload above announced the journey's 7-day token (deleted since): out of the picture.
    await wb.closeToast(/^The Vercel token "GitHub Actions deploy" expires in/);
    await wb.runCommand('Vercel: Create Auth Token');
    await wb.waitForInputBox('Create Vercel Auth Token (1/3)');
    await this.page.keyboard.type('Deploys of acme/web');
    await this.page.keyboard.press('Enter');
    await wb.waitForInputBox('Create Vercel Auth Token (2/3)');
    const options = this.page.locator('.quick-input-widget .quick-input-list [role="option"]');
    const labels = await waitFor(async () => {
      const texts = await options.locator('.label-name').allInnerTexts();
      return texts.length >= 3 ? texts.map((text) => text.trim()) : undefined;
    }, 'the scope items');
    // The current selection first, then the teams in the order Vercel lists them.
    checkEqual(labels[0], 'Full Account', 'first scope item');
    checkEqual([...labels.slice(1)].sort().join(' | '), 'Acme | SSO Corp', 'the teams among the scope items');
    const locked = options.filter({ hasText: 'SSO Corp' });
    checkMatch(await locked.innerText(), /requires SAML single sign-on/, 'the SAML team says why it cannot be picked');
    await this.page.mouse.move(1000, 500);
    await this.shot('08-scope-step');
    await this.page.keyboard.press('Escape');
    await this.quickInputClosed();
    checkEqual(api.requests.filter((r) => r.method === 'POST').length, postsBefore, 'POST requests after Escape');
  }

  /**
   * Tokens that need attention appear on Vercel (one expiring in 2 days, one found leaked); the next
   * start of the extension (a reload) announces them once and the view's badge counts them.
   */
  private async badge(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    const now = Date.now();
    api.addToken({ name: 'Staging deploys', createdAt: now - 88 * DAY_MS, expiresAt: now + 2 * DAY_MS + 60 * 60_000 });
    const leaked = api.addToken({ name: 'Dotfiles sync', createdAt: now - 30 * DAY_MS });
    api.markLeaked(leaked.id, 'https://github.com/example/dotfiles/blob/main/.env');
    const reloaded = this.page.waitForEvent('domcontentloaded', { timeout: 60_000 });
    reloaded.catch(() => undefined);
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    await wb.waitForWorkbench();
    await wb.treeRow('Staging deploys').waitFor({ timeout: 60_000 });
    const toast = wb.toast(/^Vercel tokens need attention: /);
    await toast.waitFor({ timeout: 30_000 });
    const text = await toast.locator('.notification-list-item-message').innerText();
    checkMatch(text, /"Staging deploys" expires in 2 days/, 'the notification names the expiring token');
    checkMatch(text, /"Dotfiles sync" leaked/, 'the notification names the leaked token');
    const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((label) => label.trim());
    checkEqual(buttons.join(', '), "Rotate…, Show, Don't Warn Again for These", 'notification buttons');
    const vercelIcon = this.page.locator('.part.activitybar .action-item', { has: this.page.locator('.action-label[aria-label^="Vercel"]') });
    const badge = vercelIcon.locator('.badge-content');
    await waitFor(async () => ((await badge.innerText().catch(() => '')).trim() === '2' ? true : undefined), 'the badge "2" on the Vercel icon');
    const rows = await wb.treeRows();
    checkMatch(rows.find((row) => row.label === 'Dotfiles sync')?.description, /leaked/, 'the leaked row');
    await this.page.mouse.move(1000, 500);
    await this.shot('09-badge');
    // One notification: the check after the first list, nothing more.
    const seen = (await wb.recordedNotifications()).filter((line) => /need attention/.test(line));
    checkEqual(seen.length, 1, `attention notifications since the reload (${JSON.stringify(seen)})`);
  }

  private async quickInputClosed(): Promise<void> {
    await waitFor(async () => !(await this.workbench.quickInput().isVisible()), 'the quick input to close');
  }

  private async expectClipboardValue(): Promise<void> {
    const expected = this.server.valueOf(this.createdId ?? '');
    check(expected, 'the API knows the value of the created token');
    const copied = await waitFor(
      async () => {
        const text = await this.workbench.readClipboard();
        return text.startsWith('(clipboard before') ? undefined : text;
      },
      'the clipboard to change',
    );
    check(copied === expected, `clipboard holds the stored value of "${NEW_TOKEN}" (got ${copied.slice(0, 4)}…, ${copied.length} characters)`);
  }
}
