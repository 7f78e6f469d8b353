// A stand-in for the parts of GitHub's REST API that save Actions secrets: repositories and their
// environments, each with a real X25519 key pair; every saved value is opened with libsodium's
// crypto_box_seal_open, so a test sees exactly what GitHub would store. A real HTTP server on
// loopback. Used by unit tests and, started inside VS Code's extension host, by integration tests:
// node built-ins and libsodium-wrappers (loaded from node_modules) only.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sodium = require('libsodium-wrappers');
import { randomAlphanumeric, readBodyText, redactHeaders } from '../shared/standInHttp';

export interface FakeGitHubTarget {
  owner: string;
  repo: string;
  environment?: string;
}

export interface AddRepoOptions {
  environments?: string[];
  /** The repository is a fork: with the forkDisabled fault, its secrets are refused. */
  fork?: boolean;
  /**
   * admin (default): everything. read: the repository and its environments can be read, but its
   * secrets answer 403 as GitHub does without admin rights. none: 404 for everything, as GitHub
   * answers for a repository the sign-in cannot see.
   */
  access?: 'admin' | 'read' | 'none';
}

/** A value GitHub would now hold: decrypted from the PUT that saved it. */
export interface ReceivedSecret {
  owner: string;
  repo: string;
  environment?: string;
  name: string;
  value: string;
  keyId: string;
  /** Epoch ms */
  at: number;
}

export interface StoredSecret {
  /** Upper case, as GitHub keeps it. */
  name: string;
  /** Epoch ms, whole seconds (GitHub's times have no milliseconds). */
  createdAt: number;
  updatedAt: number;
  /** Undefined for a secret made with setSecret and never saved since. */
  value?: string;
}

export interface RecordedRequest {
  method: string;
  /** As sent, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  /** `authorization`, when present, only as `Bearer gho_…1a2B`. */
  headers: Record<string, string>;
  /** The raw body text (a PUT's sealed value, never a plaintext one), or undefined when empty. */
  body: string | undefined;
  /** null until answered, and when nothing was answered. */
  status: number | null;
  at: number;
}

export interface PublicKey {
  keyId: string;
  /** Base64 of the 32-byte X25519 public key, as GitHub's `key`. */
  key: string;
}

/** Which requests a fault applies to: by default every request, for ever. */
export interface FaultScope {
  method?: 'GET' | 'PUT';
  /** How many requests it answers before it switches itself off. */
  times?: number;
}

export interface FakeGitHubFaults {
  /** 403 (or `status`) with `x-ratelimit-remaining: 0` and `x-ratelimit-reset`; `retry-after` with retryAfterSeconds. */
  rateLimit?: boolean | (FaultScope & { status?: 403 | 429; resetAt?: number; retryAfterSeconds?: number });
  /** 403: the owning organization restricts third-party access (GitHub's own words for it). */
  orgForbids?: boolean | FaultScope;
  /** The secret endpoints of repositories added with `fork: true` answer 403 (or `status`) about forks. */
  forkDisabled?: boolean | (FaultScope & { status?: 403 | 422 });
  /** 500 (or `status`) with GitHub's JSON error shape. */
  serverError?: boolean | (FaultScope & { status?: number });
  /** 301 (or `status`) to `location`; by default the same path under /repositories/ID on this server, as for a renamed repository. */
  redirect?: boolean | (FaultScope & { status?: 301 | 302 | 307 | 308; location?: string });
}

export interface FakeGitHubOptions {
  /** Default 0: a free port. */
  port?: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface KeyPair {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

interface Environment {
  name: string;
  keys: KeyPair;
  secrets: Map<string, StoredSecret>;
  createdAt: number;
}

interface Repository {
  owner: string;
  repo: string;
  id: number;
  fork: boolean;
  access: 'admin' | 'read' | 'none';
  keys: KeyPair;
  secrets: Map<string, StoredSecret>;
  /** By lower-case name, in the order added. */
  environments: Map<string, Environment>;
}

type FaultName = keyof FakeGitHubFaults;

const DOCS = 'https://docs.github.com/rest';
const PAGE_DEFAULT = 30;
const PAGE_MAX = 100;

class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

function refuse(status: number, message: string): never {
  throw new HttpError({ status, body: { message, documentation_url: DOCS, status: String(status) } });
}

export class FakeGitHub {
  /** The bearer token GitHub accepts; any other (or none) answers 401. */
  acceptedToken = `gho_${randomAlphanumeric(36)}`;
  /** Set a fault to switch it on, delete it (or clearFaults) to switch it off. */
  faults: FakeGitHubFaults = {};
  readonly requests: RecordedRequest[] = [];
  readonly received: ReceivedSecret[] = [];

  private readonly http: Server;
  private readonly sockets = new Set<Socket>();
  private readonly repositories = new Map<string, Repository>();
  private readonly faultUses = new Map<FaultName, number>();
  private address = '';
  private nextRepoId = 1296269;
  private ready = false;
  private closed = false;

  constructor(private readonly options: FakeGitHubOptions = {}) {
    this.http = createServer((req, res) => void this.serve(req, res));
    this.http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** `http://127.0.0.1:PORT`, once started. */
  get url(): string {
    if (!this.address) throw new Error('The stand-in GitHub is not started: await start() first.');
    return this.address;
  }

  async start(): Promise<this> {
    await sodium.ready;
    this.ready = true;
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.http.off('error', reject);
        const { port } = this.http.address() as AddressInfo;
        this.address = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
    return this;
  }

  /** Destroys open connections. */
  close(): Promise<void> {
    if (this.closed || !this.address) return Promise.resolve();
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }

  /** No repositories, secrets, faults or logs; the accepted token stays. */
  reset(): void {
    this.repositories.clear();
    this.faults = {};
    this.faultUses.clear();
    this.requests.length = 0;
    this.received.length = 0;
  }

  clearFaults(): void {
    this.faults = {};
    this.faultUses.clear();
  }

  addRepo(owner: string, repo: string, { environments = [], fork = false, access = 'admin' }: AddRepoOptions = {}): void {
    if (!this.ready) throw new Error('await start() before addRepo: the key pairs need libsodium ready.');
    const key = repoKey(owner, repo);
    if (this.repositories.has(key)) throw new Error(`The repository ${owner}/${repo} already exists.`);
    const repository: Repository = {
      owner,
      repo,
      id: this.nextRepoId++,
      fork,
      access,
      keys: newKeyPair(),
      secrets: new Map(),
      environments: new Map(),
    };
    for (const name of environments) {
      if (repository.environments.has(name.toLowerCase())) throw new Error(`The environment ${name} is listed twice.`);
      repository.environments.set(name.toLowerCase(), { name, keys: newKeyPair(), secrets: new Map(), createdAt: wholeSeconds(Date.now()) });
    }
    this.repositories.set(key, repository);
  }

  /** The public key GitHub hands out for the repository's, or the environment's, secrets. */
  keyOf(target: FakeGitHubTarget): PublicKey {
    const { keys } = this.scopeOf(target);
    return { keyId: keys.keyId, key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL) };
  }

  /** A new key pair for the target: a key fetched before is now stale, as after GitHub rotates it. */
  rotateKey(target: FakeGitHubTarget): void {
    this.scopeOf(target).keys = newKeyPair();
  }

  /** A secret as stored, or undefined. */
  secret(target: FakeGitHubTarget, name: string): StoredSecret | undefined {
    const stored = this.scopeOf(target).secrets.get(name.toUpperCase());
    return stored && { ...stored };
  }

  /** Makes the secret exist (without a value, unless it had one) with these times, whole seconds. */
  setSecret(target: FakeGitHubTarget, name: string, updatedAt: number, createdAt = updatedAt): void {
    const secrets = this.scopeOf(target).secrets;
    const upper = name.toUpperCase();
    const existing = secrets.get(upper);
    secrets.set(upper, { name: upper, createdAt: wholeSeconds(createdAt), updatedAt: wholeSeconds(updatedAt), value: existing?.value });
  }

  // --- HTTP -------------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    let body: string;
    try {
      body = await readBodyText(req);
    } catch {
      req.socket.destroy();
      return;
    }
    const entry: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: redactHeaders(req),
      body: body === '' ? undefined : body,
      status: null,
      at: Date.now(),
    };
    this.requests.push(entry);
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : null;
    });
    let reply: Reply;
    try {
      reply = this.answer(method, url, req.headers.authorization, body);
    } catch (error) {
      reply = error instanceof HttpError ? error.reply : { status: 500, body: { message: `The stand-in failed: ${String(error)}` } };
    }
    send(res, reply);
  }

  private answer(method: string, url: URL, authorization: string | undefined, body: string): Reply {
    const redirect = this.takeFault('redirect', method);
    if (redirect) {
      const location = redirect.location ?? this.renamedLocation(url.pathname);
      return { status: redirect.status ?? 301, headers: { location }, body: { message: 'Moved Permanently', url: location, documentation_url: DOCS } };
    }
    if (authorization !== `Bearer ${this.acceptedToken}`) refuse(401, 'Bad credentials');
    const rateLimit = this.takeFault('rateLimit', method);
    if (rateLimit) return rateLimitReply(rateLimit);
    const serverError = this.takeFault('serverError', method);
    if (serverError) {
      const status = serverError.status ?? 500;
      return { status, body: { message: status === 503 ? 'Service Unavailable' : 'Server Error' } };
    }

    const segments = url.pathname.split('/').slice(1).map(decodeSegment);
    if (segments[0] !== 'repos' || segments.length < 3) refuse(404, 'Not Found');
    const repository = this.repositories.get(repoKey(segments[1], segments[2]));
    if (!repository || repository.access === 'none') refuse(404, 'Not Found');
    if (this.takeFault('orgForbids', method)) {
      refuse(
        403,
        `Although you appear to have the correct authorization credentials, the \`${repository.owner}\` organization has enabled OAuth App access restrictions, meaning that data access to third-parties is limited. For more information on these restrictions, including how to enable this app, visit https://docs.github.com/articles/restricting-access-to-your-organization-s-data/`,
      );
    }
    const rest = segments.slice(3);
    const route = `${method} ${rest.map((segment, index) => routePart(rest, index, segment)).join('/')}`;
    switch (route) {
      case 'GET ':
        return { status: 200, body: repositoryBody(repository) };
      case 'GET environments':
        return { status: 200, body: environmentPage(repository, url.searchParams) };
      case 'GET actions/secrets/public-key':
        return this.publicKeyReply(repository, undefined, method);
      case 'GET actions/secrets/:name':
        return this.secretReply(repository, undefined, rest[2], method);
      case 'PUT actions/secrets/:name':
        return this.putSecret(repository, undefined, rest[2], body, method);
      case 'GET environments/:env/secrets/public-key':
        return this.publicKeyReply(repository, rest[1], method);
      case 'GET environments/:env/secrets/:name':
        return this.secretReply(repository, rest[1], rest[3], method);
      case 'PUT environments/:env/secrets/:name':
        return this.putSecret(repository, rest[1], rest[3], body, method);
      default:
        refuse(404, 'Not Found');
    }
  }

  /** Where GitHub sends the API paths of a renamed repository: the same path under /repositories/ID. */
  private renamedLocation(path: string): string {
    const [, owner = '', repo = '', ...rest] = path.slice(1).split('/');
    const id = this.repositories.get(repoKey(safeDecode(owner), safeDecode(repo)))?.id ?? 1;
    return `${this.address}/repositories/${id}${rest.length ? `/${rest.join('/')}` : ''}`;
  }

  /** The repository's or environment's keys and secrets, after the checks GitHub makes on secrets. */
  private secretScope(repository: Repository, environmentName: string | undefined, method: string): Repository | Environment {
    if (repository.access !== 'admin') refuse(403, 'Must have admin rights to Repository.');
    const forkDisabled = repository.fork ? this.takeFault('forkDisabled', method) : undefined;
    if (forkDisabled) {
      refuse(forkDisabled.status ?? 403, 'Secrets are not available to this repository because it is a fork, and its owner has disabled secrets for forks.');
    }
    if (environmentName === undefined) return repository;
    const environment = repository.environments.get(environmentName.toLowerCase());
    if (!environment) refuse(404, 'Not Found');
    return environment;
  }

  private publicKeyReply(repository: Repository, environmentName: string | undefined, method: string): Reply {
    const { keys } = this.secretScope(repository, environmentName, method);
    return { status: 200, body: { key_id: keys.keyId, key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL) } };
  }

  private secretReply(repository: Repository, environmentName: string | undefined, name: string, method: string): Reply {
    const stored = this.secretScope(repository, environmentName, method).secrets.get(name.toUpperCase());
    if (!stored) refuse(404, 'Not Found');
    return { status: 200, body: { name: stored.name, created_at: githubTime(stored.createdAt), updated_at: githubTime(stored.updatedAt) } };
  }

  private putSecret(repository: Repository, environmentName: string | undefined, name: string, body: string, method: string): Reply {
    const scope = this.secretScope(repository, environmentName, method);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
      refuse(422, 'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).');
    }
    const fields = parseObject(body);
    const encrypted = fields?.encrypted_value;
    const keyId = fields?.key_id;
    if (typeof encrypted !== 'string' || typeof keyId !== 'string') refuse(422, 'Invalid request. "encrypted_value" and "key_id" are required.');
    if (keyId !== scope.keys.keyId) refuse(422, 'Bad request: key_id does not match the current public key.');
    const value = openSealed(encrypted, scope.keys);
    if (value === undefined) refuse(422, 'Bad request: encrypted_value could not be decrypted with the public key.');
    const upper = name.toUpperCase();
    const now = Date.now();
    const existing = scope.secrets.get(upper);
    scope.secrets.set(upper, { name: upper, createdAt: existing?.createdAt ?? wholeSeconds(now), updatedAt: wholeSeconds(now), value });
    const received: ReceivedSecret = { owner: repository.owner, repo: repository.repo, name: upper, value, keyId, at: now };
    if (environmentName !== undefined) received.environment = (scope as Environment).name;
    this.received.push(received);
    return existing ? { status: 204 } : { status: 201, body: {} };
  }

  /** The fault's settings when it applies to this request (and counts it), else undefined. */
  private takeFault<N extends FaultName>(name: N, method: string): Exclude<FakeGitHubFaults[N], boolean | undefined> | undefined {
    const setting = this.faults[name];
    if (setting === undefined || setting === false) return undefined;
    const options = (setting === true ? {} : setting) as Exclude<FakeGitHubFaults[N], boolean | undefined>;
    const scope: FaultScope = options;
    if (scope.method !== undefined && scope.method !== method) return undefined;
    const used = (this.faultUses.get(name) ?? 0) + 1;
    this.faultUses.set(name, used);
    if (scope.times !== undefined && used >= scope.times) {
      delete this.faults[name];
      this.faultUses.delete(name);
    }
    return options;
  }

  private scopeOf(target: FakeGitHubTarget): Repository | Environment {
    const repository = this.repositories.get(repoKey(target.owner, target.repo));
    if (!repository) throw new Error(`No repository ${target.owner}/${target.repo}: call addRepo first.`);
    if (target.environment === undefined) return repository;
    const environment = repository.environments.get(target.environment.toLowerCase());
    if (!environment) throw new Error(`No environment ${target.environment} in ${target.owner}/${target.repo}.`);
    return environment;
  }
}

/** Started on a free loopback port (or `options.port`). */
export function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return new FakeGitHub(options).start();
}

function rateLimitReply(fault: { status?: 403 | 429; resetAt?: number; retryAfterSeconds?: number }): Reply {
  const resetAt = fault.resetAt ?? Date.now() + 60 * 60 * 1000;
  const headers: Record<string, string> = {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': '5000',
    'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    'x-ratelimit-resource': 'core',
  };
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  return {
    status: fault.status ?? 403,
    headers,
    body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` },
  };
}

function repositoryBody(repository: Repository): unknown {
  return {
    id: repository.id,
    name: repository.repo,
    full_name: `${repository.owner}/${repository.repo}`,
    owner: { login: repository.owner },
    fork: repository.fork,
    permissions: { admin: repository.access === 'admin', push: repository.access === 'admin', pull: true },
  };
}

function environmentPage(repository: Repository, query: URLSearchParams): unknown {
  const perPage = clampInteger(query.get('per_page'), PAGE_DEFAULT, 1, PAGE_MAX);
  const page = clampInteger(query.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
  const all = [...repository.environments.values()];
  const slice = all.slice((page - 1) * perPage, page * perPage);
  return {
    total_count: all.length,
    environments: slice.map((environment, index) => ({
      id: repository.id * 1000 + (page - 1) * perPage + index,
      name: environment.name,
      url: `https://api.github.com/repos/${repository.owner}/${repository.repo}/environments/${encodeURIComponent(environment.name)}`,
      created_at: githubTime(environment.createdAt),
      updated_at: githubTime(environment.createdAt),
    })),
  };
}

/** The route's shape: `:env` and `:name` stand for the segments that vary. */
function routePart(rest: string[], index: number, segment: string): string {
  if (rest[0] === 'environments' && index === 1) return ':env';
  const isSecretName = (rest[0] === 'actions' && index === 2) || (rest[0] === 'environments' && index === 3);
  return isSecretName && segment !== 'public-key' ? ':name' : segment;
}

function openSealed(encrypted: string, keys: KeyPair): string | undefined {
  try {
    const box = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL);
    return new TextDecoder('utf-8', { fatal: true }).decode(sodium.crypto_box_seal_open(box, keys.publicKey, keys.privateKey));
  } catch {
    return undefined;
  }
}

function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  // GitHub's key ids are long numbers, sent as strings.
  const keyId = [...randomBytes(18)].map((byte) => String(byte % 10)).join('').replace(/^0/, '1');
  return { keyId, publicKey, privateKey };
}

function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    refuse(404, 'Not Found');
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function clampInteger(text: string | null, fallback: number, min: number, max: number): number {
  const value = Number(text);
  if (text === null || !Number.isInteger(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** `2026-03-01T12:00:00Z`: GitHub's form, without milliseconds. */
function githubTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function send(res: ServerResponse, { status, body, headers = {} }: Reply): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

