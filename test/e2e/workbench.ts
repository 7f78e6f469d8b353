// Drives the VS Code web workbench (code-server 4.100.3) the way a user does: keyboard and mouse.
// The DOM is only read, to see what the user would see. Selectors: shared/docs/real-vscode-here.md.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { BrowserSession } from '../host/browser';
import { AssertionFailed, waitFor } from './harness';

export type Severity = 'error' | 'info' | 'warning' | 'none';

export interface TreeRow {
  level: number;
  label: string;
  description: string;
  expanded: boolean | null;
}

/** What the clipboard helpers use inside the page (the tests compile without the DOM library). */
interface PageGlobals {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
}

/** The size of every e2e page, so the screenshots in docs/screenshots stay alike. */
const viewport = { width: 1280, height: 800 };
/** VS Code ignores a menu item's mouseup that follows the opening right-click too closely. */
const menuSettleMs = 250;
/** Lets a fade-in (toast, dialog, quick input) finish before a screenshot. */
const screenshotSettleMs = 400;

export class Workbench {
  /** Page console lines, oldest first, with VS Code's %c styling removed. */
  readonly console: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => this.console.push(`[${message.type()}] ${stripConsoleStyling(message.text())}`));
    page.on('pageerror', (error) => this.console.push(`[pageerror] ${error.message}`));
  }

  /** A new page of the browser, 1280×800, waiting at most 20 s for each step by default. */
  static async newPage(browser: Pick<BrowserSession, 'context'>): Promise<Workbench> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize(viewport);
    return new Workbench(page);
  }

  /**
   * Records every notification that appears and every time the toasts are hidden, in the page
   * (window.__e2eNotifications), so a failure can tell "never shown" from "shown and gone".
   */
  async recordNotifications(): Promise<void> {
    await this.page.addInitScript({ content: notificationRecorder });
  }

  async recordedNotifications(): Promise<string[]> {
    return this.page.evaluate<string[]>('window.__e2eNotifications || []');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitForWorkbench();
  }

  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 90_000 });
    // The activity bar fills in once the extensions are registered.
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
  }

  // --- Activity bar and side bar -------------------------------------------------------------

  /** Opens a view container from the activity bar; clicking an already open one would close it. */
  async openActivity(label: string): Promise<void> {
    const icon = this.page.locator(`.part.activitybar .action-label[aria-label="${label}"]`);
    await icon.waitFor({ timeout: 60_000 });
    const item = this.page.locator('.part.activitybar .action-item', { has: this.page.locator(`.action-label[aria-label="${label}"]`) });
    if (!((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) await icon.click();
    await waitFor(
      async () => ((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked'),
      `the "${label}" view container to open`,
    );
  }

  /** Drags the sash between side bar and editor so that descriptions in the tree are not cut off. */
  async widenSideBar(width: number): Promise<void> {
    const sideBar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sideBar || sideBar.width >= width) return;
    const x = sideBar.x + sideBar.width;
    const y = sideBar.y + sideBar.height / 2;
    await this.page.mouse.move(x - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + 40, y, { steps: 4 });
    await this.page.mouse.move(sideBar.x + width, y, { steps: 8 });
    await this.page.mouse.up();
    await waitFor(async () => ((await this.page.locator('.part.sidebar').boundingBox())?.width ?? 0) >= width - 4, `a side bar ${width}px wide`);
  }

  welcomeView(): Locator {
    return this.page.locator('.part.sidebar .welcome-view-content');
  }

  welcomeButton(label: string): Locator {
    return this.welcomeView().locator('.monaco-button', { hasText: exactly(label) });
  }

  // --- Command palette and input boxes -------------------------------------------------------

  /** F1, type the command's title, wait until it is the highlighted entry, Enter. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput().waitFor();
    await this.page.keyboard.type(title);
    const entry = this.page.locator('.quick-input-list [role="option"].focused .label-name', { hasText: exactly(title) });
    await waitFor(async () => (await entry.count()) === 1, `"${title}" to be the highlighted entry of the command palette`, {}, () =>
      this.page.locator('.quick-input-list [role="option"]').allInnerTexts().then((texts) => JSON.stringify(texts.slice(0, 5))),
    );
    await this.page.keyboard.press('Enter');
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  quickInputTitle(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-title');
  }

  /** The line under the input box: the prompt, or the validation message. */
  quickInputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  async quickInputSeverity(): Promise<Severity> {
    const classes = ((await this.page.locator('.quick-input-widget .monaco-inputbox').getAttribute('class')) ?? '').split(/\s+/);
    return (['error', 'warning', 'info'] as const).find((severity) => classes.includes(severity)) ?? 'none';
  }

  /** Waits for the input box with this title (e.g. "Create Vercel Auth Token (2/2)"). */
  async waitForInputBox(title: string | RegExp): Promise<void> {
    const matches = (text: string) => (typeof title === 'string' ? text === title : title.test(text));
    await waitFor(
      async () => (await this.quickInput().isVisible()) && matches(await this.quickInputTitle().innerText()),
      `the input box "${title}"`,
      {},
      async () => `title ${JSON.stringify(await this.quickInputTitle().innerText().catch(() => '(no input box)'))}`,
    );
  }

  /** Selects what is in the box and types over it, as a user would. */
  async replaceInput(text: string): Promise<void> {
    await this.page.keyboard.press('Control+A');
    if (text === '') await this.page.keyboard.press('Backspace');
    else await this.page.keyboard.type(text);
  }

  /** Waits until the message under the box matches and is shown with this severity. */
  async waitForInputMessage(pattern: RegExp, severity: Severity): Promise<string> {
    return waitFor(
      async () => {
        const text = await this.quickInputMessage().innerText();
        return pattern.test(text) && (await this.quickInputSeverity()) === severity ? text : undefined;
      },
      `the input box message ${pattern} (${severity})`,
      {},
      async () => `${await this.quickInputSeverity()}: ${JSON.stringify(await this.quickInputMessage().innerText())}`,
    );
  }

  quickInputBackButton(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-left-action-bar .codicon-quick-input-back');
  }

  /** The options of the open quick pick: label, then description, as the user reads them. */
  async quickPickItems(): Promise<string[]> {
    return this.page.locator('.quick-input-widget .quick-input-list [role="option"]').evaluateAll((elements) =>
      elements.map((element) =>
        [element.querySelector('.label-name')?.textContent, element.querySelector('.label-description')?.textContent]
          .map((text) => (text ?? '').trim())
          .filter(Boolean)
          .join(' — '),
      ),
    );
  }

  /**
   * Waits for the quick pick whose title (or, for a pick without one, placeholder) matches, and for
   * its item labelled exactly `label`, then clicks that item.
   */
  async chooseQuickPickItem(heading: string | RegExp, label: string): Promise<void> {
    const matches = (text: string) => (typeof heading === 'string' ? text === heading : heading.test(text));
    const widget = this.page.locator('.quick-input-widget');
    const option = widget.locator('.quick-input-list [role="option"]', { has: this.page.locator('.label-name', { hasText: exactly(label) }) });
    await waitFor(
      async () => {
        if (!(await this.quickInput().isVisible())) return false;
        const title = await this.quickInputTitle().innerText().catch(() => '');
        const placeholder = (await this.quickInput().getAttribute('placeholder')) ?? '';
        return (matches(title) || matches(placeholder)) && (await option.count()) === 1;
      },
      `the quick pick ${heading} with the item "${label}"`,
      {},
      async () =>
        `title ${JSON.stringify(await this.quickInputTitle().innerText().catch(() => '(none)'))}, placeholder ${JSON.stringify(
          await this.quickInput().getAttribute('placeholder', { timeout: 1_000 }).catch(() => '(none)'),
        )}, items ${JSON.stringify(await this.quickPickItems().catch(() => []))}`,
    );
    await option.click();
  }

  // --- Tree views ------------------------------------------------------------------------------

  /** Top-level row of the side bar tree whose label is exactly `label`. */
  treeRow(label: string): Locator {
    return this.page.locator('.part.sidebar [role="treeitem"][aria-level="1"]', {
      has: this.page.locator('.label-name', { hasText: exactly(label) }),
    });
  }

  async treeRows(): Promise<TreeRow[]> {
    return this.page.locator('.part.sidebar [role="treeitem"]').evaluateAll((elements) =>
      elements.map((element) => ({
        level: Number(element.getAttribute('aria-level')),
        label: element.querySelector('.label-name')?.textContent ?? '',
        description: element.querySelector('.label-description')?.textContent ?? '',
        expanded: element.hasAttribute('aria-expanded') ? element.getAttribute('aria-expanded') === 'true' : null,
      })),
    );
  }

  /** The rows under an expanded top-level row. */
  async childRows(parentLabel: string): Promise<TreeRow[]> {
    const rows = await this.treeRows();
    const start = rows.findIndex((row) => row.level === 1 && row.label === parentLabel);
    if (start === -1) return [];
    const children: TreeRow[] = [];
    for (const row of rows.slice(start + 1)) {
      if (row.level <= 1) break;
      children.push(row);
    }
    return children;
  }

  async expandRow(label: string): Promise<void> {
    const row = this.treeRow(label);
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
    await waitFor(async () => (await row.getAttribute('aria-expanded')) === 'true', `the row "${label}" to expand`);
  }

  // --- Context menus, dialogs, notifications ---------------------------------------------------

  /** Right-clicks the element and waits for its context menu; returns the menu's item labels. */
  async openContextMenu(target: Locator): Promise<string[]> {
    await target.click({ button: 'right' });
    const items = this.page.locator('.monaco-menu [role="menuitem"]');
    await items.first().waitFor();
    await this.page.waitForTimeout(menuSettleMs);
    return (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  }

  async chooseMenuItem(label: string): Promise<void> {
    const item = this.page.locator('.monaco-menu [role="menuitem"]', { has: this.page.locator('.action-label', { hasText: exactly(label) }) });
    await item.hover();
    await item.click();
    await this.page.locator('.monaco-menu').waitFor({ state: 'detached', timeout: 5_000 });
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  dialogButton(label: string): Locator {
    return this.page.locator('.monaco-dialog-box .monaco-button', { hasText: exactly(label) });
  }

  /** A notification toast whose message matches. */
  toast(pattern: RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item', {
      has: this.page.locator('.notification-list-item-message', { hasText: pattern }),
    });
  }

  /** Closes a toast with its × button, as a user clears a notification out of the way (it may fade by itself meanwhile). */
  async closeToast(pattern: RegExp): Promise<void> {
    const toast = this.toast(pattern);
    await waitFor(async () => {
      if (!(await toast.isVisible())) return true;
      await toast.hover({ timeout: 2_000 });
      await toast.locator('.codicon-notifications-clear').click({ timeout: 2_000 });
      return !(await toast.isVisible());
    }, `the notification ${pattern} to close`);
  }

  /** The notification bell's label, e.g. "1 New Notification": says whether a notification arrived without a toast. */
  async notificationBell(): Promise<string> {
    const bell = this.page.locator('.part.statusbar #status\\.notifications a').first();
    return (await bell.getAttribute('aria-label', { timeout: 1_000 })) ?? '';
  }

  async toastTexts(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  statusBar(): Locator {
    return this.page.locator('.part.statusbar');
  }

  // --- Terminal --------------------------------------------------------------------------------

  /** The rows of the terminal in the panel (the DOM renderer: `terminal.integrated.gpuAcceleration` off). */
  async terminalText(): Promise<string> {
    const rows = this.page.locator('.part.panel .xterm-rows');
    if ((await rows.count()) === 0) return '(no terminal in the panel)';
    return (await rows.last().innerText()).replace(/\u00a0/g, ' ').trimEnd();
  }

  /** Waits until the terminal has focus and its shell printed something (the prompt), so typing reaches the shell. */
  async waitForTerminalPrompt(): Promise<void> {
    await waitFor(
      async () => {
        const focused = await this.page.locator('.part.panel .xterm-helper-textarea:focus').count();
        const text = await this.terminalText();
        return focused === 1 && text !== '(no terminal in the panel)' && text.trim() !== '';
      },
      'a focused terminal with its prompt',
      { timeoutMs: 30_000 },
      async () => `terminal text ${JSON.stringify(await this.terminalText())}`,
    );
  }

  // --- Clipboard and evidence -----------------------------------------------------------------

  async readClipboard(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText());
  }

  async writeClipboard(text: string): Promise<void> {
    await this.page.evaluate((value) => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(value), text);
  }

  async screenshot(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await this.page.waitForTimeout(screenshotSettleMs);
    await this.page.screenshot({ path });
  }

  /** Closes whatever is open (menu, input box, dialog) after a failed test. */
  async dismissAll(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await this.page.keyboard.press('Escape').catch(() => undefined);
      await this.page.waitForTimeout(100);
    }
  }
}

const notificationRecorder = `(() => {
  const log = (window.__e2eNotifications = []);
  const start = Date.now();
  const seen = new WeakSet();
  let toastsVisible;
  const scan = () => {
    for (const element of document.querySelectorAll('.notification-list-item-message')) {
      if (seen.has(element) || !element.textContent) continue;
      seen.add(element);
      const where = element.closest('.notifications-toasts') ? 'toast' : 'center';
      log.push((Date.now() - start) + 'ms ' + where + ': ' + element.textContent);
    }
    const toasts = document.querySelector('.notifications-toasts');
    const visible = !!toasts && toasts.classList.contains('visible');
    if (toasts && visible !== toastsVisible) {
      toastsVisible = visible;
      log.push((Date.now() - start) + 'ms toasts ' + (visible ? 'shown' : 'hidden'));
    }
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
})();`;

export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The workbench logs `%c INFO color: #33f message`: keep `INFO message`. */
export function stripConsoleStyling(text: string): string {
  return text.replace(/^%c\s*(\w+)\s+color:\s*[^\s]+\s*/, '$1 ').replace(/%c/g, '');
}

export function notFound(what: string): never {
  throw new AssertionFailed(`${what} not found`);
}
