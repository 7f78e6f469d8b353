// Alerts before things break: which tokens need attention now (expiring within the warning days,
// leaked, revoked), which of them are new to the user, and a check after each account's first
// list and then hourly. Only token ids and states are remembered, never a value.
import type { AuthToken } from '../api/types';
import { attentionKey, attentionReason, type AttentionReason } from '../domain/attention';
import type { Accounts } from './accounts';
import { Emitter, type Disposable } from './events';
import type { Clock, KeyValueStore } from './ports';
import type { TokenLists } from './tokenList';

export interface AttentionEntry {
  userId: string;
  token: AuthToken;
  reason: AttentionReason;
}

const ANNOUNCED_KEY = 'vercelTokens.announcedAttention';
const DISMISSED_KEY = 'vercelTokens.dismissedAttention';
/** Enough for every token of a large account; the oldest are dropped first. */
const MAX_REMEMBERED = 5000;
export const CHECK_INTERVAL_MS = 60 * 60_000;

export class Alerts implements Disposable {
  private readonly changeEmitter = new Emitter<void>();
  private readonly announceEmitter = new Emitter<AttentionEntry[]>();
  private readonly subscriptions: Disposable[];
  private readonly checkedAccounts = new Set<string>();
  private timer: Disposable | undefined;
  private lastCount = -1;
  /**
   * What this window announced, besides globalState: VS Code's memento can briefly answer an older
   * value when the echo of an earlier write arrives after a newer one.
   */
  private readonly announcedHere = new Set<string>();
  /** Checks run one at a time: two at once could both find the same token new. */
  private checking: Promise<void> = Promise.resolve();

  /** The tokens that need attention changed (the badge). */
  readonly onDidChange = this.changeEmitter.event;
  /** Tokens that newly need attention: one notification for all of them. */
  readonly onDidAnnounce = this.announceEmitter.event;

  constructor(
    private readonly accounts: Accounts,
    private readonly lists: TokenLists,
    private readonly memento: KeyValueStore,
    private readonly clock: Clock,
    private readonly warningDays: () => number,
  ) {
    this.subscriptions = [lists.onDidChange(() => this.onListsChanged())];
    this.scheduleHourly();
  }

  /** Every token of the signed-in accounts that needs attention now, except those the user waved off. */
  get current(): AttentionEntry[] {
    const dismissed = new Set(this.memento.get<string[]>(DISMISSED_KEY) ?? []);
    return this.all().filter((entry) => !dismissed.has(keyOf(entry)));
  }


  /** "Don't Warn Again for These": not announced, not counted, not coloured, in this state. */
  async dismiss(entries: readonly AttentionEntry[]): Promise<void> {
    await this.remember(DISMISSED_KEY, entries.map(keyOf));
    this.fireIfChanged(true);
  }

  /** Announces what is new among the accounts whose lists are loaded (`only`: just these accounts). */
  check(only?: ReadonlySet<string>): Promise<void> {
    const next = this.checking.then(() => this.checkNow(only));
    this.checking = next.catch(() => undefined);
    return next;
  }

  private async checkNow(only?: ReadonlySet<string>): Promise<void> {
    const announced = new Set([...(this.memento.get<string[]>(ANNOUNCED_KEY) ?? []), ...this.announcedHere]);
    const fresh = this.current.filter((entry) => (!only || only.has(entry.userId)) && !announced.has(keyOf(entry)));
    this.fireIfChanged();
    if (fresh.length === 0) return;
    // Remembered before it is shown: a reload while the notification is open does not show it again.
    for (const entry of fresh) this.announcedHere.add(keyOf(entry));
    await this.remember(ANNOUNCED_KEY, fresh.map(keyOf));
    this.announceEmitter.fire(fresh);
  }

  private all(): AttentionEntry[] {
    const now = this.clock.now();
    const days = this.warningDays();
    return this.accounts.all.flatMap(({ userId }) => {
      const list = this.lists.get(userId);
      if (!list || list.state !== 'ready') return [];
      return list.tokens.flatMap((token) => {
        const reason = attentionReason(token, now, days);
        return reason ? [{ userId, token, reason }] : [];
      });
    });
  }

  private onListsChanged(): void {
    const firstLists = new Set<string>();
    for (const { userId } of this.accounts.all) {
      const state = this.lists.get(userId)?.state;
      if ((state === 'ready' || state === 'empty') && !this.checkedAccounts.has(userId)) {
        this.checkedAccounts.add(userId);
        firstLists.add(userId);
      }
    }
    // The first list of an account is checked at once; later changes only move the badge.
    if (firstLists.size) void this.check(firstLists);
    else this.fireIfChanged();
  }

  private scheduleHourly(): void {
    this.timer = this.clock.setTimeout(() => {
      this.scheduleHourly();
      // A list that fails to refresh is checked as it was; its failure shows in the view.
      void Promise.all(this.accounts.all.flatMap(({ userId }) => this.lists.get(userId)?.refresh() ?? [])).then(() => this.check());
    }, CHECK_INTERVAL_MS);
  }

  private fireIfChanged(force = false): void {
    const count = this.current.length;
    if (!force && count === this.lastCount) return;
    this.lastCount = count;
    this.changeEmitter.fire();
  }

  private async remember(key: string, keys: readonly string[]): Promise<void> {
    const known = this.memento.get<string[]>(key) ?? [];
    const merged = [...known.filter((entry) => !keys.includes(entry)), ...keys];
    await this.memento.update(key, merged.slice(-MAX_REMEMBERED));
  }

  dispose(): void {
    this.timer?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
    this.announceEmitter.dispose();
  }
}

function keyOf({ userId, token, reason }: AttentionEntry): string {
  return `${userId}/${attentionKey({ tokenId: token.id, reason })}`;
}
