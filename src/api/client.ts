// The Vercel REST client: requests, timeouts, rate-limit retries, pagination and typed errors.
// No `vscode` import: fetch, the base URL and the account token are injected.
import * as l10n from '@vscode/l10n';
import {
  VercelApiError,
  VercelCancelledError,
  VercelError,
  VercelMalformedResponseError,
  VercelNetworkError,
  VercelRedirectError,
  VercelResponseTooLargeError,
  VercelTimeoutError,
} from './errors';
import {
  parseCreatedToken,
  parseDeletedTokenId,
  parseErrorBody,
  parseSingleToken,
  parseProjectPage,
  parseTeamPage,
  parseTokenPage,
  parseUser,
} from './parse';
import type { AuthToken, CreateTokenRequest, CreatedToken, Pagination, TeamRef, VercelProject, VercelTeam, VercelUser } from './types';
import { errorCode, parseJson, readCapped, redirectTarget } from './http';

/** The subset of the fetch API the client needs; node-fetch v3 and Node's global fetch both fit. */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    /** Never follow: node-fetch would resend the Authorization header to another port of the same host. */
    redirect: 'manual';
  },
) => Promise<ResponseLike>;

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  /** Read as it arrives when present, so an oversized answer is refused without being held. */
  body?: ResponseBody | null;
  /** Used only when there is no `body` (simple fakes). */
  text(): Promise<string>;
}

/** node-fetch v3 gives a Node stream (an async iterable); Node's global fetch a web ReadableStream. */
export type ResponseBody = AsyncIterable<Uint8Array | string> | WebReadableStream;

export interface WebReadableStream {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
  };
}

/** One line per request for the log: never headers, never bodies. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  error?: string;
  attempt: number;
}

export interface VercelClientOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries of reads after 429 / 502 / 503 / network errors. Creates and deletes are never retried. */
  maxReadRetries?: number;
  /** Longest wait the client accepts before a retry; a longer Retry-After fails at once with that delay. */
  maxRetryDelayMs?: number;
  /** Largest answer accepted; a bigger one is refused unread. Default 10 MB. */
  maxResponseBytes?: number;
  onRequest?: (entry: RequestLogEntry) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** The words for a failure without an error code (a browser's fetch), given the API's host. */
  networkFailure?: (host: string) => string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 1000;
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export class VercelClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxReadRetries: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxResponseBytes: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: VercelClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxReadRetries = options.maxReadRetries ?? 3;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  async getUser(options: RequestOptions = {}): Promise<VercelUser> {
    return parseUser(await this.read('/v2/user', options));
  }

  /** The metadata of the token this client signs in with (id `current`). */
  async getCurrentToken(options: RequestOptions = {}): Promise<AuthToken> {
    return parseSingleToken(await this.read('/v5/user/tokens/current', options));
  }

  /** One token's metadata; a VercelApiError with status 404 when the account has no such token. */
  async getToken(id: string, options: RequestOptions = {}): Promise<AuthToken> {
    return parseSingleToken(await this.read(`/v5/user/tokens/${encodeURIComponent(id)}`, options));
  }

  /** Every token of the account, all pages, newest first. */
  async listTokens(options: RequestOptions & { pageSize?: number } = {}): Promise<AuthToken[]> {
    const tokens = await this.readAllPages('/v6/user/tokens', 'tokens', options.pageSize ?? PAGE_SIZE, parseTokenPage, options);
    return tokens.sort((a, b) => b.createdAt - a.createdAt);
  }

  async listTeams(options: RequestOptions = {}): Promise<VercelTeam[]> {
    return this.readAllPages('/v2/teams', 'teams', PAGE_SIZE, parseTeamPage, options);
  }

  /** A team's projects, all pages; `search` filters by name on Vercel's side. */
  async listProjects(teamId: string, options: RequestOptions & { search?: string } = {}): Promise<VercelProject[]> {
    const query: Record<string, string> = { teamId };
    if (options.search) query.search = options.search;
    return this.readAllPages('/v10/projects', 'projects', PAGE_SIZE, parseProjectPage, options, query);
  }

  /** Follows the `until` cursor; each item once, even if pages overlap. */
  private async readAllPages<K extends string, T extends { id: string }>(
    path: string,
    key: K,
    pageSize: number,
    parsePage: (body: unknown) => Record<K, T[]> & { pagination: Pagination },
    options: RequestOptions,
    extraQuery: Record<string, string> = {},
  ): Promise<T[]> {
    const items: T[] = [];
    const seenIds = new Set<string>();
    let until: string | number | null = null;
    for (let pagesRead = 0; pagesRead < MAX_PAGES; pagesRead++) {
      const query = new URLSearchParams({ ...extraQuery, limit: String(pageSize) });
      if (until !== null) query.set('until', String(until));
      const page = parsePage(await this.read(`${path}?${query}`, options));
      const { pagination } = page;
      const fresh = page[key].filter((item) => !seenIds.has(item.id));
      for (const item of fresh) {
        seenIds.add(item.id);
        items.push(item);
      }
      // Stop on the last page, and defensively on a cursor that does not move or a page of repeats.
      if (pagination.next === null || pagination.next === until || fresh.length === 0) break;
      until = pagination.next;
    }
    return items;
  }

  /** Never retried: the value is returned only once, and a blind retry could create two tokens. */
  async createToken(request: CreateTokenRequest, team?: TeamRef, options: RequestOptions = {}): Promise<CreatedToken> {
    const body: CreateTokenRequest = { name: request.name };
    if (request.expiresAt !== undefined) body.expiresAt = request.expiresAt;
    if (request.projectId !== undefined) body.projectId = request.projectId;
    const query = team ? `?${new URLSearchParams({ teamId: team.id })}` : '';
    const response = await this.send('POST', `/v3/user/tokens${query}`, JSON.stringify(body), options, 1);
    return parseCreatedToken(response);
  }

  async deleteToken(id: string, options: RequestOptions = {}): Promise<string> {
    const response = await this.send('DELETE', `/v3/user/tokens/${encodeURIComponent(id)}`, undefined, options, 1);
    return parseDeletedTokenId(response);
  }

  private async read(path: string, options: RequestOptions): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send('GET', path, undefined, options, attempt);
      } catch (error) {
        const delay = attempt <= this.maxReadRetries ? this.retryDelay(error, attempt) : undefined;
        if (delay === undefined) throw error;
        await this.sleep(delay, options.signal).catch(() => {
          throw new VercelCancelledError(false);
        });
      }
    }
  }

  /** How long to wait before retrying a read, or undefined when it must not be retried. */
  private retryDelay(error: unknown, attempt: number): number | undefined {
    if (error instanceof VercelApiError && error.status === 429) {
      const delay = error.retryAfterMs ?? 1000 * 2 ** (attempt - 1);
      return delay <= this.maxRetryDelayMs ? delay : undefined;
    }
    const transient =
      (error instanceof VercelApiError && (error.status === 502 || error.status === 503)) ||
      error instanceof VercelNetworkError;
    return transient ? 250 * 2 ** (attempt - 1) : undefined;
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    options: RequestOptions,
    attempt: number,
  ): Promise<unknown> {
    const started = this.now();
    const log = (status?: number, error?: string) =>
      this.options.onRequest?.({ method, path, status, durationMs: this.now() - started, error, attempt });

    // Cancelled before anything was sent: nothing can have happened.
    if (options.signal?.aborted) throw new VercelCancelledError(false);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const onCancel = () => timeout.abort();
    options.signal?.addEventListener('abort', onCancel, { once: true });
    let status: number | undefined;
    try {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${this.options.token}`,
        Accept: 'application/json',
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const url = `${this.baseUrl}${path}`;
      const response = await this.options.fetch(url, { method, headers, body, signal: timeout.signal, redirect: 'manual' });
      status = response.status;
      // A browser's fetch answers a redirect it was told not to follow with status 0 (an opaque
      // redirect) and hides where it pointed.
      if (status === 0 || (status >= 300 && status <= 399)) {
        timeout.abort(); // the body of a redirect is not wanted
        throw new VercelRedirectError(status, redirectTarget(response.headers.get('location'), url));
      }
      const text = await readCapped(response, this.maxResponseBytes, () => {
        timeout.abort(); // lets the connection go instead of draining it
        // A refusal (4xx) is known not to have been carried out; any other answer to a create or delete may have been.
        const refused = response.status >= 400 && response.status <= 499;
        return new VercelResponseTooLargeError(this.maxResponseBytes, method !== 'GET' && !refused);
      });
      const json = parseJson(text);
      if (status < 200 || status > 299) {
        const details = parseErrorBody(status, json);
        details.mutation = method !== 'GET';
        // Never let an echoed token reach a notification.
        if (details.message) details.message = details.message.split(this.options.token).join('[redacted]');
        details.retryAfterMs = retryAfter(response.headers.get('retry-after'), details.rateLimitResetAt, this.now());
        if (details.message === undefined && json === undefined) details.message = l10n.t('Vercel answered with HTTP {0} and no readable error.', status);
        throw new VercelApiError(details);
      }
      if (json === undefined) throw new VercelMalformedResponseError(l10n.t('HTTP {0} with a body that is not JSON', status));
      log(status);
      return json;
    } catch (error) {
      const typed = this.toTypedError(error, options.signal, timeout.signal.aborted, method !== 'GET');
      log(status, typed.message);
      throw typed;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
    }
  }

  /** `mutation`: not a read, so once sent it may have been acted on. */
  private toTypedError(error: unknown, userSignal: AbortSignal | undefined, aborted: boolean, mutation: boolean): VercelError {
    if (error instanceof VercelError) return error;
    // fetch had been called, so a create or delete may have reached the server.
    if (userSignal?.aborted) return new VercelCancelledError(mutation);
    // Our own abort, not the error's name: minification renames node-fetch's AbortError class.
    if (aborted) return new VercelTimeoutError(this.timeoutMs);
    const code = errorCode(error);
    if (code === undefined && this.options.networkFailure) {
      // The browser says nothing more: refused, reset or blocked (CORS) look alike, so a create or delete may have been sent.
      return new VercelNetworkError(this.options.networkFailure(new URL(this.baseUrl).host), mutation);
    }
    // A refused connection never reached the server; a reset may have happened after it acted.
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    const host = new URL(this.baseUrl).host;
    const description = refused
      ? l10n.t('Could not connect to {0} ({1}).', host, code)
      : code
        ? l10n.t('The connection to {0} failed ({1}).', host, code)
        : l10n.t('The connection to {0} failed.', host);
    return new VercelNetworkError(description, !refused && mutation);
  }
}

/** `Retry-After` (seconds or an HTTP date) first, then `error.limit.resetMs`. */
export function retryAfter(header: string | null, resetAt: number | undefined, now: number): number | undefined {
  if (header !== null && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (resetAt !== undefined) return Math.max(0, resetAt - now);
  return undefined;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new VercelCancelledError(false));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new VercelCancelledError(false));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
