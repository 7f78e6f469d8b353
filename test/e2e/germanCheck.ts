// The packaged extension in a code-server started with `--locale de` (and the minimal language pack
// that makes it take effect, test/host/languagePack.ts): what a German user sees. The command titles
// come from package.nls.de.json, the messages of the vscode layers and of core/domain from
// l10n/bundle.l10n.de.json, and the dates and relative times from Intl in VS Code's display
// language. VS Code's own UI stays English: the pack translates nothing of it.
import { formatDateTime, setDisplayLanguage } from '../../src/domain/format';
import { startFakeVercel } from '../fake-vercel/server';
import { launchBrowser } from '../host/browser';
import { installVsix, startCodeServer } from '../host/codeServer';
import { installLanguagePack } from '../host/languagePack';
import { check, checkEqual, checkMatch, waitFor, type E2eTest } from './harness';
import { JourneyHost } from './journeyHost';
import { escapeRegExp, exactly } from './workbench';

export interface GermanCheckOptions {
  vsixPath: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CREATE_TITLE = 'Vercel: Authentifizierungstoken erstellen';
const SIGN_IN_TITLE = 'Vercel: Mit Zugriffstoken anmelden';
/** Created on a fixed December day, so that its date shows the German month. */
const WINTER_TOKEN = 'Winter deploys';
const sideBarWidth = 600;

/** What formatDateTime writes in German, without leaving the shared formatter German for others. */
function germanDateTime(ms: number): string {
  setDisplayLanguage('de');
  try {
    return formatDateTime(ms);
  } finally {
    setDisplayLanguage('en');
  }
}

export class GermanCheck extends JourneyHost<GermanCheckOptions> {
  private winterCreatedAt = 0;

  tests(): E2eTest[] {
    const setup = 'setup: packaged VSIX and the minimal German language pack in a code-server started with --locale de';
    const welcome = 'the Vercel view welcomes in German (package.nls.de.json); VS Code\'s own UI stays English';
    const palette = 'the palette lists the German command titles, and the English title still finds them';
    const signIn = 'Sign In in German: the box and its prompt, a validation message of src/domain, a refusal of src/core, the notification';
    return [
      { name: setup, timeoutMs: 180_000, run: () => this.setup() },
      { name: welcome, needs: [setup], run: () => this.welcome() },
      { name: palette, needs: [setup], run: () => this.palette() },
      { name: signIn, needs: [welcome], run: () => this.signIn() },
      { name: 'the tree in German: statuses and plurals, the tooltip\'s dates with German months (Intl in de)', needs: [signIn], run: () => this.tree() },
    ];
  }

  private async setup(): Promise<void> {
    const { userDataDir, extensionsDir, workspaceFolder } = await this.makeScratch('vercel-tokens-e2e-de-', 'mein-projekt');

    this.api = await startFakeVercel();
    const now = Date.now();
    this.api.addToken({ name: 'Preview deploys', createdAt: now - 20 * DAY_MS, expiresAt: now + 40 * DAY_MS });
    this.api.addToken({ name: 'Old laptop', createdAt: now - 200 * DAY_MS, expiresAt: now - 10 * DAY_MS });
    // Local time, as the extension shows it: the 4th of December of last year, 09:30.
    this.winterCreatedAt = new Date(new Date(now).getFullYear() - 1, 11, 4, 9, 30).getTime();
    this.api.addToken({ name: WINTER_TOKEN, createdAt: this.winterCreatedAt });

    await installVsix(this.options.vsixPath, { extensionsDir, userDataDir });
    await installLanguagePack({ extensionsDir, userDataDir });
    this.host = await startCodeServer({
      workspaceFolder,
      userDataDir,
      extensionsDir,
      locale: 'de',
      settings: { 'vercelTokens.apiUrl': this.api.url },
    });
    await this.openWorkspace(await launchBrowser(), workspaceFolder);
  }

  private async welcome(): Promise<void> {
    const wb = this.workbench;
    // The view container's title is "Vercel" in both languages.
    await wb.openActivity('Vercel');
    await wb.widenSideBar(sideBarWidth);
    await wb.welcomeView().getByText('Melden Sie sich mit einem Vercel-Zugriffstoken an, um die Tokens Ihres Kontos zu sehen und zu verwalten.').waitFor();
    await wb.welcomeButton('Mit Zugriffstoken anmelden').waitFor();
    // The view's name in the side bar's title ("Vercel: Auth-Tokens", shown in capitals).
    await wb.page.locator('.part.sidebar .composite.title', { hasText: /Vercel: Auth-Tokens/i }).waitFor();
    // VS Code's own words are not translated by the minimal pack.
    const labels = await wb.page.locator('.part.activitybar .action-label').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    check(labels.some((label) => /^Explorer\b/.test(label)) && labels.some((label) => /^Extensions\b/.test(label)), `VS Code's own activity bar labels in English: ${JSON.stringify(labels)}`);
  }

  private async palette(): Promise<void> {
    const wb = this.workbench;
    const page = wb.page;
    const focusedLabel = page.locator('.quick-input-list [role="option"].focused .label-name');
    const firstRows = () => page.locator('.quick-input-list [role="option"]').allInnerTexts().then((texts) => JSON.stringify(texts.slice(0, 5)));
    const search = async (typed: string, expected: string) => {
      await page.keyboard.press('F1');
      await wb.quickInput().waitFor();
      await page.keyboard.type(typed);
      await waitFor(
        async () => (await focusedLabel.filter({ hasText: exactly(expected) }).count()) === 1,
        `"${expected}" to be the highlighted entry for ${JSON.stringify(typed)}`,
        {},
        firstRows,
      );
      await page.keyboard.press('Escape');
      await waitFor(async () => !(await wb.quickInput().isVisible()), 'the palette to close');
    };
    await search(CREATE_TITLE, CREATE_TITLE);
    // VS Code matches a translated command by its English title too, and shows it in German.
    await search('Vercel: Create Auth Token', CREATE_TITLE);
    await search('Vercel: Sign In with Access Token', SIGN_IN_TITLE);
    // VS Code's own commands keep their English titles.
    await search('Developer: Reload Window', 'Developer: Reload Window');
  }

  private async signIn(): Promise<void> {
    const wb = this.workbench;
    const api = this.server;
    await wb.runCommand(SIGN_IN_TITLE);
    await wb.waitForInputBox(/^Bei Vercel anmelden/);
    checkEqual(await wb.quickInput().getAttribute('type'), 'password', 'type of the sign-in input');
    // The prompt: src/commands (vscode.l10n.t), with the link it names kept.
    await wb.waitForInputMessage(/^Fügen Sie ein Vercel-Zugriffstoken mit dem Bereich „Full Account“ ein \(nur solche können Tokens erstellen\)\. Erstellen Sie eines unter /, 'none');
    // A validation message of src/domain (@vscode/l10n, configured from VS Code's bundle at activation).
    await wb.replaceInput('https://vercel.com/account/settings/tokens');
    await wb.waitForInputMessage(/^Das ist eine Webadresse, kein Token\./, 'error');
    // A refusal worded in src/core, inside a message of the command.
    await wb.replaceInput(`vcp_${'Q7'.repeat(12)}`);
    await wb.page.keyboard.press('Enter');
    await wb.waitForInputMessage(/^Nicht angemeldet: Vercel hat dieses Token abgelehnt: Es ist ungültig, abgelaufen oder widerrufen\./, 'error');
    await wb.replaceInput(api.accountToken);
    await wb.page.keyboard.press('Enter');
    await wb.toast(/^Bei Vercel als tester angemeldet\.$/).waitFor();
    await wb.statusBar().getByRole('button', { name: 'Vercel-Konto: tester' }).waitFor();
  }

  private async tree(): Promise<void> {
    const wb = this.workbench;
    for (const token of this.server.tokens()) await wb.treeRow(token.name).waitFor();
    const rows = await wb.treeRows();
    const description = (label: string) => rows.find((row) => row.label === label)?.description;
    // Relative times and plurals from Intl.RelativeTimeFormat('de'), inside "läuft {0} ab".
    checkMatch(description('Preview deploys'), /^läuft in (39|40) Tagen ab$/, 'the active token row');
    checkMatch(description('Old laptop'), /^abgelaufen$/, 'the expired token row');
    checkMatch(description(WINTER_TOKEN), /^kein Ablauf$/, 'the token without expiry');
    checkMatch(description('Stand-in account token'), /· damit angemeldet$/, 'the account token row');

    await wb.treeRow(WINTER_TOKEN).locator('.label-name').hover();
    const tooltip = wb.page.locator('.monaco-hover', { hasText: 'Erstellt:' }).first();
    await tooltip.waitFor();
    // MarkdownString.appendText turns spaces into &nbsp;.
    const text = (await tooltip.innerText()).replace(/\u00a0/g, ' ');
    const created = germanDateTime(this.winterCreatedAt);
    check(/Dez\./.test(created), `the German date of the 4th of December names "Dez.": ${JSON.stringify(created)}`);
    checkMatch(text, new RegExp(`Erstellt: ${escapeRegExp(created)} \\(vor \\d+ (Monaten|Jahr|Jahren)\\)`), 'the tooltip\'s Created line');
    checkMatch(text, /Zuletzt verwendet: nie/, 'the tooltip\'s Last used line');
    checkMatch(text, /Läuft ab: nie/, 'the tooltip\'s Expires line');
    await wb.page.mouse.move(1000, 250);
    await tooltip.waitFor({ state: 'hidden' });
  }
}
