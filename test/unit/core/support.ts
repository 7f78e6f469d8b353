// Fakes of the core's ports for plain-Node tests: a key store (several "windows" over one), a
// key-value store, a virtual clock and an in-memory Vercel API with scripted faults.
import { VercelApiError, VercelNetworkError, VercelTimeoutError } from '../../../src/api/errors';
import type { AuthToken, CreateTokenRequest, CreatedToken, TeamRef, VercelTeam, VercelUser } from '../../../src/api/types';
import { Accounts } from '../../../src/core/accounts';
import { Emitter, type Disposable } from '../../../src/core/events';
import { Keychain } from '../../../src/core/keychain';
import type { Clock, KeyStore, KeyValueStore, Log, VercelApi } from '../../../src/core/ports';
import { TokenLists } from '../../../src/core/tokenList';
import { Rotation } from '../../../src/core/rotation';
import { Places, placeKey, type Place, type PlaceWriteOutcome, type PlaceWriter } from '../../../src/core/places';
import { TokenOperations } from '../../../src/core/tokens';

/** One storage shared by every window; each window's view of it fires change events like VS Code. */
export class SharedSecrets {
  readonly data = new Map<string, string>();
  private readonly windows = new Set<Emitter<{ key: string }>>();
  failStore: ((key: string) => boolean) | undefined;

  window(): KeyStore & { calls: string[] } {
    const emitter = new Emitter<{ key: string }>();
    this.windows.add(emitter);
    const calls: string[] = [];
    const changed = (key: string) => {
      for (const window of this.windows) window.fire({ key });
    };
    return {
      calls,
      get: async (key) => {
        await Promise.resolve();
        calls.push(`get ${key}`);
        return this.data.get(key);
      },
      store: async (key, value) => {
        await Promise.resolve();
        calls.push(`store ${key}`);
        if (this.failStore?.(key)) throw new Error('The keyring is locked');
        this.data.set(key, value);
        changed(key);
      },
      delete: async (key) => {
        await Promise.resolve();
        calls.push(`delete ${key}`);
        this.data.delete(key);
        changed(key);
      },
      onDidChange: (listener) => emitter.event(listener),
    };
  }
}

export class MemoryKeyValueStore implements KeyValueStore {
  readonly data: Record<string, unknown> = {};
  get<T>(key: string): T | undefined {
    const value = this.data[key];
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    await Promise.resolve();
    if (value === undefined) delete this.data[key];
    else this.data[key] = JSON.parse(JSON.stringify(value));
  }
}

/** Time moves only when a test says so; timers fire in order as it passes. */
export class VirtualClock implements Clock {
  private time = Date.UTC(2026, 11, 1, 12, 0, 0);
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): Disposable {
    const id = this.nextId++;
    this.timers.push({ at: this.time + Math.max(0, ms), callback, id });
    return { dispose: () => (this.timers = this.timers.filter((timer) => timer.id !== id)) };
  }
  get pendingTimers(): number {
    return this.timers.length;
  }
  /** Advances the time, running each timer due on the way (and letting promises settle between). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.time = next.at;
      next.callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** Lets every queued promise callback run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class SilentLog implements Log {
  readonly lines: string[] = [];
  private readonly secrets = new Set<string>();
  info(message: string): void {
    this.lines.push(`info ${this.redact(message)}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${this.redact(message)}`);
  }
  error(message: string, error?: unknown): void {
    this.lines.push(`error ${this.redact(`${message}${error instanceof Error ? `: ${error.message}` : ''}`)}`);
  }
  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('[redacted]');
    return result;
  }
  addSecret(value: string | undefined): void {
    if (value) this.secrets.add(value);
  }
}

type Fault = 'none' | 'http500' | 'http502' | 'timeout' | 'reset' | 'notFound' | 'forbidden';

interface ServerUser {
  user: VercelUser;
  accountToken: string;
  accountTokenId: string;
}

/** An in-memory Vercel: users, their tokens, and faults per operation. Time comes from the clock. */
export class FakeVercel {
  private readonly users = new Map<string, ServerUser>();
  private readonly tokens = new Map<string, { token: AuthToken; userId: string; value: string }>();
  private next = 1;
  readonly requests: string[] = [];
  /** The next create, delete or list answers with this fault (then `none` again). */
  faults: { create?: Fault; delete?: Fault; list?: Fault; getToken?: Fault } = {};
  /** Every create request as sent: body and team. */
  readonly creates: { request: CreateTokenRequest; teamId?: string }[] = [];
  /** Applied after a create is carried out, so the answer can be lost after Vercel acted. */
  createActsBeforeFault = true;
  /** Tokens left out of the next list (a short page, a lagging list). */
  omitFromList = new Set<string>();

  constructor(private readonly clock: Clock) {}

  addUser(username: string): ServerUser {
    const id = `user_${username}`;
    const accountTokenId = `tok_account_${username}`;
    const accountToken = `vcp_account${username}${'x'.repeat(16)}`;
    const user: ServerUser = { user: { id, username }, accountToken, accountTokenId };
    this.users.set(id, user);
    this.tokens.set(accountTokenId, {
      token: { id: accountTokenId, name: `${username} account token`, type: 'token', createdAt: this.clock.now() - 1000, activeAt: this.clock.now() },
      userId: id,
      value: accountToken,
    });
    return user;
  }

  addToken(userId: string, name: string): AuthToken {
    const id = `tok_${this.next++}`;
    // Ends with the id's digits, so that each token's listed suffix is its own.
    const value = `vcp_${'y'.repeat(16)}value${id.replace('_', '')}`;
    // As Vercel lists tokens: the value's prefix and last four characters.
    const token: AuthToken = { id, name, type: 'token', prefix: 'vcp_', suffix: value.slice(-4), createdAt: this.clock.now(), activeAt: this.clock.now() };
    this.tokens.set(id, { token, userId, value });
    return token;
  }

  has(tokenId: string): boolean {
    return this.tokens.has(tokenId);
  }
  /** Lists the token with these last characters, whatever its value ends with. */
  listSuffix(tokenId: string, suffix: string): void {
    const entry = this.tokens.get(tokenId)!;
    entry.token = { ...entry.token, suffix };
  }
  tokensOf(userId: string): AuthToken[] {
    return [...this.tokens.values()].filter((entry) => entry.userId === userId).map((entry) => entry.token);
  }
  valueOf(tokenId: string): string | undefined {
    return this.tokens.get(tokenId)?.value;
  }

  client(accountToken: string): VercelApi {
    const caller = () => {
      const own = [...this.tokens.values()].find((entry) => entry.value === accountToken);
      const user = own && this.users.get(own.userId);
      if (!own || !user) throw new VercelApiError({ status: 403, code: 'forbidden', message: 'Not authorized', invalidToken: true });
      return { ...user, accountTokenId: own.token.id };
    };
    const fault = (kind: keyof FakeVercel['faults'], mutation: boolean) => {
      const armed = this.faults[kind] ?? 'none';
      this.faults[kind] = 'none';
      switch (armed) {
        case 'http500':
          return new VercelApiError({ status: 500, message: 'An unexpected internal error occurred', mutation });
        case 'http502':
          return new VercelApiError({ status: 502, mutation });
        case 'timeout':
          return new VercelTimeoutError(1000);
        case 'reset':
          return new VercelNetworkError('The connection to api.vercel.com failed (ECONNRESET).', mutation);
        case 'notFound':
          return new VercelApiError({ status: 404, code: 'not_found', message: 'Token not found', mutation });
        default:
          return undefined;
      }
    };
    const api: VercelApi = {
      getUser: async () => {
        this.requests.push('GET /v2/user');
        return caller().user;
      },
      getCurrentToken: async () => {
        this.requests.push('GET /v5/user/tokens/current');
        return this.tokens.get(caller().accountTokenId)!.token;
      },
      getToken: async (id) => {
        this.requests.push(`GET /v5/user/tokens/${id}`);
        const user = caller();
        const error = fault('getToken', false);
        if (error) throw error;
        const entry = this.tokens.get(id);
        if (!entry || entry.userId !== user.user.id) throw new VercelApiError({ status: 404, code: 'not_found', message: 'Token not found' });
        return entry.token;
      },
      listTokens: async () => {
        this.requests.push('GET /v6/user/tokens');
        const user = caller();
        const error = fault('list', false);
        if (error) throw error;
        const omitted = this.omitFromList;
        this.omitFromList = new Set();
        return this.tokensOf(user.user.id).filter((token) => !omitted.has(token.id)).sort((a, b) => b.createdAt - a.createdAt);
      },
      listProjects: async () => {
        this.requests.push('GET /v10/projects');
        caller();
        return [];
      },
      listTeams: async (): Promise<VercelTeam[]> => {
        this.requests.push('GET /v2/teams');
        caller();
        return [];
      },
      createToken: async (request: CreateTokenRequest, team?: TeamRef): Promise<CreatedToken> => {
        this.requests.push(`POST /v3/user/tokens${team ? `?teamId=${team.id}` : ''}`);
        this.creates.push({ request, teamId: team?.id });
        const user = caller();
        const armed = this.faults.create ?? 'none';
        if (armed !== 'none' && !this.createActsBeforeFault) throw fault('create', true)!;
        const token = this.addToken(user.user.id, request.name);
        if (request.expiresAt !== undefined) token.expiresAt = request.expiresAt;
        if (team) token.teamId = team.id;
        if (request.projectId) token.projectId = request.projectId;
        const error = fault('create', true);
        if (error) throw error;
        return { token, bearerToken: this.valueOf(token.id)! };
      },
      deleteToken: async (id) => {
        this.requests.push(`DELETE /v3/user/tokens/${id}`);
        const user = caller();
        const entry = this.tokens.get(id);
        if (!entry || entry.userId !== user.user.id) throw new VercelApiError({ status: 404, code: 'not_found', message: 'Token not found', mutation: true });
        if (this.faults.delete === 'forbidden') {
          this.faults.delete = 'none';
          throw new VercelApiError({ status: 403, code: 'forbidden', message: 'You cannot delete this token', mutation: true });
        }
        this.tokens.delete(id);
        const error = fault('delete', true);
        if (error) throw error;
        return id;
      },
    };
    return api;
  }
}

/** Places as a dictionary of what each holds; a place can be made to fail (or to change under the writer). */
export class FakePlaces implements PlaceWriter {
  readonly held = new Map<string, string>();
  readonly writes: { place: Place; value: string; tokenId: string; previousValue: string | undefined }[] = [];
  readonly failing = new Map<string, string>();

  put(place: Place, value: string): void {
    this.held.set(placeKey(place), value);
  }
  valueIn(place: Place): string | undefined {
    return this.held.get(placeKey(place));
  }
  fail(place: Place, message = 'GitHub answered 503'): void {
    this.failing.set(placeKey(place), message);
  }
  heal(place: Place): void {
    this.failing.delete(placeKey(place));
  }

  async write(place: Place, value: string, token: AuthToken, previousValue: string | undefined): Promise<PlaceWriteOutcome> {
    await Promise.resolve();
    this.writes.push({ place, value, tokenId: token.id, previousValue });
    const failure = this.failing.get(placeKey(place));
    if (failure) return { kind: 'failed', message: failure };
    this.held.set(placeKey(place), value);
    return { kind: 'written' };
  }
}

/** One window of the extension's core, over shared secrets and one fake Vercel. */
export class CoreWindow implements Disposable {
  readonly keyStore: ReturnType<SharedSecrets['window']>;
  readonly keychain: Keychain;
  readonly accounts: Accounts;
  readonly lists: TokenLists;
  readonly tokens: TokenOperations;
  readonly rotation: Rotation;
  readonly places: Places;
  readonly placeWriter = new FakePlaces();
  readonly log = new SilentLog();
  readonly invalidTokens: string[] = [];

  constructor(
    readonly secrets: SharedSecrets,
    readonly vercel: FakeVercel,
    readonly clock: VirtualClock,
    readonly memento = new MemoryKeyValueStore(),
  ) {
    this.keyStore = secrets.window();
    this.keychain = new Keychain(this.keyStore, this.log);
    this.accounts = new Accounts(this.keychain, memento, (token) => vercel.client(token), this.log);
    this.lists = new TokenLists(this.accounts, this.keychain, this.log, clock, (userId) => this.invalidTokens.push(userId));
    this.tokens = new TokenOperations(this.accounts, this.keychain, this.lists, this.log, clock);
    this.places = new Places(memento);
    this.rotation = new Rotation(this.accounts, this.tokens, this.log, clock, { places: this.places, writer: this.placeWriter });
  }

  async signIn(token: string): Promise<string> {
    const outcome = await this.accounts.signIn(token);
    if (outcome.kind !== 'signedIn') throw new Error(`not signed in: ${JSON.stringify(outcome)}`);
    await settle();
    return outcome.account.userId;
  }

  dispose(): void {
    this.places.dispose();
    this.tokens.dispose();
    this.lists.dispose();
    this.accounts.dispose();
    this.keychain.dispose();
  }
}

export function world() {
  const clock = new VirtualClock();
  const vercel = new FakeVercel(clock);
  const secrets = new SharedSecrets();
  const alice = vercel.addUser('alice');
  const bob = vercel.addUser('bob');
  const windows: CoreWindow[] = [];
  const openWindow = (memento?: MemoryKeyValueStore) => {
    const window = new CoreWindow(secrets, vercel, clock, memento);
    windows.push(window);
    return window;
  };
  return { clock, vercel, secrets, alice, bob, openWindow, close: () => windows.forEach((window) => window.dispose()) };
}
