// What the Auth Tokens tree shows: the account's tokens, which values are stored here, and the
// load state. No TreeItems here (see tokenTreeProvider.ts) and no UI calls.
import vscode = require('vscode');
import { VercelApiError } from '../api/errors';
import type { AuthToken } from '../api/types';
import type { Logger } from '../log';
import type { SecretStore } from '../secretStore';
import type { Session } from '../session';
import { describeError } from '../errorMessages';

export type LoadState = 'signedOut' | 'loading' | 'ready' | 'empty' | 'error';

export class TokenModel implements vscode.Disposable {
  private tokenList: AuthToken[] = [];
  private byId = new Map<string, AuthToken>();
  private stored = new Set<string>();
  /** Tokens created in this session whose value the keychain refused: marked in the tree. */
  private readonly notStored = new Set<string>();
  private teamNameById = new Map<string, string>();
  private loadState: LoadState = 'signedOut';
  private lastError: string | undefined;
  private loadedAt: number | undefined;
  private inFlight: Promise<void> | undefined;
  private reloadRequested = false;
  private started = false;
  private readonly createdDuringLoad = new Map<string, AuthToken>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly session: Session,
    private readonly store: SecretStore,
    private readonly log: Logger,
    /** Called when the API rejects the account token: the extension signs out and tells the user. */
    private readonly onInvalidToken: (error: VercelApiError) => void,
  ) {
    this.subscriptions = [
      // Only a change of account or of another window's stored values calls for a new list: a team
      // or profile change does not, and listening to both sources of one sign-in listed twice.
      session.onDidChangeAccount(() => void this.refresh()),
      store.onDidChangeStoredValues(() => void this.onStoredValuesChanged()),
    ];
  }

  get state(): LoadState {
    return this.loadState;
  }
  get tokens(): readonly AuthToken[] {
    return this.tokenList;
  }
  get error(): string | undefined {
    return this.lastError;
  }
  /** When the list was last loaded; with an error set, the list shown is that old (stale). */
  get lastLoadedAt(): number | undefined {
    return this.loadedAt;
  }
  get isStale(): boolean {
    return this.lastError !== undefined && this.loadedAt !== undefined;
  }

  /** Team names for scope rows; empty when the teams could not be read. */
  get teamNames(): ReadonlyMap<string, string> {
    return this.teamNameById;
  }

  token(id: string): AuthToken | undefined {
    return this.byId.get(id);
  }
  isValueStored(id: string): boolean {
    return this.stored.has(id);
  }
  isValueLost(id: string): boolean {
    return this.notStored.has(id);
  }
  isCurrentToken(id: string): boolean {
    return this.session.profile?.tokenId === id;
  }

  /** The first render loads the list; later ones show what is there (refreshes come from events). */
  ensureLoaded(): void {
    if (this.started) return;
    this.started = true;
    void this.refresh();
  }

  /** Loads the list once at a time; a refresh asked for during a load runs right after it. */
  refresh(): Promise<void> {
    this.started = true;
    if (this.inFlight) {
      this.reloadRequested = true;
      return this.inFlight;
    }
    this.inFlight = this.load().finally(() => {
      this.inFlight = undefined;
      if (this.reloadRequested) {
        this.reloadRequested = false;
        void this.refresh();
      }
    });
    return this.inFlight;
  }

  /** Adds a token the extension just created, without waiting for the next list. */
  addCreated(token: AuthToken, valueStored: boolean): void {
    // A list being fetched now may predate this token: fetch again when it lands.
    if (this.inFlight) {
      this.reloadRequested = true;
      this.createdDuringLoad.set(token.id, token);
    }
    if (!this.byId.has(token.id)) {
      this.tokenList = [token, ...this.tokenList].sort((a, b) => b.createdAt - a.createdAt);
      this.byId.set(token.id, token);
    }
    if (valueStored) this.stored.add(token.id);
    else this.notStored.add(token.id);
    if (this.loadState === 'empty') this.loadState = 'ready';
    this.changeEmitter.fire();
  }

  removeDeleted(id: string): void {
    this.tokenList = this.tokenList.filter((token) => token.id !== id);
    this.byId.delete(id);
    this.stored.delete(id);
    this.notStored.delete(id);
    if (this.loadState === 'ready' && this.tokenList.length === 0) this.loadState = 'empty';
    this.changeEmitter.fire();
  }

  private async load(): Promise<void> {
    this.createdDuringLoad.clear();
    await this.session.restore();
    if (!this.session.signedIn) {
      this.clear();
      return;
    }
    if (this.loadState === 'signedOut' || this.loadState === 'error' && this.loadedAt === undefined) {
      this.loadState = 'loading';
      this.changeEmitter.fire();
    }
    try {
      const profile = await this.session.ensureProfile();
      // Read before the list: a value stored by a create that finishes during this load is not
      // in this set, so it can never be mistaken for an orphan of a list fetched before the create.
      const storedBefore = new Set(await this.store.storedTokenIds(profile.userId));
      const client = this.session.client();
      // Teams only name scopes: their failure must not fail the list.
      const teams = client.listTeams().catch((error) => {
        this.log.warn(`Could not read the teams: ${describeError(error)}`);
        return [];
      });
      const tokens = await client.listTokens();
      this.teamNameById = new Map((await teams).map((team) => [team.id, team.name || team.slug]));
      const storedNow = await this.store.storedTokenIds(profile.userId);
      this.byId = new Map(tokens.map((token) => [token.id, token]));
      // Tokens created while this list was in flight are kept until the next list shows them.
      for (const token of this.createdDuringLoad.values()) {
        if (!this.byId.has(token.id)) tokens.push(token);
        this.byId.set(token.id, token);
      }
      this.tokenList = tokens.sort((a, b) => b.createdAt - a.createdAt);
      this.stored = new Set([...storedNow].filter((id) => this.byId.has(id)));
      this.loadState = tokens.length ? 'ready' : 'empty';
      this.lastError = undefined;
      this.loadedAt = Date.now();
      await this.forgetOrphans(profile.userId, storedBefore);
    } catch (error) {
      if (error instanceof VercelApiError && error.invalidToken) {
        this.onInvalidToken(error);
        return;
      }
      this.lastError = describeError(error);
      this.log.error('Could not load the token list', error);
      // Keep the last good list: a failing refresh must not blank the tree.
      if (this.loadedAt === undefined) this.loadState = 'error';
    }
    this.changeEmitter.fire();
  }

  /** Stored values of tokens that no longer exist on Vercel are useless: forget them. */
  private async forgetOrphans(userId: string, stored: Set<string>): Promise<void> {
    const orphans = [...stored].filter((id) => !this.byId.has(id));
    if (orphans.length === 0) return;
    await this.store.deleteTokenValues(userId, orphans);
    this.log.info(`Forgot ${orphans.length} stored value(s) of tokens that no longer exist`);
  }

  /** Another window created or deleted a token (its index of stored values changed): list again. */
  private async onStoredValuesChanged(): Promise<void> {
    if (this.session.signedIn && this.loadState !== 'signedOut') await this.refresh();
  }

  private clear(): void {
    if (this.loadState === 'signedOut' && this.tokenList.length === 0) return;
    this.tokenList = [];
    this.byId.clear();
    this.stored.clear();
    this.notStored.clear();
    this.lastError = undefined;
    this.loadedAt = undefined;
    this.loadState = 'signedOut';
    this.changeEmitter.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}
