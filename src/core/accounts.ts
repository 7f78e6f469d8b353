// The signed-in Vercel accounts: each one's token and profile (one keychain record), the team new
// tokens are created for, and which account was used last (the one Create uses first).
import * as l10n from '@vscode/l10n';
import { VercelApiError } from '../api/errors';
import type { TeamRef, VercelUser } from '../api/types';
import { Emitter, type Disposable } from './events';
import { describeError } from '../errorMessages';
import { LEGACY_ACCOUNT_KEY, type AccountRecord, type Keychain, type StoreResult } from './keychain';
import type { ClientFactory, KeyValueStore, Log, VercelApi } from './ports';

export interface Account {
  userId: string;
  username: string;
  /** Id of the token the extension signs in with. */
  tokenId: string;
}

export interface SelectedTeam extends TeamRef {
  name?: string;
}

export type SignInOutcome =
  | { kind: 'signedIn'; account: Account; replaced: boolean }
  | { kind: 'rejected'; reason: string }
  | { kind: 'notStored'; reason: string };

const ORDER_KEY = 'vercelTokens.accountOrder';
const TEAMS_KEY = 'vercelTokens.teams';
/** Where versions before several accounts kept the profile and the team. */
const LEGACY_PROFILE_KEY = 'vercelTokens.profile';
const LEGACY_TEAM_KEY = 'vercelTokens.team';

export class SignInError extends Error {}

export class Accounts implements Disposable {
  private records = new Map<string, AccountRecord>();
  private restored: Promise<void> | undefined;
  private readError: string | undefined;
  private readonly changeEmitter = new Emitter<void>();
  private readonly accountEmitter = new Emitter<string>();
  private readonly subscription: Disposable;

  /** Anything shown about accounts changed: the list, an order, a team. */
  readonly onDidChange = this.changeEmitter.event;
  /** An account was added, removed or got another token (the user id is passed): its list must be loaded again. */
  readonly onDidChangeAccount = this.accountEmitter.event;

  constructor(
    private readonly keychain: Keychain,
    private readonly memento: KeyValueStore,
    private readonly createClient: ClientFactory,
    private readonly log: Log,
  ) {
    // Another window signing in or out changes the accounts here too.
    this.subscription = keychain.onDidChangeAccounts(() => this.reload());
  }

  /** Signed in to at least one account. */
  get signedIn(): boolean {
    return this.records.size > 0;
  }

  /** Every account, the one used last first. */
  get all(): readonly Account[] {
    const order = this.memento.get<string[]>(ORDER_KEY) ?? [];
    const rank = (userId: string) => {
      const index = order.indexOf(userId);
      return index === -1 ? order.length : index;
    };
    return [...this.records.values()].sort((a, b) => rank(a.userId) - rank(b.userId)).map(toAccount);
  }

  /** The account Create uses when nothing else says which: the one used last. */
  get current(): Account | undefined {
    return this.all[0];
  }

  /** Why the accounts could not be read from the keychain, if they could not. */
  get error(): string | undefined {
    return this.readError;
  }

  get(userId: string): Account | undefined {
    const record = this.records.get(userId);
    return record && toAccount(record);
  }

  isAccountToken(userId: string, tokenId: string): boolean {
    return this.records.get(userId)?.tokenId === tokenId;
  }

  team(userId: string): SelectedTeam | undefined {
    return this.memento.get<Record<string, SelectedTeam>>(TEAMS_KEY)?.[userId];
  }

  /** Reads the stored accounts once; later calls share the result. */
  restore(): Promise<void> {
    this.restored ??= this.load();
    return this.restored;
  }

  /** Throws SignInError when the account is not signed in; the factory throws when the API URL is refused. */
  client(userId: string): VercelApi {
    const record = this.records.get(userId);
    if (!record) throw new SignInError(l10n.t('You are not signed in to this Vercel account.'));
    return this.createClient(record.token);
  }

  /**
   * Checks the token with Vercel before anything is stored; a rejected token is never stored. A
   * token of an account already signed in replaces that account's token.
   */
  async signIn(token: string, signal?: AbortSignal): Promise<SignInOutcome> {
    let identity: { user: VercelUser; tokenId: string };
    try {
      identity = await whoIs(this.createClient(token), signal);
    } catch (error) {
      if (error instanceof VercelApiError && (error.invalidToken || error.status === 401)) {
        return { kind: 'rejected', reason: l10n.t('Vercel rejected this token: it is invalid, expired or revoked.') };
      }
      throw error;
    }
    const record: AccountRecord = { userId: identity.user.id, username: identity.user.username, tokenId: identity.tokenId, token };
    const replaced = this.records.has(record.userId);
    const stored = await this.keychain.writeAccount(record);
    if (!stored.stored) return { kind: 'notStored', reason: stored.reason };
    this.records.set(record.userId, record);
    this.log.info(`Signed in as ${record.username}`);
    // Its list starts loading before anything is told to render the account (markUsed fires a
    // change): a visible tree would otherwise load the list first, and this event load it again.
    this.accountEmitter.fire(record.userId);
    await this.markUsed(record.userId);
    this.changeEmitter.fire();
    return { kind: 'signedIn', account: toAccount(record), replaced };
  }

  /** Forgets the account here; its token is not revoked on Vercel. */
  async signOut(userId: string): Promise<StoreResult> {
    const record = this.records.get(userId);
    if (!record) return { stored: true };
    // A keychain that cannot forget the account leaves it signed in, as it would be after a reload.
    const removed = await this.keychain.removeAccount(userId);
    if (!removed.stored) return removed;
    this.records.delete(userId);
    const teams = { ...this.memento.get<Record<string, SelectedTeam>>(TEAMS_KEY) };
    delete teams[userId];
    await this.memento.update(TEAMS_KEY, teams);
    this.log.info(`Signed out of ${record.username}`);
    this.accountEmitter.fire(userId);
    this.changeEmitter.fire();
    return removed;
  }

  async selectTeam(userId: string, team: SelectedTeam | undefined): Promise<void> {
    const teams = { ...this.memento.get<Record<string, SelectedTeam>>(TEAMS_KEY) };
    if (team) teams[userId] = team;
    else delete teams[userId];
    await this.memento.update(TEAMS_KEY, teams);
    this.changeEmitter.fire();
  }

  /** This account goes first: Create uses it next, and the status bar names it. */
  async markUsed(userId: string): Promise<void> {
    const order = this.memento.get<string[]>(ORDER_KEY) ?? [];
    if (order[0] === userId) return;
    await this.memento.update(ORDER_KEY, [userId, ...order.filter((id) => id !== userId)]);
    this.changeEmitter.fire();
  }

  /** Never rejects: a failure is the accounts' error, shown in the view, and the next restore tries again. */
  private async load(): Promise<void> {
    try {
      await this.migrateLegacyAccount();
      await this.reload();
    } catch (error) {
      this.restored = undefined;
      this.readError = describeError(error);
      this.log.error('Could not read the accounts', error);
      this.changeEmitter.fire();
    }
  }

  /** Reads the accounts again and tells which changed (another window signed in or out). */
  private async reload(): Promise<void> {
    const read = await this.keychain.readAccounts();
    if (read.error !== undefined) {
      // A keychain that cannot be read leaves the accounts as they were.
      this.readError = read.error;
      this.changeEmitter.fire();
      return;
    }
    this.readError = undefined;
    const fresh = new Map(read.accounts.map((record) => [record.userId, record]));
    const changed = [...new Set([...this.records.keys(), ...fresh.keys()])].filter(
      (userId) => this.records.get(userId)?.token !== fresh.get(userId)?.token,
    );
    this.records = fresh;
    for (const userId of changed) this.accountEmitter.fire(userId);
    this.changeEmitter.fire();
  }

  /** The one account token of earlier versions becomes the first account (its profile was in globalState). */
  private async migrateLegacyAccount(): Promise<void> {
    const legacy = await this.keychain.readLegacyAccountToken();
    if (!legacy.value) return;
    const profile = this.memento.get<Partial<Account>>(LEGACY_PROFILE_KEY);
    // Signed in again since an earlier, failed try: the newer record wins, the old token is dropped.
    const current = await this.keychain.readAccounts();
    if (current.error === undefined && profile?.userId && current.accounts.some((account) => account.userId === profile.userId)) {
      await this.keychain.deleteLegacyAccountToken();
      return;
    }
    let record: AccountRecord;
    if (profile?.userId && profile.username && profile.tokenId) {
      record = { userId: profile.userId, username: profile.username, tokenId: profile.tokenId, token: legacy.value };
    } else {
      try {
        const { user, tokenId } = await whoIs(this.createClient(legacy.value));
        record = { userId: user.id, username: user.username, tokenId, token: legacy.value };
      } catch (error) {
        this.log.warn(`Kept the account token of an earlier version: it could not be checked (${describeError(error)})`);
        return;
      }
    }
    const stored = await this.keychain.writeAccount(record);
    if (!stored.stored) return;
    const team = this.memento.get<SelectedTeam>(LEGACY_TEAM_KEY);
    if (team) await this.memento.update(TEAMS_KEY, { ...this.memento.get<Record<string, SelectedTeam>>(TEAMS_KEY), [record.userId]: team });
    await this.memento.update(LEGACY_PROFILE_KEY, undefined);
    await this.memento.update(LEGACY_TEAM_KEY, undefined);
    await this.keychain.deleteLegacyAccountToken();
    this.log.info(`Moved the account ${record.username} from the single "${LEGACY_ACCOUNT_KEY}" record of an earlier version`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
    this.accountEmitter.dispose();
  }
}

function toAccount({ userId, username, tokenId }: AccountRecord): Account {
  return { userId, username, tokenId };
}

/** The account a token belongs to, and the token's own id (so the tree can mark it). */
async function whoIs(client: VercelApi, signal?: AbortSignal): Promise<{ user: VercelUser; tokenId: string }> {
  const user = await client.getUser({ signal });
  const tokenId = (await client.getCurrentToken({ signal })).id;
  return { user, tokenId };
}
