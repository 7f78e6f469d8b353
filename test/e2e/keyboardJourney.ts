// The first five minutes with the keyboard alone, in a real VS Code (code-server 4.100.3): the
// walkthrough and its images, every welcome view of the Auth Tokens view with a working button,
// then sign in, create, copy, use in terminals, rotate and delete, each through the palette, Tab,
// the arrow keys, Shift+F10 and the dialogs' keys. A guard in the page fails the run if any mouse
// press reaches it. Along the way the rows' aria-labels must say each token's state in words, and
// the walkthrough's steps tick themselves off. The frames of create → copy become the README's APNG.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeVercel } from '../fake-vercel/server';
import { launchBrowser } from '../host/browser';
import { installVsix, repoRoot, startCodeServer } from '../host/codeServer';
import { check, checkEqual, checkMatch, waitFor, type E2eTest } from './harness';
import { JourneyHost } from './journeyHost';
import { Keys, guardAgainstMouse, mouseGuardScript } from './keyboard';
import { escapeRegExp } from './workbench';

export interface KeyboardJourneyOptions {
  vsixPath: string;
  /** The APNG of create → copy goes here (test-results/screenshots; docs/screenshots for `npm run screenshots`). */
  screenshotDir: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const NEW_TOKEN = 'Keyboard deploys';
/** The new token's row: its aria-label starts with the name and a comma. */
const NEW_TOKEN_ROW = new RegExp(`^${escapeRegExp(NEW_TOKEN)},`);
const LIST_PATH = '/v6/user/tokens';
const WALKTHROUGH_TITLE = 'Get Started with Vercel Tokens';
const STEPS = ['signIn', 'createToken', 'useToken', 'expiryAlerts'] as const;
const STEP_IMAGES = ['02-sign-in.png', '03-create-step1.png', '06-context-menu.png', '09-badge.png'];
/** A smaller page than the other journeys': its frames make the README's animation. */
const viewport = { width: 1024, height: 640 };
export const ANIMATION_FILE = 'create-copy.png';
const frameDelayMs = 900;
const animationLimitBytes = 1.5 * 1024 * 1024;

interface PageGlobals {
  document: { querySelector(selector: string): { complete: boolean; naturalWidth: number; getAttribute(name: string): string | null } | null };
}

export class KeyboardJourney extends JourneyHost<KeyboardJourneyOptions> {
  private keys?: Keys;
  private mouseEvents: string[] = [];
  private frames: Buffer[] = [];
  private createdId?: string;
  /** The walkthrough stays open beside the journey, so its steps can be seen ticking off. */
  private walkthroughOpen = false;

  private get k(): Keys {
    if (!this.keys) throw new Error('the workbench is not open (setup failed)');
    return this.keys;
  }

  tests(): E2eTest[] {
    const setup = 'setup: packaged VSIX in a fresh code-server, a page that counts mouse presses';
    const guard = 'the mouse guard counts a mouse press and not Enter on a button';
    const walkthrough = 'Welcome: Open Walkthrough… by keyboard: four steps, none done, each step\'s image loads when selected with Tab and Enter';
    const signedOut = 'welcome view, signed out: its text and buttons; Tab to Sign In with Access Token, Enter, paste: signed in (the list fails: the error welcome with Retry)';
    const states = 'welcome views: Retry shows loading, then rows; an account without tokens says so; every token hidden by the filter says so, and Show Expired and Revoked works';
    const create = 'keyboard: the palette\'s Create Auth Token, name and expiry typed, Enter; each input box has an accessible label';
    const copy = 'keyboard: focus the view, arrows to the new row, Shift+F10 › Copy Token Value puts the value on the clipboard';
    const terminals = 'keyboard: Shift+F10 › Use Token in New Terminals; Right expands the row, its Used in row has a label that says where';
    const aria = 'aria-labels: each token row says its state in words (expires soon, expired, revoked, leaked, no expiry, value stored, needs attention)';
    const rotate = 'keyboard: Shift+F10 › Rotate Token, the modal answered with Tab and Enter: a new token of that name, the old one gone';
    const del = 'keyboard: Shift+F10 › Delete Token; Escape keeps it, Tab to Delete and Enter deletes it';
    const alerts = 'keyboard: the expiry warning days set in the Settings editor; the walkthrough has every step ticked off';
    const accounts = 'keyboard: a second account signed in from the palette; the account rows have labels';
    return [
      { name: setup, timeoutMs: 180_000, run: () => this.setup() },
      { name: guard, needs: [setup], run: () => this.guardSelfTest() },
      { name: walkthrough, needs: [setup], run: () => this.walkthrough() },
      { name: signedOut, needs: [setup], timeoutMs: 120_000, run: () => this.signedOut() },
      { name: states, needs: [signedOut], run: () => this.welcomeStates() },
      { name: create, needs: [signedOut], run: () => this.create() },
      { name: copy, needs: [create], run: () => this.copy() },
      { name: terminals, needs: [create], run: () => this.terminals() },
      { name: aria, needs: [terminals], run: () => this.ariaLabels() },
      { name: rotate, needs: [create], run: () => this.rotate() },
      { name: del, needs: [rotate], run: () => this.delete() },
      { name: alerts, needs: [walkthrough, copy], run: () => this.alerts() },
      { name: accounts, needs: [signedOut], run: () => this.secondAccount() },
      { name: 'no mouse event reached the page during the keyboard journey', needs: [setup, guard], run: () => this.noMouse() },
    ];
  }

  // --- Tests ---------------------------------------------------------------------------------

  private async setup(): Promise<void> {
    const { userDataDir, extensionsDir, workspaceFolder } = await this.makeScratch('vercel-tokens-e2e-keys-', 'my-project');
    this.api = await startFakeVercel();
    await installVsix(this.options.vsixPath, { extensionsDir, userDataDir });
    this.host = await startCodeServer({ workspaceFolder, userDataDir, extensionsDir, settings: { 'vercelTokens.apiUrl': this.api.url } });
    await this.openWorkspace(await launchBrowser(), workspaceFolder, async (wb) => {
      await wb.page.setViewportSize(viewport);
      this.keys = new Keys(wb);
      await wb.recordNotifications();
      this.mouseEvents = await guardAgainstMouse(wb.page);
    });
  }

  /** On a page of its own: the guard must see a real mouse press, and not the click Enter makes. */
  private async guardSelfTest(): Promise<void> {
    const probe = await this.browser!.context.newPage();
    try {
      const seen: string[] = [];
      await probe.exposeFunction('__e2eMouseEvent', (what: string) => void seen.push(what));
      await probe.setContent('<button id="b" onclick="window.pressed = (window.pressed || 0) + 1">Press</button>');
      await probe.evaluate(mouseGuardScript);
      await probe.keyboard.press('Tab');
      await probe.keyboard.press('Enter');
      checkEqual(await probe.evaluate<number>('window.pressed || 0'), 1, 'presses of the button by Enter');
      checkEqual(seen.length, 0, `mouse events counted for Enter (${JSON.stringify(seen)})`);
      const box = await probe.locator('#b').boundingBox();
      check(box, 'the probe button has a box');
      await probe.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await waitFor(() => seen.some((what) => what.startsWith('click')), 'the guard to count the mouse click', {}, () => JSON.stringify(seen));
      check(seen.some((what) => what.startsWith('mousedown')), `a mouse press is counted: ${JSON.stringify(seen)}`);
    } finally {
      await probe.close();
    }
  }

  private async walkthrough(): Promise<void> {
    const k = this.k;
    await k.palette('Welcome: Open Walkthrough', /^Welcome: Open Walkthrough\.\.\.$/);
    await k.chooseQuickPickItem(WALKTHROUGH_TITLE);
    const editor = this.page.locator('.gettingStartedContainer');
    await editor.getByText(WALKTHROUGH_TITLE).first().waitFor({ timeout: 30_000 });
    const titles = await this.page.locator('.gettingStartedContainer button.getting-started-step .step-title').allInnerTexts();
    checkEqual(
      titles.map((t) => t.trim()).join(' | '),
      'Sign in | Create your first token | Copy or save it where it is used | Set up expiry alerts',
      'walkthrough steps',
    );
    for (const step of STEPS) checkEqual(await this.stepChecked(step), false, `step ${step} done before the user did anything`);
    for (const [i, step] of STEPS.entries()) {
      await this.selectStep(step);
      const image = await waitFor(
        () =>
          this.page.evaluate((name) => {
            const img = (globalThis as unknown as PageGlobals).document.querySelector('.getting-started-media img');
            const src = img?.getAttribute('src') ?? img?.getAttribute('srcset') ?? '';
            return img && img.complete && img.naturalWidth > 0 && src.includes(name) ? { src, alt: img.getAttribute('alt') ?? '' } : undefined;
          }, STEP_IMAGES[i]),
        `the image ${STEP_IMAGES[i]} of step ${step} to load`,
      );
      check(image.alt.length > 20, `step ${step}'s image has alt text: ${JSON.stringify(image.alt)}`);
    }
    this.walkthroughOpen = true;
    // The walkthrough focuses the selected step a moment after the selection.
    await this.page.waitForTimeout(1_000);
  }

  /**
   * Tab (forwards, round the editor) to the step's button and Enter: VS Code selects it and shows its
   * media. The walkthrough moves focus to the selected step a moment after a selection, which can
   * undo a Tab pressed meanwhile: settle first, and go again when the selection did not take.
   */
  private async selectStep(step: string): Promise<void> {
    const k = this.k;
    const selected = async () => (await this.stepButton(step).getAttribute('aria-expanded')) === 'true';
    for (let attempt = 1; attempt <= 3; attempt++) {
      await this.page.waitForTimeout(700);
      for (let i = 0; i < 60; i++) {
        if ((await k.active()).stepId.endsWith(`#${step}`)) break;
        await k.press('Tab');
      }
      if (!(await k.active()).stepId.endsWith(`#${step}`)) continue;
      await k.press('Enter');
      if (await waitFor(selected, `the step ${step} to be selected`, { timeoutMs: 3_000 }).catch(() => false)) return;
    }
    throw new Error(`Tab and Enter never selected the walkthrough step ${step}`);
  }

  private stepButton(step: string) {
    return this.page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id$="#${step}"]`);
  }

  private async stepChecked(step: string): Promise<boolean> {
    const box = this.page.locator(`.gettingStartedContainer [data-done-step-id$="#${step}"]`);
    return (await box.getAttribute('aria-checked')) === 'true';
  }

  private async waitForStepChecked(step: string): Promise<void> {
    await waitFor(() => this.stepChecked(step), `the walkthrough step ${step} to be ticked off`);
    // A step done moves the walkthrough on to the next one, which takes the focus a moment later.
    await this.page.waitForTimeout(1_500);
  }

  private async signedOut(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    const api = this.server;
    await k.focusTokensView();
    const welcome = wb.welcomeView();
    await welcome.getByText('Sign in with a Vercel access token to see and manage the tokens of your account.').waitFor();
    const buttons = (await welcome.locator('.monaco-button').allInnerTexts()).map((text) => text.trim());
    checkEqual(buttons.join(', '), 'Sign In with Access Token', 'buttons of the signed-out welcome');
    const links = (await welcome.locator('a:not(.monaco-button)').allInnerTexts()).map((text) => text.trim());
    checkEqual(links.join(', '), 'vercel.com/account/settings/tokens, Get Started walkthrough', 'links of the signed-out welcome');

    // The first list fails: the view must say so, with Retry.
    api.fail({ method: 'GET', path: LIST_PATH, times: 'always', kind: 'respond', status: 500, body: { error: { code: 'internal_server_error', message: 'stand-in failure' } } });
    await k.tabTo('Sign In with Access Token');
    await k.press('Enter');
    await wb.waitForInputBox(/^Sign In to Vercel/);
    await this.expectInputLabel(/Vercel access token/i, 'the sign-in box');
    await k.typeInBox(api.accountToken);
    await k.press('Enter');
    await wb.toast(/Signed in to Vercel as tester\./).waitFor();
    if (this.walkthroughOpen) {
      await this.waitForStepChecked('signIn');
      checkEqual(await this.stepChecked('createToken'), false, 'the create step, done before any create');
    }

    await welcome.getByText(/The token list could not be loaded\./).waitFor({ timeout: 60_000 });
    const errorButtons = (await welcome.locator('.monaco-button').allInnerTexts()).map((text) => text.trim());
    checkEqual(errorButtons.join(', '), 'Retry', 'buttons of the error welcome');
    checkEqual((await welcome.locator('a:not(.monaco-button)').allInnerTexts()).map((t) => t.trim()).join(', '), 'settings', 'links of the error welcome');
  }

  private async welcomeStates(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    const api = this.server;
    const welcome = wb.welcomeView();
    // Loading: the next list takes a while; the view says it is loading and offers Create meanwhile.
    api.clearFaults();
    api.fail({ method: 'GET', path: LIST_PATH, kind: 'delay', ms: 6_000 });
    await k.focusTokensView();
    await k.tabTo('Retry');
    await k.press('Enter');
    await welcome.getByText('Loading tokens…').waitFor({ timeout: 5_000 });
    checkEqual((await welcome.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()).join(', '), 'Create Auth Token', 'buttons while loading');
    await wb.treeRow('Stand-in account token').waitFor({ timeout: 30_000 });

    // No tokens: the list leaves out the only one (the account token).
    const accountToken = api.tokens().find((token) => token.name === 'Stand-in account token');
    check(accountToken, 'the stand-in has the account token');
    api.fail({ method: 'GET', path: LIST_PATH, kind: 'omit', tokenIds: [accountToken.id], times: 'always' });
    await k.palette('Vercel: Refresh Tokens');
    await welcome.getByText('This account has no tokens yet.').waitFor();
    checkEqual((await welcome.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()).join(', '), 'Create Auth Token', 'buttons of the empty welcome');

    // Every token hidden by the filter.
    const now = Date.now();
    const expired = api.addToken({ name: 'Old laptop', createdAt: now - 200 * DAY_MS, expiresAt: now - 10 * DAY_MS });
    await k.palette('Vercel: Hide Expired and Revoked');
    await k.palette('Vercel: Refresh Tokens');
    await welcome.getByText('All tokens are expired or revoked and hidden.').waitFor();
    checkEqual(
      (await welcome.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()).join(', '),
      'Show Expired and Revoked, Create Auth Token',
      'buttons of the filtered welcome',
    );
    await k.focusTokensView();
    await k.tabTo('Show Expired and Revoked');
    await k.press('Enter');
    await wb.treeRow(expired.name).waitFor();
    check(!(await welcome.isVisible()), 'no welcome once the expired token is shown');

    api.clearFaults();
    await k.palette('Vercel: Refresh Tokens');
    await wb.treeRow('Stand-in account token').waitFor();
  }

  private async create(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    const api = this.server;
    await this.frame();
    await this.page.keyboard.press('F1');
    await wb.quickInput().waitFor();
    await this.page.keyboard.type('Vercel: Create Auth Token');
    await this.frame();
    await k.press('Enter');
    await wb.waitForInputBox('Create Vercel Auth Token (1/2)');
    await this.expectInputLabel(/token name/i, 'the name box (1/2)');
    await this.frame();
    await k.typeInBox(NEW_TOKEN);
    await this.frame();
    await k.press('Enter');
    await wb.waitForInputBox('Create Vercel Auth Token (2/2)');
    await this.expectInputLabel(/expir/i, 'the expiry box (2/2)');
    await wb.replaceInput('7d');
    await wb.waitForInputMessage(/^Expires .+ \(in 7 days\)/, 'info');
    await this.frame();
    await k.press('Enter');
    await wb.toast(/^New token created\. Its value is stored in VS Code\.$/).waitFor();
    await wb.treeRow(NEW_TOKEN).waitFor();
    await this.frame();
    const created = await waitFor(() => api.tokens().find((token) => token.name === NEW_TOKEN), 'the token on the stand-in API');
    this.createdId = created.id;
    if (this.walkthroughOpen) {
      await this.waitForStepChecked('createToken');
      checkEqual(await this.stepChecked('useToken'), false, 'the copy step, done before any copy');
    }
  }

  private async copy(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    await wb.writeClipboard('(clipboard before copy)');
    await k.focusTokensView();
    const label = await k.moveToRow(NEW_TOKEN_ROW);
    await this.frame();
    const items = await k.openRowMenu();
    check(items.includes('Copy Token Value'), `the row's menu offers Copy Token Value: ${JSON.stringify(items)}`);
    await this.frame();
    await k.press('ArrowDown'); // the first item, Copy Token Value, highlighted in the animation
    await this.frame();
    await k.chooseMenuItem('Copy Token Value');
    const expected = this.server.valueOf(this.createdId ?? '');
    check(expected, 'the stand-in knows the new token\'s value');
    const copied = await waitFor(async () => {
      const text = await wb.readClipboard();
      return text === '(clipboard before copy)' ? undefined : text;
    }, 'the clipboard to change');
    check(copied === expected, `the clipboard holds the value of "${NEW_TOKEN}" (got ${copied.slice(0, 4)}…, ${copied.length} characters)`);
    check(!label.includes(expected.slice(4)), 'the row\'s label does not hold the value');
    await wb.statusBar().getByText(new RegExp(`Copied the value of "${escapeRegExp(NEW_TOKEN)}"`)).waitFor();
    await this.frame();
    await this.writeAnimation();
    if (this.walkthroughOpen) {
      await this.waitForStepChecked('useToken');
      checkEqual(await this.stepChecked('expiryAlerts'), false, 'the alerts step, done before the setting changed');
    }
  }

  private async terminals(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    await this.chooseFromNewTokenMenu('Use Token in New Terminals');
    await wb.toast(/^New terminals of this window get VERCEL_TOKEN set to "Keyboard deploys"\./).waitFor();
    await k.focusTokensView();
    const row = await k.moveToRow(NEW_TOKEN_ROW);
    checkMatch(row, /, used in 1 place$/, 'the token row says it is used somewhere');
    await k.press('ArrowRight');
    const expanded = this.page.locator('.part.sidebar .monaco-list-row.focused[aria-expanded="true"]');
    await expanded.waitFor();
    await this.page.locator('.part.sidebar .monaco-list-row[aria-level="2"]').first().waitFor();
    await k.press('ArrowDown');
    const place = await waitFor(() => k.focusedRowLabel().then((text) => (/^Used in/.test(text) ? text : undefined)), 'the Used in row focused');
    checkEqual(place, 'Used in the environment of new terminals of this window · VERCEL_TOKEN', 'aria-label of the Used in row');
    await k.press('ArrowLeft');
    await k.press('ArrowLeft');
  }

  private async ariaLabels(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    const api = this.server;
    const now = Date.now();
    api.addToken({ name: 'Staging deploys', createdAt: now - 88 * DAY_MS, expiresAt: now + 2 * DAY_MS + 60 * 60_000 });
    api.revoke(api.addToken({ name: 'Revoked CI', createdAt: now - 50 * DAY_MS, expiresAt: now + 40 * DAY_MS }).id);
    api.markLeaked(api.addToken({ name: 'Dotfiles sync', createdAt: now - 30 * DAY_MS }).id, 'https://github.com/example/dotfiles/blob/main/.env');
    api.addToken({ name: 'Forever token', createdAt: now - 5 * DAY_MS });
    if (!api.tokens().some((token) => token.name === 'Old laptop')) api.addToken({ name: 'Old laptop', createdAt: now - 200 * DAY_MS, expiresAt: now - 10 * DAY_MS });
    api.addToken({ name: 'Preview deploys', createdAt: now - 20 * DAY_MS, expiresAt: now + 40 * DAY_MS });
    await k.palette('Vercel: Refresh Tokens');
    await wb.treeRow('Forever token').waitFor();
    const labels = async () =>
      new Map(
        await this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]').evaluateAll((rows) =>
          rows.map((row) => [row.querySelector('.label-name')?.textContent ?? '', row.getAttribute('aria-label') ?? ''] as [string, string]),
        ),
      );
    const byName = await waitFor(async () => {
      const map = await labels();
      return map.has('Dotfiles sync') && map.has('Revoked CI') ? map : undefined;
    }, 'the rows of the new tokens');
    const expect: Array<[string, RegExp]> = [
      [NEW_TOKEN, /^Keyboard deploys, expires in (6|7) days, value stored, needs attention, used in 1 place$/],
      ['Staging deploys', /^Staging deploys, expires in 2 days, needs attention$/],
      ['Old laptop', /^Old laptop, expired$/],
      ['Revoked CI', /^Revoked CI, revoked, needs attention$/],
      ['Dotfiles sync', /^Dotfiles sync, leaked, needs attention$/],
      ['Forever token', /^Forever token, no expiry$/],
      ['Preview deploys', /^Preview deploys, expires in (39|40) days$/],
      ['Stand-in account token', /^Stand-in account token, no expiry, signed in with this$/],
    ];
    const failures = expect.filter(([name, pattern]) => !pattern.test(byName.get(name) ?? '(no row)'));
    check(
      failures.length === 0,
      `aria-labels that do not say the state: ${failures.map(([name, pattern]) => `${name}: expected ${pattern}, got ${JSON.stringify(byName.get(name))}`).join('; ')}`,
    );
    for (const [name, label] of byName) {
      const value = [...api.tokens()].filter((token) => token.name === name).map((token) => api.valueOf(token.id)).find(Boolean);
      if (value) check(!label.includes(value.slice(4)), `the label of ${name} does not hold its value`);
    }
  }

  private async rotate(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    const api = this.server;
    const oldId = this.createdId ?? '';
    await this.chooseFromNewTokenMenu('Rotate Token');
    await wb.dialog().getByText(`Rotate the Vercel token "${NEW_TOKEN}"?`).waitFor();
    await k.pressDialogButton('Rotate');
    await wb.toast(new RegExp(`^Rotated token "${escapeRegExp(NEW_TOKEN)}": the old one is deleted\\.`)).waitFor({ timeout: 30_000 });
    await waitFor(() => !api.tokens().some((token) => token.id === oldId), 'the old token to be gone from the API');
    const renewed = api.tokens().find((token) => token.name === NEW_TOKEN);
    check(renewed && renewed.id !== oldId, 'a new token of the same name exists');
    this.createdId = renewed.id;
    await waitFor(async () => (await wb.treeRow(NEW_TOKEN).count()) === 1, `one row "${NEW_TOKEN}" in the tree`);
  }

  private async delete(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    const api = this.server;
    const id = this.createdId ?? '';
    await this.chooseFromNewTokenMenu('Delete Token');
    await wb.dialog().getByText(`Delete the Vercel token "${NEW_TOKEN}"?`).waitFor();
    await k.press('Escape');
    await wb.dialog().waitFor({ state: 'detached' });
    check(api.tokens().some((token) => token.id === id), 'Escape deletes nothing');

    await this.chooseFromNewTokenMenu('Delete Token');
    await k.pressDialogButton('Delete');
    await wb.treeRow(NEW_TOKEN).waitFor({ state: 'detached' });
    await waitFor(() => !api.tokens().some((token) => token.id === id), 'the token to be gone from the API');
    await wb.statusBar().getByText(`Deleted token "${NEW_TOKEN}"`).waitFor();
  }

  private async alerts(): Promise<void> {
    const k = this.k;
    await k.palette('Preferences: Open Settings (UI)');
    await this.page.locator('.settings-editor').waitFor();
    await this.page.keyboard.type('vercelTokens.expiryWarningDays');
    const setting = this.page.locator('.settings-editor .setting-item-contents', { hasText: 'Expiry Warning Days' });
    await setting.first().waitFor();
    // From the search box into the list, then into the row's control.
    await k.press('ArrowDown');
    await k.press('Enter');
    await waitFor(async () => (await k.active()).role === 'spinbutton' || /expiryWarningDays|Expiry Warning Days/.test((await k.active()).label), 'the number box of the setting focused', {}, async () => JSON.stringify(await k.active()));
    await k.press('Control+A');
    await this.page.keyboard.type('14');
    await k.press('Tab');
    const settingsFile = join(this.host!.userDataDir, 'User', 'settings.json');
    await waitFor(async () => /"vercelTokens\.expiryWarningDays":\s*14/.test(await readFile(settingsFile, 'utf8')), 'the setting written as 14');
    await k.palette('View: Close Editor');
    // The walkthrough, visible again, takes the focus a moment later.
    await this.page.waitForTimeout(1_000);
    // The walkthrough, hidden behind the Settings editor when the setting changed, may show the ticks
    // it had then: opened again, it shows what VS Code recorded.
    const ticked = await waitFor(() => this.stepChecked('expiryAlerts'), 'the alerts step ticked off', { timeoutMs: 5_000 }).catch(() => false);
    if (!ticked) {
      await k.palette('Welcome: Open Walkthrough', /^Welcome: Open Walkthrough\.\.\.$/);
      await k.chooseQuickPickItem(WALKTHROUGH_TITLE);
      await this.page.waitForTimeout(1_000);
    }
    for (const step of STEPS) await this.waitForStepChecked(step);
    // Done with it: it would take the focus from the boxes of the steps after this one.
    await k.palette('View: Close Editor');
    await this.page.locator('.gettingStartedContainer').waitFor({ state: 'detached' });
    this.walkthroughOpen = false;
  }

  private async secondAccount(): Promise<void> {
    const wb = this.workbench;
    const k = this.k;
    const api = this.server;
    const other = api.addUser({ username: 'second' });
    const { value } = api.issueToken({ kind: 'full', userId: other.id, name: 'Second account token' });
    await k.palette('Vercel: Sign In with Access Token');
    await wb.waitForInputBox(/^Sign In to Vercel/);
    await k.typeInBox(value);
    await k.press('Enter');
    await wb.toast(/Signed in to Vercel as second\./).waitFor();
    // After the toast the tree turns from one account's tokens into a row per account: both drawn
    // first, or the arrow keys would reach the end of a tree that is still being replaced.
    for (const name of ['second', 'tester']) {
      await this.page.locator(`.part.sidebar [role="treeitem"][aria-level="1"][aria-label^="Vercel account ${name}"]`).waitFor();
    }
    await k.focusTokensView();
    await k.moveToRow(/^Vercel account second/);
    await k.moveToRow(/^Vercel account tester/);
  }

  private async noMouse(): Promise<void> {
    checkEqual(JSON.stringify(this.mouseEvents), '[]', 'mouse events that reached the workbench page');
  }

  // --- Helpers -------------------------------------------------------------------------------

  /** The palette's focus command, the arrow keys to the new token's row, Shift+F10, then `item`. */
  private async chooseFromNewTokenMenu(item: string): Promise<void> {
    const k = this.k;
    await k.focusTokensView();
    await k.moveToRow(NEW_TOKEN_ROW);
    await k.openRowMenu();
    await k.chooseMenuItem(item);
  }

  /** The quick input's box must be named for a screen reader: its aria-label, or failing that its placeholder. */
  private async expectInputLabel(pattern: RegExp, what: string): Promise<void> {
    const input = this.workbench.quickInput();
    const aria = (await input.getAttribute('aria-label')) ?? '';
    const placeholder = (await input.getAttribute('placeholder')) ?? '';
    console.log(`      ${what}: aria-label ${JSON.stringify(aria)}, placeholder ${JSON.stringify(placeholder)}`);
    check(pattern.test(aria) || pattern.test(placeholder), `${what}: aria-label ${JSON.stringify(aria)}, placeholder ${JSON.stringify(placeholder)}; expected ${pattern}`);
  }

  private async frame(): Promise<void> {
    await this.page.waitForTimeout(300);
    this.frames.push(await this.page.screenshot());
  }

  /** The frames of create → copy as one APNG, where the screenshots go. */
  private async writeAnimation(): Promise<void> {
    const script = (await import(pathToFileURL(join(repoRoot(), 'scripts', 'apng.mjs')).href)) as {
      assembleApng(frames: Buffer[], delaysMs: number[]): Buffer;
    };
    const delays = this.frames.map((_, i) => (i === this.frames.length - 1 ? frameDelayMs * 3 : frameDelayMs));
    const apng = script.assembleApng(this.frames, delays);
    check(apng.length < animationLimitBytes, `the animation is ${apng.length} bytes, over ${animationLimitBytes}`);
    await mkdir(this.options.screenshotDir, { recursive: true });
    await writeFile(join(this.options.screenshotDir, ANIMATION_FILE), apng);
    console.log(`      ${ANIMATION_FILE}: ${this.frames.length} frames, ${(apng.length / 1024).toFixed(0)} KB`);
  }
}
