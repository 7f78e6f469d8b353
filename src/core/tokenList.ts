// The tokens of each signed-in account as last listed, which of their values are stored here, and
// the load state. Presents state; the only secrets it ever forgets are values of tokens Vercel
// says are gone.
import { VercelApiError } from '../api/errors';
import type { AuthToken } from '../api/types';
import { describeError } from '../errorMessages';
import type { Accounts } from './accounts';
import { Emitter, type Disposable } from './events';
import type { Keychain } from './keychain';
import type { Clock, Log, VercelApi } from './ports';

export type LoadState = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** Called when Vercel rejects an account's token: the extension signs that account out and says so. */
export type InvalidTokenHandler = (userId: string, error: VercelApiError) => void;

export class TokenList implements Disposable {
  private tokenList: AuthToken[] = [];
  private byId = new Map<string, AuthToken>();
  private stored = new Set<string>();
  /** Tokens created in this session whose value the keychain refused: marked in the tree. */
  private readonly notStored = new Set<string>();
  /** Tokens this window deleted: a list that was fetched before the delete must not bring them back. */
  private readonly deleted = new Set<string>();
  /** Tokens this window created that no list has shown yet (lists can lag behind a create). */
  private readonly createdUnlisted = new Map<string, AuthToken>();
  private teamNameById = new Map<string, string>();
  private projectNameById = new Map<string, string>();
  private loadState: LoadState = 'idle';
  private lastError: string | undefined;
  private loadedAt: number | undefined;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private started = false;
  private disposed = false;
  private readonly changeEmitter = new Emitter<void>();
  private readonly goneEmitter = new Emitter<string>();

  readonly onDidChange = this.changeEmitter.event;
  /** A token Vercel answered 404 for (deleted elsewhere, e.g. on vercel.com): its id. */
  readonly onDidFindGone = this.goneEmitter.event;

  constructor(
    readonly userId: string,
    private readonly accounts: Accounts,
    private readonly keychain: Keychain,
    private readonly log: Log,
    private readonly clock: Clock,
    private readonly onInvalidToken: InvalidTokenHandler,
  ) {}

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
  /** Names of the projects that project-scoped tokens act for; ids stand in for the ones not read. */
  get projectNames(): ReadonlyMap<string, string> {
    return this.projectNameById;
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
  isAccountToken(id: string): boolean {
    return this.accounts.isAccountToken(this.userId, id);
  }

  /** The first render loads the list; later ones show what is there (refreshes come from events). */
  ensureLoaded(): void {
    if (this.started) return;
    // Failures end up in the list's state; nobody waits for the first render's load.
    void this.refresh();
  }

  /**
   * Resolves after a load that started after this call: a load already running may have fetched
   * its list before the change the caller wants to see.
   */
  refresh(): Promise<void> {
    this.started = true;
    if (this.queued) return this.queued;
    if (!this.inFlight) return this.startLoad();
    const startNext = () => {
      this.queued = undefined;
      return this.startLoad();
    };
    this.queued = this.inFlight.then(startNext, startNext);
    return this.queued;
  }

  private startLoad(): Promise<void> {
    const load = this.load().finally(() => {
      if (this.inFlight === load) this.inFlight = undefined;
    });
    this.inFlight = load;
    return load;
  }

  /** Adds a token the extension just created, without waiting for the next list. */
  addCreated(token: AuthToken, valueStored: boolean): void {
    // A list being fetched now, or a lagging one, may not show it yet: keep it until a list does.
    this.createdUnlisted.set(token.id, token);
    if (!this.byId.has(token.id)) {
      this.tokenList = [token, ...this.tokenList].sort((a, b) => b.createdAt - a.createdAt);
      this.byId.set(token.id, token);
    }
    if (valueStored) this.stored.add(token.id);
    else this.notStored.add(token.id);
    if (this.loadState === 'empty' || this.loadState === 'idle') this.loadState = 'ready';
    this.changeEmitter.fire();
  }

  /** A project name learnt elsewhere (the scope step): scope rows show it before the next list reads it. */
  rememberProjectName(projectId: string, name: string): void {
    if (this.projectNameById.get(projectId) === name) return;
    this.projectNameById = new Map(this.projectNameById).set(projectId, name);
    this.changeEmitter.fire();
  }

  removeDeleted(id: string): void {
    this.deleted.add(id);
    this.createdUnlisted.delete(id);
    this.tokenList = this.tokenList.filter((token) => token.id !== id);
    this.byId.delete(id);
    this.stored.delete(id);
    this.notStored.delete(id);
    if (this.loadState === 'ready' && this.tokenList.length === 0) this.loadState = 'empty';
    this.changeEmitter.fire();
  }

  private async load(): Promise<void> {
    await this.accounts.restore();
    if (this.disposed || !this.accounts.get(this.userId)) return;
    if (this.loadState === 'idle' || (this.loadState === 'error' && this.loadedAt === undefined)) {
      this.loadState = 'loading';
      this.changeEmitter.fire();
    }
    let storedBefore: Set<string>;
    let listedIds: Set<string>;
    let client: VercelApi;
    try {
      // Read before the list: a value stored by a create that finishes during this load is not
      // in this set, so it can never be mistaken for the value of a token the list left out.
      storedBefore = new Set(await this.keychain.storedTokenIds(this.userId));
      client = this.accounts.client(this.userId);
      // Teams only name scopes: their failure must not fail the list.
      const teams = client.listTeams().catch((error: unknown) => {
        this.log.warn(`Could not read the teams: ${describeError(error)}`);
        return [];
      });
      const listed = await client.listTokens();
      const projects = this.projectNamesFor(client, listed);
      this.teamNameById = new Map((await teams).map((team) => [team.id, team.name || team.slug]));
      this.projectNameById = await projects;
      const storedNow = await this.keychain.storedTokenIds(this.userId);
      if (this.disposed) return;
      // After the last wait: a token deleted by this window while the list was loading stays deleted.
      const tokens = listed.filter((token) => !this.deleted.has(token.id));
      listedIds = new Set(listed.map((token) => token.id));
      this.byId = new Map(tokens.map((token) => [token.id, token]));
      for (const [id, token] of this.createdUnlisted) {
        if (this.byId.has(id)) this.createdUnlisted.delete(id);
        else {
          tokens.push(token);
          this.byId.set(id, token);
        }
      }
      this.tokenList = tokens.sort((a, b) => b.createdAt - a.createdAt);
      this.stored = new Set([...storedNow].filter((id) => this.byId.has(id)));
      this.loadState = tokens.length ? 'ready' : 'empty';
      this.lastError = undefined;
      this.loadedAt = this.clock.now();
    } catch (error) {
      if (error instanceof VercelApiError && error.invalidToken) {
        this.onInvalidToken(this.userId, error);
        return;
      }
      this.lastError = describeError(error);
      this.log.error('Could not load the token list', error);
      // Keep the last good list: a failing refresh must not blank the tree.
      if (this.loadedAt === undefined) this.loadState = 'error';
      this.changeEmitter.fire();
      return;
    }
    this.changeEmitter.fire();
    await this.checkUnlisted(client, listedIds, storedBefore);
  }

  /** Project names only name scopes: read for the teams that project-scoped tokens act for, failures ignored. */
  private async projectNamesFor(client: VercelApi, tokens: readonly AuthToken[]): Promise<Map<string, string>> {
    const teamIds = [...new Set(tokens.filter((token) => token.projectId && token.teamId).map((token) => token.teamId as string))];
    const lists = await Promise.all(
      teamIds.map((teamId) =>
        client.listProjects(teamId).catch((error: unknown) => {
          this.log.warn(`Could not read the projects of team ${teamId}: ${describeError(error)}`);
          return [];
        }),
      ),
    );
    return new Map(lists.flat().map((project) => [project.id, project.name]));
  }

  /**
   * Tokens the list left out although this window stored their value or created them: asked for
   * one by one. A stored value is forgotten, and a row created here dropped, only when the token
   * itself is gone: Vercel answers 404 for that id to the same account (the client that listed,
   * so the same account token and API URL). A list that leaves a token out (a short page, a
   * cursor that stops early, a list that lags behind a create) is never enough.
   */
  private async checkUnlisted(client: VercelApi, listedIds: ReadonlySet<string>, storedBefore: ReadonlySet<string>): Promise<void> {
    const unlisted = [...new Set([...storedBefore, ...this.createdUnlisted.keys()])].filter((id) => !listedIds.has(id));
    if (unlisted.length === 0) return;
    const gone: string[] = [];
    for (const id of unlisted) {
      try {
        await client.getToken(id);
        this.log.info(`Token ${id} was not in the list but still exists; kept`);
      } catch (error) {
        if (error instanceof VercelApiError && error.status === 404) gone.push(id);
        else this.log.warn(`Could not check whether token ${id} still exists (${describeError(error)}); kept`);
      }
    }
    if (gone.length === 0 || this.disposed) return;
    const forget = gone.filter((id) => storedBefore.has(id));
    if (forget.length) {
      await this.keychain.deleteTokenValues(this.userId, forget);
      this.log.info(`Forgot ${forget.length} stored value(s) of tokens that no longer exist`);
    }
    for (const id of gone) if (this.byId.has(id)) this.removeDeleted(id);
    for (const id of gone) this.goneEmitter.fire(id);
  }

  dispose(): void {
    this.disposed = true;
    this.changeEmitter.dispose();
    this.goneEmitter.dispose();
  }
}

/** One TokenList per signed-in account, created and dropped as accounts come and go. */
export class TokenLists implements Disposable {
  private readonly lists = new Map<string, TokenList>();
  private readonly changeEmitter = new Emitter<void>();
  private readonly goneEmitter = new Emitter<{ userId: string; tokenId: string }>();
  private readonly subscriptions: Disposable[];

  /** Any list changed, or lists came or went. */
  readonly onDidChange = this.changeEmitter.event;
  /** A list found a token gone on Vercel (deleted elsewhere): whatever refers to it can let go. */
  readonly onDidFindGone = this.goneEmitter.event;

  constructor(
    private readonly accounts: Accounts,
    private readonly keychain: Keychain,
    private readonly log: Log,
    private readonly clock: Clock,
    private readonly onInvalidToken: InvalidTokenHandler,
  ) {
    this.subscriptions = [
      accounts.onDidChangeAccount((userId) => this.onAccountChanged(userId)),
      // Another window created or deleted a token of this account: list again.
      keychain.onDidChangeStoredValues((userId) => void this.lists.get(userId)?.refresh()),
    ];
  }

  /** The list of a signed-in account (created on first use); undefined for an unknown account. */
  get(userId: string): TokenList | undefined {
    if (!this.accounts.get(userId)) return undefined;
    let list = this.lists.get(userId);
    if (!list) {
      list = new TokenList(userId, this.accounts, this.keychain, this.log, this.clock, this.onInvalidToken);
      list.onDidChange(() => this.changeEmitter.fire());
      list.onDidFindGone((tokenId) => this.goneEmitter.fire({ userId, tokenId }));
      this.lists.set(userId, list);
    }
    return list;
  }

  private onAccountChanged(userId: string): void {
    if (!this.accounts.get(userId)) {
      this.lists.get(userId)?.dispose();
      this.lists.delete(userId);
      this.changeEmitter.fire();
      return;
    }
    // A new account, or a known one with another token: list it. Failures end up in the list's state.
    void this.get(userId)?.refresh();
    this.changeEmitter.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const list of this.lists.values()) list.dispose();
    this.lists.clear();
    this.changeEmitter.dispose();
    this.goneEmitter.dispose();
  }
}
