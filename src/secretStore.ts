// The only code that touches SecretStorage. Reads never throw (a broken keyring must not break
// activation or the tree); writes report failure so the caller can keep the value safe.
import vscode = require('vscode');
import type { Logger } from './log';

const ACCOUNT_KEY = 'account';
const valueKey = (tokenId: string) => `value:${tokenId}`;
const indexKey = (userId: string) => `index:${userId}`;

export type StoreResult = { stored: true } | { stored: false; reason: string };
/** `error` (the keychain's reason) when the read failed; otherwise `value`, undefined when nothing is stored. */
export type KeychainRead = { value?: string; error?: string };

export class SecretStore implements vscode.Disposable {
  private readonly indexCache = new Map<string, Promise<Set<string>>>();
  private indexWrites: Promise<unknown> = Promise.resolve();
  /** Change events still to come for index writes this window made. */
  private readonly ownIndexWrites = new Map<string, number>();
  private readonly accountEmitter = new vscode.EventEmitter<void>();
  private readonly storedValuesEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  /** The account token was stored or deleted, in this window or another one. */
  readonly onDidChangeAccount = this.accountEmitter.event;
  /** Another window stored or forgot a token value (its index changed). */
  readonly onDidChangeStoredValues = this.storedValuesEmitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Logger,
  ) {
    this.subscription = secrets.onDidChange((event) => void this.onSecretChanged(event.key));
  }

  /**
   * SecretStorage reports this window's own writes too. Only a change whose content differs from
   * what this window knows is passed on: that is another window signing in/out, creating or deleting.
   */
  private async onSecretChanged(key: string): Promise<void> {
    if (key === ACCOUNT_KEY) return this.accountEmitter.fire();
    if (!key.startsWith('index:')) return;
    // The echo of this window's own index write: nothing to read (a keychain round trip saved per create).
    const pendingEchoes = this.ownIndexWrites.get(key) ?? 0;
    if (pendingEchoes > 0) {
      this.ownIndexWrites.set(key, pendingEchoes - 1);
      return;
    }
    const userId = key.slice('index:'.length);
    const known = this.indexCache.get(userId);
    const fresh = await this.readIndex(userId);
    if (!fresh || (known && sameIds(await known, fresh))) return;
    this.indexCache.set(userId, Promise.resolve(fresh));
    this.storedValuesEmitter.fire();
  }

  async getAccountToken(): Promise<string | undefined> {
    return (await this.read(ACCOUNT_KEY, 'the account token')).value;
  }

  async setAccountToken(value: string): Promise<StoreResult> {
    return this.write(ACCOUNT_KEY, value);
  }

  async deleteAccountToken(): Promise<void> {
    await this.remove(ACCOUNT_KEY);
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
   * cost one round trip to the workbench (~4 ms in code-server) instead of two or three. The index
   * entry is taken back if the value does not read back.
   */
  async storeTokenValue(userId: string, tokenId: string, value: string): Promise<StoreResult> {
    const [written, readBack, indexed] = await Promise.all([
      this.write(valueKey(tokenId), value),
      this.getTokenValue(tokenId),
      this.updateIndex(userId, (ids) => ids.add(tokenId)),
    ]);
    // A keychain that does not keep call order may have answered the read before the write: once more, in order.
    const confirmed = written.stored && (readBack === value || (await this.getTokenValue(tokenId)) === value);
    if (confirmed && indexed.stored) return { stored: true };
    // A value that reads back wrong, or that no index points at, is of no use: not stored.
    await this.remove(valueKey(tokenId));
    if (indexed.stored) await this.updateIndex(userId, (ids) => ids.delete(tokenId));
    if (!written.stored) return written;
    return indexed.stored ? { stored: false, reason: 'the value read back from the keychain did not match' } : indexed;
  }

  /**
   * Forgets the values and takes them out of the index with one index write, all issued at once
   * (VS Code keeps the order): one round trip however many there are.
   */
  async deleteTokenValues(userId: string, tokenIds: readonly string[]): Promise<void> {
    await Promise.all([
      ...tokenIds.map((tokenId) => this.remove(valueKey(tokenId))),
      this.updateIndex(userId, (ids) => tokenIds.forEach((tokenId) => ids.delete(tokenId))),
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
   * Read-modify-write of the index, serialised within this window. It starts from the cache (kept
   * current by other windows' change events) and reads the keychain only when nothing is cached;
   * a failed read is never cached, so it can never overwrite a good index with an empty one.
   */
  private updateIndex(userId: string, change: (ids: Set<string>) => void): Promise<StoreResult> {
    const next = this.indexWrites.then(async (): Promise<StoreResult> => {
      const cached = this.indexCache.get(userId);
      const known = cached ? await cached : undefined;
      const current = known && this.indexCache.has(userId) ? new Set(known) : await this.readIndex(userId);
      if (!current) return { stored: false, reason: 'the list of stored values could not be read' };
      change(current);
      this.indexCache.set(userId, Promise.resolve(current));
      const key = indexKey(userId);
      this.ownIndexWrites.set(key, (this.ownIndexWrites.get(key) ?? 0) + 1);
      const result = await this.write(key, JSON.stringify([...current]));
      if (!result.stored) {
        this.ownIndexWrites.set(key, Math.max(0, (this.ownIndexWrites.get(key) ?? 1) - 1));
        this.indexCache.delete(userId);
      }
      return result;
    });
    this.indexWrites = next.catch(() => undefined);
    return next;
  }

  /** undefined when the keychain failed; an empty set when nothing is stored. */
  private async readIndex(userId: string): Promise<Set<string> | undefined> {
    const { value, error } = await this.read(indexKey(userId), 'the list of stored values');
    return error === undefined ? parseIndex(value) : undefined;
  }

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
    try {
      await this.secrets.delete(key);
    } catch (error) {
      this.log.error('Could not delete from the keychain', error);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.accountEmitter.dispose();
    this.storedValuesEmitter.dispose();
  }
}

function sameIds(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

function parseIndex(raw: string | undefined): Set<string> {
  if (!raw) return new Set();
  try {
    const parsed: unknown = JSON.parse(raw);
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}
