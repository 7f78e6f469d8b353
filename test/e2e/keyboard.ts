// Keyboard-only driving of the workbench: the palette, Tab to a button, arrows in the tree, Shift+F10
// for a row's context menu, Tab/Enter/Escape in modal dialogs. Nothing here touches the mouse; the
// DOM is only read, to see what a screen reader would announce (aria-label, the focused element).
import type { Page } from 'playwright-core';
import { AssertionFailed, waitFor } from './harness';
import { exactly, type Workbench } from './workbench';

/** Counts every trusted mouse press in a page: a keyboard-only test fails when anything reaches it. */
export const mouseGuardScript = `(() => {
  if (window.__e2eMouseGuard) return;
  window.__e2eMouseGuard = true;
  const report = (event) => {
    if (!event.isTrusted) return;
    // Enter or Space on a button, and the menu key, make a click or contextmenu with detail 0.
    if ((event.type === 'click' || event.type === 'auxclick' || event.type === 'contextmenu') && event.detail === 0) return;
    const target = event.target;
    const where = target && target.getAttribute ? (target.getAttribute('aria-label') || target.className || target.nodeName) : String(target);
    window.__e2eMouseEvent(event.type + ' on ' + String(where).slice(0, 80));
  };
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'auxclick', 'dblclick', 'contextmenu', 'wheel']) {
    window.addEventListener(type, report, true);
  }
})();`;

/** Installs the guard in every document the page loads; returns the live list of what it saw. */
export async function guardAgainstMouse(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__e2eMouseEvent', (what: string) => void seen.push(what));
  await page.addInitScript({ content: mouseGuardScript });
  return seen;
}

export interface ActiveElement {
  text: string;
  label: string;
  role: string;
  stepId: string;
}

const activeElementProbe = `(() => {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
  if (!element) return { text: '', label: '', role: '', stepId: '' };
  return {
    text: (element.textContent || '').trim(),
    label: element.getAttribute('aria-label') || '',
    role: element.getAttribute('role') || '',
    stepId: element.getAttribute('data-step-id') || '',
  };
})()`;

export class Keys {
  constructor(readonly wb: Workbench) {}

  get page(): Page {
    return this.wb.page;
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
  }

  async active(): Promise<ActiveElement> {
    return this.page.evaluate<ActiveElement>(activeElementProbe);
  }

  /**
   * F1, type `typed`, wait until the highlighted entry's label matches `title` (the palette may
   * still be filtering), Enter.
   */
  async palette(typed: string, title: RegExp = exactly(typed)): Promise<void> {
    // Keys typed before the box has focus go to whatever had it. The walkthrough moves focus to its
    // selected step a moment after a selection, away from a palette opened meanwhile: open it again.
    const focusedBox = this.page.locator('.quick-input-widget .quick-input-box input:focus');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      const opened = await focusedBox.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      if (opened) break;
      if (attempt === 3) throw new AssertionFailed('F1 did not open the command palette with the focus in its box');
      await this.page.keyboard.press('Escape');
    }
    await this.page.keyboard.type(typed);
    const box = this.page.locator('.quick-input-widget .quick-input-box input');
    if ((await box.inputValue()) !== `>${typed}`) {
      console.log(`      (palette: typed ${JSON.stringify(typed)}, the box holds ${JSON.stringify(await box.inputValue())}; active ${JSON.stringify(await this.active())})`);
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.type(`>${typed}`);
    }
    // The palette may still be filtering; the entry may come second to one that matches better.
    const options = this.page.locator('.quick-input-list [role="option"]');
    const focused = this.page.locator('.quick-input-list [role="option"].focused .label-name');
    await waitFor(
      async () => (await options.locator('.label-name').allInnerTexts()).some((text) => title.test(text.trim())),
      `${title} among the entries of the command palette`,
      {},
      () => options.allInnerTexts().then((texts) => JSON.stringify(texts.slice(0, 5))),
    );
    for (let i = 0; ; i++) {
      if (title.test((await focused.first().innerText({ timeout: 1_000 }).catch(() => '')).trim())) break;
      if (i === 15) throw new AssertionFailed(`the arrow keys never reached ${title} in the command palette`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
  }

  /**
   * Types into the open quick input's box once it has focus, and again over it if what arrived is
   * not what was typed (the walkthrough editor takes focus back to its selected step a moment after
   * it becomes visible).
   */
  async typeInBox(text: string): Promise<void> {
    const box = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.page.locator('.quick-input-widget .quick-input-box input:focus').waitFor({ timeout: 5_000 });
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.type(text);
      if ((await box.inputValue()) === text) return;
      if (attempt === 3) throw new AssertionFailed(`the input box did not receive what was typed (${(await box.inputValue()).length} of ${text.length} characters)`);
      await this.page.waitForTimeout(500);
    }
  }

  /** The view's own focus command ("Vercel: Focus on Auth Tokens View"), then waits for focus in the side bar. */
  async focusTokensView(): Promise<void> {
    await this.palette('Focus on Auth Tokens View', /Focus on Auth Tokens View$/);
    await waitFor(
      () => this.page.evaluate<boolean>(`!!document.activeElement && !!document.activeElement.closest('.part.sidebar')`),
      'the keyboard focus in the side bar',
    );
  }

  /**
   * Presses Tab until the focused element's text or aria-label is `label`; when Tab has gone round
   * without finding it, Shift+Tab the other way (a view with a message takes focus after its welcome).
   */
  async tabTo(label: string | RegExp, { max = 15 } = {}): Promise<void> {
    const matches = (text: string) => (typeof label === 'string' ? text === label : label.test(text));
    const seen: string[] = [];
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i <= (key === 'Tab' ? max : 2 * max); i++) {
        const active = await this.active();
        if (matches(active.text) || matches(active.label)) return;
        seen.push(active.label || active.text.slice(0, 40));
        await this.page.keyboard.press(key);
      }
    }
    throw new AssertionFailed(`Tab never reached ${label}; focus went through ${JSON.stringify(seen)}`);
  }

  /** The aria-label of the focused row of the side bar's tree. */
  async focusedRowLabel(): Promise<string> {
    const row = this.page.locator('.part.sidebar .monaco-list-row.focused');
    return (await row.count()) ? ((await row.first().getAttribute('aria-label')) ?? '') : '';
  }

  /** In the focused tree: Home, then Down until the focused row's aria-label matches. */
  async moveToRow(label: RegExp, { max = 40 } = {}): Promise<string> {
    await this.page.keyboard.press('Home');
    const seen: string[] = [];
    for (let i = 0; i <= max; i++) {
      const current = await waitFor(() => this.focusedRowLabel().then((text) => text || undefined), 'a focused tree row', { timeoutMs: 5_000 });
      if (label.test(current)) return current;
      if (seen.at(-1) === current) break; // the last row: Down no longer moves
      seen.push(current);
      await this.page.keyboard.press('ArrowDown');
      await this.page.waitForTimeout(50);
    }
    throw new AssertionFailed(`no tree row ${label} by the arrow keys; rows passed: ${JSON.stringify(seen)}`);
  }

  /** Shift+F10 on the focused row: its context menu opens; returns the items' labels. */
  async openRowMenu(): Promise<string[]> {
    await this.page.keyboard.press('Shift+F10');
    const items = this.page.locator('.monaco-menu [role="menuitem"]');
    await items.first().waitFor();
    await this.page.waitForTimeout(250);
    return (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  }

  /** Down until the menu's focused item is `label`, then Enter. */
  async chooseMenuItem(label: string): Promise<void> {
    const focused = this.page.locator('.monaco-menu .action-item.focused .action-label');
    for (let i = 0; i < 20; i++) {
      const text = (await focused.count()) ? (await focused.first().innerText()).trim() : '';
      if (text === label) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.monaco-menu').waitFor({ state: 'detached', timeout: 5_000 });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
      await this.page.waitForTimeout(50);
    }
    throw new AssertionFailed(`the arrow keys never reached the menu item "${label}"`);
  }

  /** In an open modal dialog: Tab until the button `label` has focus, then Enter. */
  async pressDialogButton(label: string): Promise<void> {
    await this.wb.dialog().waitFor();
    const focused = this.page.locator('.monaco-dialog-box .monaco-button:focus');
    for (let i = 0; i < 10; i++) {
      if ((await focused.count()) && (await focused.innerText()).trim() === label) {
        await this.page.keyboard.press('Enter');
        await this.wb.dialog().waitFor({ state: 'detached' });
        return;
      }
      await this.page.keyboard.press('Tab');
    }
    throw new AssertionFailed(`Tab never reached the dialog button "${label}"`);
  }

  /** In an open quick pick: Down until the focused item's label is `label`, then Enter. */
  async chooseQuickPickItem(label: string): Promise<void> {
    const focused = this.page.locator('.quick-input-widget .quick-input-list [role="option"].focused .label-name');
    await this.page.locator('.quick-input-widget .quick-input-list [role="option"]').first().waitFor();
    for (let i = 0; i < 30; i++) {
      if ((await focused.count()) && (await focused.first().innerText()).trim() === label) {
        await this.page.keyboard.press('Enter');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
      await this.page.waitForTimeout(50);
    }
    throw new AssertionFailed(`the arrow keys never reached the quick pick item "${label}"`);
  }
}
