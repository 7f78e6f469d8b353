// A stand-in for the Vercel REST API: the token endpoints, what the real Vercel CLI calls for
// `vercel tokens add|ls|rm`, and fault injection. A real HTTP server on loopback, node built-ins only.
// Used by unit tests, extension-host integration tests, Playwright e2e tests, the demo and the benchmarks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AuthToken, TokenScope, VercelTeam } from '../../src/api/types';
import { randomAlphanumeric, readBodyText, redactHeaders } from '../shared/standInHttp';

export interface FakeVercelOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Called once per request when its exchange is over (answered, reset or cut by close()). */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Whether a browser page of another origin may call it (CORS), as `setCors` sets it. Default
   * false, as a server that knows nothing of CORS: a browser then refuses to hand over any answer.
   */
  cors?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** Request headers; `authorization`, when present, only in a redacted form like `Bearer vcp_…1a2B`. */
  headers: Record<string, string>;
  /** null while pending and when nothing was answered (hang, reset). */
  status: number | null;
  /** Epoch ms when the request arrived. */
  at: number;
  durationMs: number | null;
}

export interface FakeUser {
  id: string;
  email: string;
  name: string | null;
  username: string;
  avatar: string | null;
  defaultTeamId: string | null;
  limited?: boolean;
  createdAt: number;
}

export interface AddTeamInput {
  slug: string;
  id?: string;
  name?: string;
  /** User ids; default: the default user. */
  memberIds?: string[];
  /** The members' access is limited (Vercel's `limited: true` with these reasons, e.g. `mfa`, `scope`). */
  limitedBy?: string[];
  /** The team enforces SAML single sign-on. */
  samlEnforced?: boolean;
}

export interface AddProjectInput {
  teamId: string;
  name: string;
  id?: string;
}

export interface FakeProject {
  id: string;
  name: string;
  accountId: string;
  createdAt: number;
  updatedAt: number;
}

export type AddTokenInput = Partial<AuthToken> & {
  /** The bearer value that authenticates as this token; without it the token cannot be used. */
  value?: string;
  /** Owner; default: the default user. */
  userId?: string;
};

export interface IssueTokenInput {
  /** full: a classic personal token; oauth: a CLI login session; team-scoped: limited to one team. */
  kind: 'full' | 'oauth' | 'team-scoped';
  userId?: string;
  /** For team-scoped; default: the first team of the user. */
  teamId?: string;
  name?: string;
  expiresAt?: number;
}

export interface IssuedToken {
  value: string;
  token: AuthToken;
}

export type ErrorShape = 'classic' | 'flat' | 'legacy';

export type FaultAction =
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Waits, then answers normally. */
  | { kind: 'delay'; ms: number }
  /** Never answers; with partialBody, sends 200 headers and the start of a body that never ends. */
  | { kind: 'hang'; partialBody?: boolean }
  /** Destroys the socket before doing anything. */
  | { kind: 'reset' }
  /** Performs the operation (e.g. really creates the token), then destroys the socket: an unknown outcome. */
  | { kind: 'resetAfterCommit' }
  /**
   * Performs the operation, then answers 200 with a body that is not JSON (`not-json`) or lacks
   * `fields` (`missing-fields`; default: every top-level field).
   */
  | { kind: 'malformed'; variant: 'not-json' | 'missing-fields'; fields?: string[] }
  /** Answers `status` with `Location: location` and does nothing else. */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string }
  /**
   * Performs the operation, then streams its answer padded to `bytes` (a `padding` field first),
   * with a truthful Content-Length only when `declareLength`; stops when the client goes away.
   */
  | { kind: 'largeBody'; bytes: number; declareLength: boolean }
  /** Answers now, but sends the answer `ms` later: a list that lags behind what happens meanwhile. */
  | { kind: 'stale'; ms: number }
  /** A token list answered as usual but without these tokens (a short page, a lagging list). */
  | { kind: 'omit'; tokenIds: string[] };

export type FaultRule = FaultAction & {
  /** Default: any method. */
  method?: string;
  /** Exact path, with `:name` for one segment and `*` for the rest, or a RegExp tested on the path. */
  path: string | RegExp;
  /** Default 1. */
  times?: number | 'always';
};

export interface FakeVercel {
  readonly url: string;
  /** Full-account personal token of the default user. */
  readonly accountToken: string;
  /** The default user's live record (owner of accountToken). */
  readonly user: FakeUser;
  /** Live log, oldest first. */
  readonly requests: RequestLogEntry[];
  /** Destroys pending (even hung) connections. */
  close(): Promise<void>;
  /** Back to the starting state: default user, account token (same value), no teams, faults or log. */
  reset(): void;
  addUser(input?: Partial<FakeUser>): FakeUser;
  addTeam(input: AddTeamInput): VercelTeam;
  addProject(input: AddProjectInput): FakeProject;
  addToken(input?: AddTokenInput): AuthToken;
  issueToken(input: IssueTokenInput): IssuedToken;
  /** Every user's tokens, newest first (copies). */
  tokens(): AuthToken[];
  /** The user id a token belongs to. */
  ownerOf(id: string): string;
  /** The bearer value of a token, when it has one. */
  valueOf(id: string): string | undefined;
  revoke(id: string): void;
  markLeaked(id: string, leakedUrl: string): void;
  expire(id: string): void;
  fail(rule: FaultRule): void;
  clearFaults(): void;
  /**
   * true: every answer allows any origin (`Access-Control-Allow-Origin`), and a preflight (OPTIONS)
   * allows GET, POST and DELETE with Authorization and Content-Type. false: neither, and a preflight
   * is answered 405. Nobody here can observe the real API's answer: both are tested.
   */
  setCors(allowed: boolean): void;
}

export async function startFakeVercel(options: FakeVercelOptions = {}): Promise<FakeVercel> {
  const fake = new FakeVercelServer(options.onRequest);
  fake.setCors(options.cors ?? false);
  await fake.listen(options.port ?? 0);
  return fake;
}

function errorBody(status: number, code: string, message: string, extra: Record<string, unknown> = {}, shape: ErrorShape = 'classic'): unknown {
  switch (shape) {
    case 'classic':
      return { error: { code, message, ...extra } };
    case 'flat':
      return { status, code, message, ...extra };
    case 'legacy':
      return { err: { code, message, ...extra } };
  }
}

const CLASSIC_TOKEN_REQUIRED = 'Only user authentication tokens can be used to create new tokens.';

/** Ready-made `respond` actions in the shapes Vercel answers with; spread into a FaultRule. */
export const faults = {
  error(status: number, code: string, message: string, shape: ErrorShape = 'classic', extra: Record<string, unknown> = {}): FaultAction {
    return { kind: 'respond', status, body: errorBody(status, code, message, extra, shape) };
  },
  serverError(status: 500 | 502 | 503 = 500, format: 'vercel' | 'html' = 'vercel'): FaultAction {
    if (format === 'html') {
      const title = `${status} ${status === 500 ? 'Internal Server Error' : status === 502 ? 'Bad Gateway' : 'Service Unavailable'}`;
      return {
        kind: 'respond',
        status,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center></body></html>`,
      };
    }
    return faults.error(status, 'internal_server_error', 'An unexpected internal error occurred.');
  },
  /** `retryAfter`: seconds or a date for the Retry-After header; `resetMs`: epoch ms for error.limit. */
  rateLimited({ retryAfter, resetMs }: { retryAfter?: number | Date; resetMs?: number } = {}): FaultAction {
    const retryAfterMs = retryAfter instanceof Date ? retryAfter.getTime() - Date.now() : (retryAfter ?? 60) * 1000;
    const resetAt = resetMs ?? Date.now() + retryAfterMs;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    };
    if (retryAfter !== undefined) {
      headers['retry-after'] = retryAfter instanceof Date ? retryAfter.toUTCString() : String(retryAfter);
    }
    const limit = { remaining: 0, reset: Math.ceil(resetAt / 1000), resetMs: resetAt, total: 100 };
    return { kind: 'respond', status: 429, headers, body: errorBody(429, 'rate_limited', 'Rate limit exceeded', { limit }) };
  },
  invalidToken(): FaultAction {
    return faults.error(403, 'forbidden', 'Not authorized', 'classic', { invalidToken: true });
  },
  saml(teamId: string, scope: string): FaultAction {
    return faults.error(403, 'forbidden', `You must re-authenticate to access "${scope}" (SAML Single Sign-On).`, 'classic', {
      saml: true,
      teamId,
      scope,
    });
  },
  scopeRequired(slug: string): FaultAction {
    return faults.error(403, 'forbidden', `To create a token you must be authenticated to scope "${slug}"`);
  },
  classicTokenRequired(): FaultAction {
    return faults.error(403, 'forbidden', CLASSIC_TOKEN_REQUIRED);
  },
  notFound(message = 'The requested path was not found'): FaultAction {
    return faults.error(404, 'not_found', message);
  },
};

interface StoredToken {
  token: AuthToken;
  userId: string;
  value?: string;
}

interface StoredTeam {
  team: VercelTeam & { createdAt: number };
  memberIds: string[];
  limitedBy?: string[];
  samlEnforced?: boolean;
}

interface ArmedFault {
  rule: FaultRule;
  matches: (path: string) => boolean;
  remaining: number;
}

interface Reply {
  status: number;
  /** A string is sent as is; anything else as JSON. */
  body: unknown;
  headers?: Record<string, string>;
}

interface Call {
  caller: StoredToken;
  params: Record<string, string>;
  query: URLSearchParams;
  body: ParsedBody;
}

type ParsedBody = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'text'; value: string };

interface Route {
  method: string;
  matches: (path: string) => Record<string, string> | undefined;
  handle: (call: Call) => Reply;
}

const PAGE_DEFAULT = 20;
const PAGE_MAX = 100;

class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

function refuse(status: number, code: string, message: string): never {
  throw new HttpError({ status, body: errorBody(status, code, message) });
}

const notAuthorized = (): Reply => ({ status: 403, body: errorBody(403, 'forbidden', 'Not authorized', { invalidToken: true }) });

class FakeVercelServer implements FakeVercel {
  readonly requests: RequestLogEntry[] = [];
  readonly accountToken = newTokenValue('vcp_');
  url = '';

  private readonly http: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly routes: Route[];
  private readonly users = new Map<string, FakeUser>();
  private readonly teams = new Map<string, StoredTeam>();
  private readonly projects = new Map<string, FakeProject>();
  private readonly store = new Map<string, StoredToken>();
  private readonly idByValue = new Map<string, string>();
  /** Newest first; rebuilt after a token is added or deleted, so listing 10,000 tokens stays fast. */
  private sortedTokens: StoredToken[] | undefined;
  private armedFaults: ArmedFault[] = [];
  private defaultUserId = '';
  private lastCreatedAt = 0;
  private closed = false;
  private cors = false;

  constructor(private readonly onRequest?: (entry: RequestLogEntry) => void) {
    this.routes = [
      this.route('GET', '/v2/user', (call) => this.getUser(call)),
      this.route('GET', '/v2/teams', (call) => this.listTeams(call)),
      this.route('GET', '/v6/user/tokens', (call) => this.listTokens(call)),
      this.route('GET', '/v10/projects', (call) => this.listProjects(call)),
      this.route('GET', '/v5/user/tokens/:id', (call) => ({ status: 200, body: { token: this.ownToken(call).token } })),
      this.route('POST', '/v3/user/tokens', (call) => this.createToken(call)),
      this.route('DELETE', '/v3/user/tokens/:id', (call) => this.deleteToken(call)),
    ];
    this.http = createServer((req, res) => void this.serve(req, res));
    this.http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.reset();
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, '127.0.0.1', () => {
        const { port: actualPort } = this.http.address() as AddressInfo;
        this.url = `http://127.0.0.1:${actualPort}`;
        resolve();
      });
    });
  }

  get user(): FakeUser {
    return this.userById(this.defaultUserId);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }

  reset(): void {
    this.users.clear();
    this.teams.clear();
    this.store.clear();
    this.idByValue.clear();
    this.sortedTokens = undefined;
    this.armedFaults = [];
    this.requests.length = 0;
    this.defaultUserId = this.addUser({ username: 'tester', email: 'tester@example.com', name: 'Test User' }).id;
    this.addToken({
      name: 'Stand-in account token',
      value: this.accountToken,
      createdAt: Date.now() - 24 * 60 * 60 * 1000,
    });
  }

  addUser(input: Partial<FakeUser> = {}): FakeUser {
    const username = input.username ?? `user-${randomAlphanumeric(6).toLowerCase()}`;
    const user: FakeUser = {
      id: randomAlphanumeric(24),
      email: `${username}@example.com`,
      name: null,
      username,
      avatar: null,
      defaultTeamId: null,
      createdAt: Date.now(),
      ...input,
    };
    this.users.set(user.id, user);
    return user;
  }

  addTeam({ slug, id = `team_${randomAlphanumeric(24)}`, name = slug, memberIds = [this.defaultUserId], limitedBy, samlEnforced }: AddTeamInput): VercelTeam {
    if (this.teams.has(id)) throw new Error(`Team ${id} already exists`);
    const team = { id, slug, name, createdAt: this.nextCreatedAt() };
    this.teams.set(id, { team, memberIds, limitedBy, samlEnforced });
    return { id, slug, name };
  }

  addProject({ teamId, name, id = `prj_${randomAlphanumeric(24)}` }: AddProjectInput): FakeProject {
    if (!this.teams.has(teamId)) throw new Error(`No team ${teamId}: call addTeam first`);
    const createdAt = this.nextCreatedAt();
    const project = { id, name, accountId: teamId, createdAt, updatedAt: createdAt };
    this.projects.set(id, project);
    return { ...project };
  }

  addToken({ value, userId = this.defaultUserId, ...input }: AddTokenInput = {}): AuthToken {
    this.userById(userId);
    if (value !== undefined && this.idByValue.has(value)) throw new Error('A token with this value already exists');
    const fields = withoutUndefined(input);
    const createdAt = fields.createdAt ?? this.nextCreatedAt();
    const token: AuthToken = {
      id: `tok_${randomAlphanumeric(24)}`,
      name: `Token ${this.store.size + 1}`,
      type: 'token',
      origin: 'manual',
      prefix: value?.slice(0, 4) ?? 'vcp_',
      suffix: value?.slice(-4) ?? randomAlphanumeric(4),
      scopes: [manualScope(createdAt, fields.expiresAt)],
      createdAt,
      activeAt: createdAt,
      ...fields,
    };
    if (this.store.has(token.id)) throw new Error(`Token ${token.id} already exists`);
    this.store.set(token.id, { token, userId, value });
    this.sortedTokens = undefined;
    if (value !== undefined) this.idByValue.set(value, token.id);
    return structuredClone(token);
  }

  issueToken({ kind, userId = this.defaultUserId, teamId, name, expiresAt }: IssueTokenInput): IssuedToken {
    if (kind === 'full') {
      const value = newTokenValue('vcp_');
      return { value, token: this.addToken({ value, userId, name: name ?? 'Full account token', expiresAt }) };
    }
    const createdAt = this.nextCreatedAt();
    if (kind === 'oauth') {
      const value = newTokenValue('vca_');
      const sessionExpiresAt = expiresAt ?? createdAt + 60 * 60 * 1000;
      return {
        value,
        token: this.addToken({
          value,
          userId,
          name: name ?? 'Vercel CLI',
          type: 'oauth2-token',
          origin: 'email',
          createdAt,
          expiresAt: sessionExpiresAt,
          scopes: [{ type: 'user', origin: 'email', createdAt, expiresAt: sessionExpiresAt }],
        }),
      };
    }
    const team = teamId ? this.teamById(teamId) : [...this.teams.values()].find((t) => t.memberIds.includes(userId));
    if (!team) throw new Error('A team-scoped token needs a team: call addTeam first');
    const value = newTokenValue('vcp_');
    return {
      value,
      token: this.addToken({
        value,
        userId,
        name: name ?? `${team.team.slug} token`,
        createdAt,
        expiresAt,
        teamId: team.team.id,
        scopes: [manualScope(createdAt, expiresAt, team.team.id)],
      }),
    };
  }

  tokens(): AuthToken[] {
    return this.newestFirst().map((stored) => structuredClone(stored.token));
  }

  valueOf(id: string): string | undefined {
    return this.storedToken(id).value;
  }

  ownerOf(id: string): string {
    return this.storedToken(id).userId;
  }

  revoke(id: string): void {
    const { token } = this.storedToken(id);
    token.revokedAt = notBefore(token.createdAt);
  }

  markLeaked(id: string, leakedUrl: string): void {
    const { token } = this.storedToken(id);
    Object.assign(token, { leakedAt: notBefore(token.createdAt), leakedUrl });
  }

  expire(id: string): void {
    this.storedToken(id).token.expiresAt = Date.now() - 1000;
  }

  fail(rule: FaultRule): void {
    const { path, times = 1 } = rule;
    const pattern = typeof path === 'string' ? compilePath(path) : undefined;
    const matches = (candidate: string): boolean => (pattern ? pattern(candidate) !== undefined : (path as RegExp).test(candidate));
    this.armedFaults.push({ rule, matches, remaining: times === 'always' ? Infinity : times });
  }

  clearFaults(): void {
    this.armedFaults = [];
  }

  setCors(allowed: boolean): void {
    this.cors = allowed;
  }

  // --- HTTP plumbing ---------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(`http://127.0.0.1${req.url ?? '/'}`);
    const method = req.method ?? 'GET';
    let body: ParsedBody;
    try {
      body = await readBody(req);
    } catch {
      req.socket.destroy();
      return;
    }
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: body.kind === 'empty' ? undefined : body.value,
      headers: redactHeaders(req),
      status: null,
      at: Date.now(),
      durationMs: null,
    };
    this.requests.push(entry);
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : null;
      entry.durationMs = Math.round(performance.now() - started);
      this.onRequest?.(entry);
    });

    if (this.cors) {
      res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
      res.setHeader('vary', 'Origin');
      // Read by the client for rate limits and redirects; not among the headers a page may read by default.
      res.setHeader('access-control-expose-headers', 'Retry-After, Location');
    }
    if (method === 'OPTIONS') {
      if (!this.cors) return send(res, { status: 405, body: errorBody(405, 'method_not_allowed', 'Method not allowed') });
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE',
        'access-control-allow-headers': 'Authorization, Content-Type',
        'access-control-max-age': '0',
      });
      res.end();
      return;
    }

    const fault = this.takeFault(method, url.pathname);
    switch (fault?.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        if (fault.partialBody) {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.write('{"tokens":[{"id":"tok_');
        }
        return;
      case 'respond':
        send(res, { status: fault.status, body: fault.body ?? '', headers: fault.headers });
        return;
      case 'redirect':
        res.writeHead(fault.status, { location: fault.location, 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Moved to ${fault.location}`);
        return;
      case 'delay':
        await this.sleep(fault.ms);
        if (this.closed) return;
        break;
    }

    const reply = this.answerSafely(method, url, req.headers.authorization, body);
    if (fault?.kind === 'stale') {
      await this.sleep(fault.ms);
      if (this.closed) return;
    }
    const listed = reply.body as { tokens?: { id: string }[] } | null;
    if (fault?.kind === 'omit' && typeof listed === 'object' && listed !== null && Array.isArray(listed.tokens)) {
      const left = new Set(fault.tokenIds);
      reply.body = { ...listed, tokens: listed.tokens.filter((token) => !left.has(token.id)) };
    }
    if (fault?.kind === 'resetAfterCommit') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'largeBody') {
      await streamPadded(res, reply, fault);
      return;
    }
    send(res, fault?.kind === 'malformed' ? malform(reply, fault) : reply);
  }

  /** A bug in the stand-in must fail one request, not crash the test process hosting it. */
  private answerSafely(method: string, url: URL, authorization: string | undefined, body: ParsedBody): Reply {
    try {
      return this.answer(method, url, authorization, body);
    } catch (error) {
      return { status: 500, body: errorBody(500, 'internal_server_error', `Stand-in bug: ${String(error)}`) };
    }
  }

  private answer(method: string, url: URL, authorization: string | undefined, body: ParsedBody): Reply {
    for (const route of this.routes) {
      const params = route.method === method ? route.matches(url.pathname) : undefined;
      if (!params) continue;
      const caller = this.authenticate(authorization);
      if (!caller) return notAuthorized();
      try {
        return route.handle({ caller, params, query: url.searchParams, body });
      } catch (error) {
        if (error instanceof HttpError) return error.reply;
        throw error;
      }
    }
    return { status: 404, body: errorBody(404, 'not_found', 'The requested path was not found') };
  }

  private takeFault(method: string, path: string): FaultAction | undefined {
    const armed = this.armedFaults.find(
      (fault) => fault.remaining > 0 && (fault.rule.method ?? method).toUpperCase() === method && fault.matches(path),
    );
    if (armed) armed.remaining--;
    return armed?.rule;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private route(method: string, pattern: string, handle: Route['handle']): Route {
    return { method, matches: compilePath(pattern), handle };
  }

  private authenticate(authorization: string | undefined): StoredToken | undefined {
    const value = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    const id = value === undefined ? undefined : this.idByValue.get(value);
    const stored = id === undefined ? undefined : this.store.get(id);
    const now = Date.now();
    if (!stored || !isUsable(stored.token, now)) return undefined;
    stored.token.activeAt = now;
    return stored;
  }

  // --- Endpoints ---------------------------------------------------------------------------------

  private getUser({ caller }: Call): Reply {
    return { status: 200, body: { user: this.userById(caller.userId) } };
  }

  private listTeams({ caller, query }: Call): Reply {
    const teams = [...this.teams.values()]
      .filter((stored) => stored.memberIds.includes(caller.userId))
      .map(({ team, limitedBy, samlEnforced }) => ({
        ...team,
        avatar: null,
        membership: { role: 'OWNER', confirmed: true, createdAt: team.createdAt },
        ...(limitedBy?.length ? { limited: true, limitedBy } : {}),
        ...(samlEnforced ? { saml: { enforced: true, connection: { type: 'okta', status: 'linked' } } } : {}),
      }))
      .sort(byNewest);
    const { items, pagination } = paginate(teams, query);
    return { status: 200, body: { teams: items, pagination } };
  }

  /**
   * A team's projects, newest first; `until` (or its alias `from`) pages, `search` filters by name.
   * Real project answers carry environment variables: so do these, to prove nothing logs them.
   */
  private listProjects({ caller, query }: Call): Reply {
    const team = this.requestedTeam(query, caller.userId);
    if (!team) refuse(400, 'bad_request', 'Invalid request: `teamId` is required to list the projects of a team.');
    if (query.has('from') && !query.has('until')) query.set('until', query.get('from') ?? '');
    const search = query.get('search')?.toLowerCase();
    const projects = [...this.projects.values()]
      .filter((project) => project.accountId === team.team.id && (!search || project.name.toLowerCase().includes(search)))
      .sort(byNewest)
      .map((project) => ({ ...project, framework: null, env: [{ key: 'DATABASE_URL', value: 'postgres://stand-in:secret@db/app' }] }));
    const { items, pagination } = paginate(projects, query);
    return { status: 200, body: { projects: items, pagination } };
  }

  private listTokens({ caller, query }: Call): Reply {
    const mine = this.newestFirst()
      .filter((stored) => stored.userId === caller.userId)
      .map((stored) => stored.token);
    const { items, pagination } = paginate(mine, query);
    return { status: 200, body: { tokens: items, pagination } };
  }

  private createToken({ caller, query, body }: Call): Reply {
    const user = this.userById(caller.userId);
    if (caller.token.type === 'oauth2-token') refuse(403, 'forbidden', CLASSIC_TOKEN_REQUIRED);
    const team = this.requestedTeam(query, caller.userId);
    if (!hasUserScope(caller.token) && (!team || !callerScopedTo(caller.token, team.team.id))) {
      refuse(403, 'forbidden', `To create a token you must be authenticated to scope "${team?.team.slug ?? user.username}"`);
    }
    const { name, expiresAt, projectId } = validateCreateBody(body);
    if (projectId !== undefined) {
      // As Vercel's Terraform provider insists: a project-scoped token needs its team.
      if (!team) refuse(400, 'bad_request', 'Invalid request: `projectId` requires `teamId`.');
      if (this.projects.get(projectId)?.accountId !== team.team.id) refuse(404, 'not_found', 'Project not found');
    }
    const createdAt = this.nextCreatedAt();
    const value = newTokenValue('vcp_');
    const teamId = team?.team.id;
    const scopes = [manualScope(createdAt, expiresAt, teamId)];
    const token = this.addToken({ value, userId: caller.userId, name, createdAt, scopes, expiresAt, teamId, projectId });
    return { status: 200, body: { token, bearerToken: value } };
  }

  private deleteToken(call: Call): Reply {
    const { token, value } = this.ownToken(call);
    this.store.delete(token.id);
    this.sortedTokens = undefined;
    if (value !== undefined) this.idByValue.delete(value);
    return { status: 200, body: { tokenId: token.id } };
  }

  // --- State helpers -----------------------------------------------------------------------------

  private newestFirst(): StoredToken[] {
    this.sortedTokens ??= [...this.store.values()].sort((a, b) => byNewest(a.token, b.token));
    return this.sortedTokens;
  }

  /** Strictly increasing, so tokens made in the same millisecond still page without gaps. */
  private nextCreatedAt(): number {
    this.lastCreatedAt = Math.max(Date.now(), this.lastCreatedAt + 1);
    return this.lastCreatedAt;
  }

  private ownToken({ caller, params }: Call): StoredToken {
    if (params.id === 'current') return caller;
    const stored = this.store.get(params.id);
    if (!stored || stored.userId !== caller.userId) refuse(404, 'not_found', 'Token not found');
    return stored;
  }

  /** Unknown or foreign teams answer 403 like Vercel does for teams you cannot access (no invalidToken). */
  private requestedTeam(query: URLSearchParams, userId: string): StoredTeam | undefined {
    const teamId = query.get('teamId');
    const slug = query.get('slug');
    if (!teamId && !slug) return undefined;
    const team = [...this.teams.values()].find((stored) => (teamId ? stored.team.id === teamId : stored.team.slug === slug));
    if (!team || !team.memberIds.includes(userId)) refuse(403, 'forbidden', 'Not authorized');
    return team;
  }

  private storedToken(id: string): StoredToken {
    const stored = this.store.get(id);
    if (!stored) throw new Error(`No token ${id}`);
    return stored;
  }

  private userById(id: string): FakeUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`No user ${id}`);
    return user;
  }

  private teamById(id: string): StoredTeam {
    const team = this.teams.get(id);
    if (!team) throw new Error(`No team ${id}`);
    return team;
  }
}

// --- Demo and benchmark data -------------------------------------------------------------------

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A realistic account with a token in every state the extension shows. */
export function seedDemoData(server: FakeVercel): void {
  Object.assign(server.user, { username: 'demo', email: 'demo@example.com', name: 'Demo User' });
  const acme = server.addTeam({ id: 'team_acme0000000000000000000', slug: 'acme', name: 'Acme' });
  const now = Date.now();
  const token = (name: string, ageDays: number, fields: AddTokenInput = {}): AuthToken =>
    server.addToken({ name, createdAt: now - ageDays * DAY, activeAt: now - Math.min(ageDays, 1) * HOUR, ...fields });

  token('Production deploys', 120);
  token('Preview bot', 6, { expiresAt: now + 3 * HOUR });
  token('Staging CI', 28, { expiresAt: now + 2 * DAY });
  token('GitHub Actions', 30, { expiresAt: now + 60 * DAY });
  token('Old laptop', 200, { expiresAt: now - 10 * DAY, activeAt: now - 15 * DAY });
  token('Contractor access', 90, { revokedAt: now - 5 * DAY, activeAt: now - 6 * DAY });
  token('Dotfiles sync', 45, {
    leakedAt: now - 2 * DAY,
    leakedUrl: 'https://github.com/demo/dotfiles/blob/main/.env',
    activeAt: now - 2 * DAY,
  });
  server.issueToken({ kind: 'oauth', name: 'Vercel CLI on demo-macbook' });
  server.issueToken({ kind: 'team-scoped', teamId: acme.id, name: 'Acme deploys' });
  token('Marketplace integration', 10, {
    origin: 'future-thing',
    scopes: [{ type: 'user', origin: 'future-thing', createdAt: now - 10 * DAY }],
  });
  const unusedCreatedAt = now - 3 * DAY;
  token('Unused sandbox', 3, { activeAt: unusedCreatedAt, createdAt: unusedCreatedAt });
}

/** n tokens with distinct creation times, a mix of states, for the benchmarks. */
export function seedManyTokens(server: FakeVercel, n: number): void {
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const createdAt = now - (i + 1) * 60_000;
    server.addToken({
      name: `bench-${String(i + 1).padStart(5, '0')}`,
      createdAt,
      activeAt: createdAt,
      expiresAt: i % 3 === 0 ? now + (i + 1) * HOUR : undefined,
      revokedAt: i % 17 === 0 ? now - 1000 : undefined,
    });
  }
}

// --- Pure helpers -------------------------------------------------------------------------------

function compilePath(pattern: string): (path: string) => Record<string, string> | undefined {
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return `(?<${segment.slice(1)}>[^/]+)`;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const match = regex.exec(path);
    if (!match) return undefined;
    return Object.fromEntries(Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]));
  };
}

/**
 * Vercel's convention over items sorted newest first by createdAt: `next` = createdAt of the last
 * item when more remain; `until=<next>` answers the strictly older ones.
 */
function paginate<T extends { createdAt: number }>(newestFirst: T[], query: URLSearchParams) {
  const limit = parseIntegerParam(query, 'limit') ?? PAGE_DEFAULT;
  if (limit < 1) refuse(400, 'bad_request', 'Invalid request: `limit` should be >= 1.');
  if (limit > PAGE_MAX) refuse(400, 'bad_request', `Invalid request: \`limit\` should be <= ${PAGE_MAX}.`);
  const until = parseIntegerParam(query, 'until');
  const since = parseIntegerParam(query, 'since');
  const matching = newestFirst.filter(
    (item) => (until === undefined || item.createdAt < until) && (since === undefined || item.createdAt > since),
  );
  const items = matching.slice(0, limit);
  const next = matching.length > limit ? items[items.length - 1].createdAt : null;
  return { items, pagination: { count: items.length, next, prev: items[0]?.createdAt ?? null } };
}

function parseIntegerParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) refuse(400, 'bad_request', `Invalid request: \`${name}\` should be number.`);
  return Number(raw);
}

function validateCreateBody(body: ParsedBody): { name: string; expiresAt?: number; projectId?: string } {
  if (body.kind !== 'json' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    refuse(400, 'bad_request', 'Invalid request: the body must be a JSON object.');
  }
  const fields = body.value as Record<string, unknown>;
  const extra = Object.keys(fields).find((key) => !['name', 'expiresAt', 'projectId'].includes(key));
  if (extra) refuse(400, 'bad_request', `Invalid request: should NOT have additional property \`${extra}\`.`);
  const { name, expiresAt, projectId } = fields;
  if (name === undefined) refuse(400, 'bad_request', 'Invalid request: missing required property `name`.');
  if (typeof name !== 'string' || name.trim() === '') refuse(400, 'bad_request', 'Invalid request: `name` should be a non-empty string.');
  if (expiresAt !== undefined && (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))) {
    refuse(400, 'bad_request', 'Invalid request: `expiresAt` should be number.');
  }
  if (typeof expiresAt === 'number' && expiresAt <= Date.now()) refuse(400, 'bad_request', 'Invalid request: `expiresAt` must be in the future.');
  if (projectId !== undefined && typeof projectId !== 'string') refuse(400, 'bad_request', 'Invalid request: `projectId` should be string.');
  return { name, expiresAt: expiresAt, projectId: projectId };
}

function isUsable(token: AuthToken, now: number): boolean {
  // Vercel revokes leaked tokens, so they no longer authenticate either.
  return token.revokedAt === undefined && token.leakedAt === undefined && (token.expiresAt === undefined || token.expiresAt > now);
}

function hasUserScope(token: AuthToken): boolean {
  return !token.teamId && !token.projectId && (token.scopes ?? [{ type: 'user' }]).some((scope) => scope.type === 'user');
}

/** The scope of a token made by hand: the user's, or one team's when `teamId` is given. */
function manualScope(createdAt: number, expiresAt: number | undefined, teamId?: string): TokenScope {
  const scope: TokenScope = teamId ? { type: 'team', teamId, origin: 'manual', createdAt } : { type: 'user', origin: 'manual', createdAt };
  if (expiresAt !== undefined) scope.expiresAt = expiresAt;
  return scope;
}

function callerScopedTo(token: AuthToken, teamId: string): boolean {
  return token.teamId === teamId || (token.scopes ?? []).some((scope) => scope.type === 'team' && scope.teamId === teamId);
}

/** Now, but never before `createdAt`, which runs ahead of the clock when many tokens are made per ms. */
function notBefore(createdAt: number): number {
  return Math.max(Date.now(), createdAt);
}

function byNewest(a: { createdAt: number }, b: { createdAt: number }): number {
  return b.createdAt - a.createdAt;
}

function readBody(req: IncomingMessage): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    readBodyText(req).then((text) => {
      if (text === '') return resolve({ kind: 'empty' });
      try {
        resolve({ kind: 'json', value: JSON.parse(text) });
      } catch {
        resolve({ kind: 'text', value: text });
      }
    }, reject);
  });
}

function send(res: ServerResponse, { status, body, headers = {} }: Reply): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'private, no-cache', ...headers });
  res.end(text);
}

const PADDING_CHUNK = 'x'.repeat(64 * 1024);

/** The reply's JSON with a `padding` field in front, `bytes` long in all, written as the client reads it. */
async function streamPadded(res: ServerResponse, reply: Reply, fault: Extract<FaultAction, { kind: 'largeBody' }>): Promise<void> {
  const json = JSON.stringify(reply.body);
  const head = '{"padding":"';
  const tail = `",${json.slice(1)}`;
  let padding = Math.max(0, fault.bytes - head.length - tail.length);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8' };
  if (fault.declareLength) headers['content-length'] = head.length + padding + tail.length;
  res.writeHead(reply.status, headers);
  res.write(head);
  while (padding > 0 && !res.destroyed) {
    const chunk = PADDING_CHUNK.slice(0, Math.min(padding, PADDING_CHUNK.length));
    padding -= chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end(tail);
}

function malform(reply: Reply, fault: Extract<FaultAction, { kind: 'malformed' }>): Reply {
  if (fault.variant === 'not-json') {
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '<html><body>OK</body></html>' };
  }
  const body = typeof reply.body === 'object' && reply.body !== null ? { ...(reply.body as Record<string, unknown>) } : {};
  for (const field of fault.fields ?? Object.keys(body)) delete body[field];
  return { status: 200, body };
}

function newTokenValue(prefix: string): string {
  return prefix + randomAlphanumeric(24);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
