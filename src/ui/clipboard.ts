// The clipboard, for token values: each copy is cleared after `vercelTokens.clipboardClearSeconds`
// if the clipboard still holds that value, with a countdown in the status bar. A newer copy takes
// over the countdown.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { Disposable } from '../core/events';
import type { Clock } from '../core/ports';
import { isSingular } from '../domain/format';

const TICK_MS = 1000;
const DONE_MESSAGE_MS = 5000;

export class ClipboardGuard implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private timer: Disposable | undefined;
  /** Bumped by every copy: a countdown of an older copy stops. */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly clearAfterSeconds: () => number,
  ) {}

  /**
   * Copies a token value; the status bar names its token (`tokenName`, shown as given), never the value. `keep` is for a
   * value that is stored nowhere else: the clipboard may then hold its only copy, so it is not cleared.
   */
  async copySecret(value: string, tokenName: string, options: { keep?: boolean } = {}): Promise<void> {
    const generation = ++this.generation;
    this.timer?.dispose();
    await vscode.env.clipboard.writeText(value);
    if (generation !== this.generation) return;
    const seconds = options.keep ? 0 : this.clearAfterSeconds();
    if (seconds <= 0) {
      this.item?.hide();
      vscode.window.setStatusBarMessage(l10n.t('$(check) Copied the value of "{0}" to the clipboard', tokenName), DONE_MESSAGE_MS);
      return;
    }
    const clearAt = this.clock.now() + seconds * 1000;
    const tick = () => {
      if (generation !== this.generation) return;
      const left = Math.ceil((clearAt - this.clock.now()) / 1000);
      if (left <= 0) {
        // Ends the countdown; a clipboard that cannot be read or written is said so, not thrown.
        void this.clear(value, generation).catch(() => {
          this.item?.hide();
          vscode.window.setStatusBarMessage(l10n.t('$(warning) Could not check the clipboard: the token value may still be on it'), DONE_MESSAGE_MS);
        });
        return;
      }
      this.show(
        l10n.t('$(clippy) Copied the value of "{0}": clipboard clears in {1} s', tokenName, left),
        isSingular(left)
          ? l10n.t('The clipboard is cleared in {0} second if it still holds the token value.', left)
          : l10n.t('The clipboard is cleared in {0} seconds if it still holds the token value.', left),
      );
      this.timer = this.clock.setTimeout(tick, Math.min(TICK_MS, clearAt - this.clock.now()));
    };
    tick();
  }

  private async clear(value: string, generation: number): Promise<void> {
    const current = await vscode.env.clipboard.readText();
    if (generation !== this.generation) return;
    this.item?.hide();
    if (current === value) {
      await vscode.env.clipboard.writeText('');
      vscode.window.setStatusBarMessage(l10n.t('$(check) Cleared the token value from the clipboard'), DONE_MESSAGE_MS);
    } else {
      vscode.window.setStatusBarMessage(l10n.t('$(info) The clipboard no longer holds the token value: left as it is'), DONE_MESSAGE_MS);
    }
  }

  private show(text: string, tooltip: string): void {
    const item = (this.item ??= vscode.window.createStatusBarItem('vercelTokens.clipboard', vscode.StatusBarAlignment.Left, -101));
    item.name = l10n.t('Vercel Tokens Clipboard');
    item.text = text;
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: tooltip };
    item.show();
  }

  dispose(): void {
    this.generation++;
    this.timer?.dispose();
    this.item?.dispose();
  }
}
