// The only code that touches the key store (VS Code's SecretStorage). Reads never throw (a broken
// keyring must not break activation or the tree); writes report failure so the caller can keep the
// value safe.
//
// Layout, one secret per record:
//   accounts            JSON list of the signed-in accounts' user ids
//   account:<userId>    JSON { userId, username, tokenId, token }: one write, so a profile can never
//                       be paired with another account's token
//   value:<tokenId>     a stored token value; the record itself, the truth of "is it stored"
//   index:<userId>      JSON list of the token ids whose value is stored for that user: a hint
//                       for listing, merged on write so that windows never drop each other's entries
import * as l10n from '@vscode/l10n';
import { Emitter, type Disposable } from './events';
import type { KeyStore, Log } from './ports';

const ACCOUNTS_KEY = 'accounts';
const ACCOUNT_PREFIX = 'account:';
/** Where versions before several accounts kept the one account token (its profile was in globalState). */
export const LEGACY_ACCOUNT_KEY = 'account';
const INDEX_PREFIX = 'index:';
const accountKey = (userId: string) => `${ACCOUNT_PREFIX}${userId}`;
const valueKey = (tokenId: string) => `value:${tokenId}`;
const indexKey = (userId: string) => `${INDEX_PREFIX}${userId}`;

export interface AccountRecord {
  userId: string;
  username: string;
  /** Id of the token the extension signs in with, so the tree can mark it and delete can warn. */
  tokenId: string;
  token: string;
}

export type StoreResult = { stored: true } | { stored: false; reason: string };
/** `error` (the keychain's reason) when the read failed; otherwise `value`, undefined when nothing is stored. */
export type KeychainRead = { value?: string; error?: string };
export type AccountsRead = { accounts: AccountRecord[]; error?: undefined } | { error: string };

/** What this window itself put into or took out of a user's index, kept so a merge never undoes it. */
interface OwnChanges {
  added: Set<string>;
  removed: Set<string>;
}

export class Keychain implements Disposable {
  private readonly indexCache = new Map<string, Promise<Set<string>>>();
  /** Index reads, merges and writes of this window, one after another. */
  private indexWrites: Promise<unknown> = Promise.resolve();
  private accountListWrites: Promise<unknown> = Promise.resolve();
  private readonly own = new Map<string, OwnChanges>();
  private readonly accountsEmitter = new Emitter<void>();
  private readonly storedValuesEmitter = new Emitter<string>();
  private readonly subscription: Disposable;

  /** The list of accounts or an account record changed, in this window or another one. */
  readonly onDidChangeAccounts = this.accountsEmitter.event;
  /** Another window stored or forgot a token value of this user (the user id is passed). */
  readonly onDidChangeStoredValues = this.storedValuesEmitter.event;

  constructor(
    private readonly secrets: KeyStore,
    private readonly log: Log,
  ) {
    this.subscription = secrets.onDidChange((event) => this.onSecretChanged(event.key));
  }

  /**
   * SecretStorage reports this window's own writes too, and none at all for a write that changed
   * nothing; so each index change is read and compared with what this window knows, rather than
   * counted. Only a differing content is passed on: another window created or deleted.
   */
  private onSecretChanged(key: string): Promise<void> | void {
    if (key === ACCOUNTS_KEY || key.startsWith(ACCOUNT_PREFIX) || key === LEGACY_ACCOUNT_KEY) return this.accountsEmitter.fire();
    if (!key.startsWith(INDEX_PREFIX)) return;
    const userId = key.slice(INDEX_PREFIX.length);
    // In the queue of this window's own index writes, so a merge never overwrites one in flight.
    const merged = this.indexWrites.then(() => this.mergeIndex(userId));
    this.indexWrites = merged.catch(() => undefined);
    return merged;
  }

  /**
   * The index as stored now, merged with what this window did: another window may have written it
   * from a list that predates this window's own writes. The value records decide: an id this
   * window added comes back if its value is still stored.
   */
  private async mergeIndex(userId: string): Promise<void> {
    const known = this.indexCache.get(userId);
    const fresh = await this.readIndex(userId);
    if (!fresh) return;
    const before = known ? await known : undefined;
    if (before && sameIds(before, fresh)) return;
    const own = this.own.get(userId);
    let repaired = false;
    if (own) {
      const missing = [...own.added].filter((id) => !fresh.has(id));
      const stillStored = await Promise.all(missing.map(async (id) => (await this.readTokenValue(id)).value !== undefined));
      missing.forEach((id, i) => {
        if (stillStored[i]) fresh.add(id);
        else own.added.delete(id);
        repaired ||= stillStored[i];
      });
      for (const id of own.removed) if (fresh.delete(id)) repaired = true;
    }
    this.indexCache.set(userId, Promise.resolve(fresh));
    if (repaired) await this.write(indexKey(userId), JSON.stringify([...fresh]));
    if (!before || !sameIds(before, fresh)) this.storedValuesEmitter.fire(userId);
  }

  /** Every stored account, in the order of the list. */
  async readAccounts(): Promise<AccountsRead> {
    const list = await this.read(ACCOUNTS_KEY, 'the list of accounts');
    if (list.error !== undefined) return { error: list.error };
    const ids = parseIds(list.value);
    const records = await Promise.all(ids.map((userId) => this.read(accountKey(userId), 'an account')));
    const failed = records.find((record) => record.error !== undefined);
    if (failed?.error !== undefined) return { error: failed.error };
    const accounts = records.flatMap((record, i) => {
      const parsed = parseAccount(record.value);
      return parsed && parsed.userId === ids[i] ? [parsed] : [];
    });
    for (const account of accounts) this.log.addSecret(account.token);
    return { accounts };
  }

  /**
   * The record first, then the list: a list never names an account whose record is missing. When
   * the list cannot be written, a record that was there before is put back, a new one taken out.
   */
  async writeAccount(record: AccountRecord): Promise<StoreResult> {
    this.log.addSecret(record.token);
    const previous = await this.read(accountKey(record.userId), 'an account');
    const written = await this.write(accountKey(record.userId), JSON.stringify(record));
    if (!written.stored) return written;
    const listed = await this.updateAccountList((ids) => (ids.includes(record.userId) ? ids : [...ids, record.userId]));
    if (!listed.stored) {
      if (previous.value) await this.write(accountKey(record.userId), previous.value);
      else await this.remove(accountKey(record.userId));
    }
    return listed;
  }

  /** Out of the list first, so a failure leaves the account as it was (and is reported). */
  async removeAccount(userId: string): Promise<StoreResult> {
    const unlisted = await this.updateAccountList((ids) => ids.filter((id) => id !== userId));
    if (!unlisted.stored) return unlisted;
    return this.removeReporting(accountKey(userId));
  }

  /** The account token of versions before several accounts, if one is still there. */
  async readLegacyAccountToken(): Promise<KeychainRead> {
    return this.read(LEGACY_ACCOUNT_KEY, 'the account token');
  }

  async deleteLegacyAccountToken(): Promise<void> {
    await this.remove(LEGACY_ACCOUNT_KEY);
  }

  /**
   * Read fresh, changed and written, one change at a time within this window. Another window
   * signing in or out between the read and the write can still be lost; its next change event
   * makes that window read the list again.
   */
  private updateAccountList(change: (ids: string[]) => string[]): Promise<StoreResult> {
    const next = this.accountListWrites.then(async (): Promise<StoreResult> => {
      const current = await this.read(ACCOUNTS_KEY, 'the list of accounts');
      if (current.error !== undefined) return { stored: false, reason: current.error };
      return this.write(ACCOUNTS_KEY, JSON.stringify(change(parseIds(current.value))));
    });
    this.accountListWrites = next.catch(() => undefined);
    return next;
  }

  async getTokenValue(tokenId: string): Promise<string | undefined> {
    return (await this.readTokenValue(tokenId)).value;
  }

  /** Like getTokenValue, but tells "the keychain failed" apart from "nothing is stored". */
  readTokenValue(tokenId: string): Promise<KeychainRead> {
    return this.read(valueKey(tokenId), 'a token value');
  }

  /**
   * Stores the value, reads it back and lists it in the user's index, all issued at once: VS Code
   * runs an extension's keychain calls one after another in the order they were made, so the three
   * cost one round trip to the workbench instead of three. The index entry is taken back if the
   * value does not read back.
   */
  async storeTokenValue(userId: string, tokenId: string, value: string): Promise<StoreResult> {
    const [written, readBack, indexed] = await Promise.all([
      this.write(valueKey(tokenId), value),
      this.getTokenValue(tokenId),
      this.updateIndex(userId, (ids, own) => {
        ids.add(tokenId);
        own.added.add(tokenId);
        own.removed.delete(tokenId);
      }),
    ]);
    // A keychain that does not keep call order may have answered the read before the write: once more, in order.
    const confirmed = written.stored && (readBack === value || (await this.getTokenValue(tokenId)) === value);
    if (confirmed && indexed.stored) return { stored: true };
    // A value that reads back wrong, or that no index points at, is of no use: not stored.
    await this.remove(valueKey(tokenId));
    if (indexed.stored) await this.updateIndex(userId, (ids, own) => forget(ids, own, [tokenId]));
    if (!written.stored) return written;
    return indexed.stored ? { stored: false, reason: l10n.t('the value read back from the keychain did not match') } : indexed;
  }

  /**
   * Forgets the values and takes them out of the index with one index write, all issued at once
   * (VS Code keeps the order): one round trip however many there are.
   */
  async deleteTokenValues(userId: string, tokenIds: readonly string[]): Promise<void> {
    await Promise.all([
      ...tokenIds.map((tokenId) => this.remove(valueKey(tokenId))),
      this.updateIndex(userId, (ids, own) => forget(ids, own, tokenIds)),
    ]);
  }

  /** Ids of the tokens whose value is stored for this user. Cached until SecretStorage changes. */
  storedTokenIds(userId: string): Promise<Set<string>> {
    let cached = this.indexCache.get(userId);
    if (!cached) {
      cached = this.readIndex(userId).then((ids) => {
        // A failed read is not remembered: the next call tries the keychain again.
        if (!ids) this.indexCache.delete(userId);
        return ids ?? new Set<string>();
      });
      this.indexCache.set(userId, cached);
    }
    return cached;
  }

  /**
   * Read-modify-write of the index, serialised within this window with the merges of other
   * windows' writes. It starts from the cache and reads the keychain only when nothing is cached;
   * a failed read is never cached, so it can never overwrite a good index with an empty one. A
   * change that changes nothing is not written.
   */
  private updateIndex(userId: string, change: (ids: Set<string>, own: OwnChanges) => void): Promise<StoreResult> {
    const next = this.indexWrites.then(async (): Promise<StoreResult> => {
      const cached = this.indexCache.get(userId);
      const known = cached ? await cached : undefined;
      const current = known && this.indexCache.has(userId) ? new Set(known) : await this.readIndex(userId);
      if (!current) return { stored: false, reason: l10n.t('the list of stored values could not be read') };
      const unchanged = new Set(current);
      change(current, this.ownChanges(userId));
      this.indexCache.set(userId, Promise.resolve(current));
      if (sameIds(unchanged, current)) return { stored: true };
      const result = await this.write(indexKey(userId), JSON.stringify([...current]));
      if (!result.stored) this.indexCache.delete(userId);
      return result;
    });
    this.indexWrites = next.catch(() => undefined);
    return next;
  }

  private ownChanges(userId: string): OwnChanges {
    let own = this.own.get(userId);
    if (!own) this.own.set(userId, (own = { added: new Set(), removed: new Set() }));
    return own;
  }

  /** undefined when the keychain failed; an empty set when nothing is stored. */
  private async readIndex(userId: string): Promise<Set<string> | undefined> {
    const { value, error } = await this.read(indexKey(userId), 'the list of stored values');
    return error === undefined ? new Set(parseIds(value)) : undefined;
  }

  /** `what` names the entry in the log only, so it stays in English like every log line. */
  private async read(key: string, what: string): Promise<KeychainRead> {
    try {
      return { value: await this.secrets.get(key) };
    } catch (error) {
      this.log.error(`Could not read ${what} from the keychain`, error);
      return { error: this.reasonOf(error) };
    }
  }

  private async write(key: string, value: string): Promise<StoreResult> {
    try {
      await this.secrets.store(key, value);
      return { stored: true };
    } catch (error) {
      this.log.error('Could not write to the keychain', error);
      return { stored: false, reason: this.reasonOf(error) };
    }
  }

  /** The keychain's own words, fit for a message: redacted like every log line. */
  private reasonOf(error: unknown): string {
    return this.log.redact(error instanceof Error ? error.message : String(error));
  }

  private async remove(key: string): Promise<void> {
    await this.removeReporting(key);
  }

  private async removeReporting(key: string): Promise<StoreResult> {
    try {
      await this.secrets.delete(key);
      return { stored: true };
    } catch (error) {
      this.log.error('Could not delete from the keychain', error);
      return { stored: false, reason: this.reasonOf(error) };
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.accountsEmitter.dispose();
    this.storedValuesEmitter.dispose();
  }
}

function forget(ids: Set<string>, own: OwnChanges, tokenIds: readonly string[]): void {
  for (const tokenId of tokenIds) {
    ids.delete(tokenId);
    own.added.delete(tokenId);
    own.removed.add(tokenId);
  }
}

function sameIds(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

function parseIds(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? [...new Set(parsed.filter((id): id is string => typeof id === 'string' && id !== ''))] : [];
  } catch {
    return [];
  }
}

function parseAccount(raw: string | undefined): AccountRecord | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<Record<keyof AccountRecord, unknown>>;
    const { userId, username, tokenId, token } = parsed;
    if (typeof userId === 'string' && typeof username === 'string' && typeof tokenId === 'string' && typeof token === 'string' && token) {
      return { userId, username, tokenId, token };
    }
  } catch {
    // An unreadable record is no account.
  }
  return undefined;
}
