// The GitHub REST client for Actions secrets: environments, a secret's metadata, and saving a value
// sealed with the repository's or environment's public key. Built like VercelClient: no `vscode`
// import; fetch, the base URL and the GitHub sign-in's token are injected; redirects are never
// followed; every failure is a GitHubError whose message names the repository and nothing secret.
// The messages are @vscode/l10n's, as in the core (no `vscode` here).
import * as l10n from '@vscode/l10n';
import { retryAfter, type FetchLike, type RequestLogEntry, type ResponseLike } from '../../api/client';
import { errorCode, parseJson, readCapped, redirectTarget } from '../../api/http';
import { formatIn, isSingular } from '../../domain/format';
import { validateSecretName } from '../../domain/github';
import { isLoopback } from '../../domain/validation';
import { sealForGitHub } from './sealedBox';

export type { FetchLike, RequestLogEntry, ResponseLike };

export interface GitHubClientOptions {
  /** `https://api.github.com`, or `https://HOST/api/v3`; plain http only for a loopback host. */
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Largest answer accepted; a bigger one is refused unread. Default 10 MB. */
  maxResponseBytes?: number;
  /** One entry per request: method, path and query, status, duration; never headers or bodies. */
  onRequest?: (entry: RequestLogEntry) => void;
  now?: () => number;
}

/** A repository's secrets, or with `environment` that environment's. */
export interface SecretTarget {
  owner: string;
  repo: string;
  environment?: string;
}

export interface SecretMetadata {
  name: string;
  /** ms since the epoch */
  updatedAt: number;
}

export type GitHubErrorKind =
  | 'noAccess' // 404, or 403 with no more specific reason
  | 'orgForbids' // 403: an organization or enterprise policy keeps this sign-in out
  | 'forkSecretsDisabled' // 403 / 422 about forks
  | 'rateLimited' // 403 / 429 with the rate-limit headers, or a 403 about a rate limit
  | 'unauthorized' // 401: the sign-in was rejected
  | 'invalid' // 422 and other 4xx: GitHub refused the request as it was
  | 'server' // 5xx
  | 'network' // no answer: refused, reset, DNS
  | 'timeout' // no complete answer in time
  | 'redirect' // 3xx, never followed
  | 'badAnswer'; // an answer this client cannot use (not JSON, fields missing, too large, a bad key)

export class GitHubError extends Error {
  /** The HTTP status, when GitHub answered. */
  readonly status: number | undefined;
  /** For `rateLimited`: when to try again, ms since the epoch. */
  readonly retryAt: number | undefined;
  /** The request could have changed something and GitHub may have done it (a save that timed out, a 5xx to a save). */
  readonly outcomeUnknown: boolean;

  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    details: { status?: number; retryAt?: number; outcomeUnknown?: boolean } = {},
  ) {
    super(message);
    // Checked by name across bundles (the GitHub chunk is loaded apart from the rest).
    this.name = 'GitHubError';
    this.status = details.status;
    this.retryAt = details.retryAt;
    this.outcomeUnknown = details.outcomeUnknown === true;
  }
}

const PAGE_SIZE = 100;
const MAX_PAGES = 100;
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const MAX_QUOTED_MESSAGE = 300;
/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
const USER_AGENT = 'vercel-tokens-vscode';

interface Answer {
  status: number;
  json: unknown;
}

export class GitHubClient {
  private readonly baseUrl: string;
  private readonly apiHost: string;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly now: () => number;

  /** Throws an Error when `baseUrl` is not an http(s) URL, or is plain http to a host that is not loopback. */
  constructor(private readonly options: GitHubClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiHost = checkedBaseUrl(this.baseUrl).host;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.now = options.now ?? Date.now;
  }

  /** The names of every environment of the repository, all pages; none is `[]`. */
  async listEnvironments(owner: string, repo: string): Promise<string[]> {
    const subject = describeTarget({ owner, repo });
    const names: string[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const query = new URLSearchParams({ per_page: String(PAGE_SIZE), page: String(page) });
      const answer = await this.send('GET', `${repoPath(owner, repo)}/environments?${query}`, undefined, subject);
      const { names: pageNames, totalCount } = parseEnvironmentPage(answer.json, subject);
      const fresh = pageNames.filter((name) => !seen.has(name));
      for (const name of fresh) {
        seen.add(name);
        names.push(name);
      }
      // A short page is the last; a page of repeats means the server ignores `page`.
      if (pageNames.length < PAGE_SIZE || fresh.length === 0 || (totalCount !== undefined && names.length >= totalCount)) break;
    }
    return names;
  }

  /**
   * A secret's name and when it was last updated, or undefined when GitHub answers 404. GitHub also
   * answers 404 for a repository this sign-in cannot see, so undefined does not prove access:
   * putSecret then fails with `noAccess`.
   */
  async getSecret(target: SecretTarget, name: string): Promise<SecretMetadata | undefined> {
    const subject = describeTarget(target);
    try {
      const answer = await this.send('GET', `${secretsPath(target)}/${encodeURIComponent(name)}`, undefined, subject);
      return parseSecretMetadata(answer.json, subject);
    } catch (error) {
      if (error instanceof GitHubError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * Encrypts `value` with the target's public key (the environment's for an environment) and saves
   * it: 'created' for a new secret (201), 'updated' when it replaced one (204).
   */
  async putSecret(target: SecretTarget, name: string, value: string): Promise<'created' | 'updated'> {
    const subject = describeTarget(target);
    const nameProblem = validateSecretName(name);
    if (nameProblem) throw new GitHubError('invalid', `${nameProblem} ${l10n.t('Nothing was sent to {0}.', subject)}`);
    const keyAnswer = await this.send('GET', `${secretsPath(target)}/public-key`, undefined, subject);
    const publicKey = parsePublicKey(keyAnswer.json, subject);
    let encrypted: string;
    try {
      encrypted = sealForGitHub(value, publicKey.key);
    } catch {
      throw new GitHubError(
        'badAnswer',
        l10n.t('GitHub sent a public key for {0} that is not 32 bytes of Base64, so the secret was not encrypted or sent.', subject),
      );
    }
    const body = JSON.stringify({ encrypted_value: encrypted, key_id: publicKey.keyId });
    const answer = await this.send('PUT', `${secretsPath(target)}/${encodeURIComponent(name)}`, body, subject);
    if (answer.status === 201) return 'created';
    if (answer.status === 204 || answer.status === 200) return 'updated';
    throw new GitHubError('badAnswer', l10n.t('GitHub answered the save to {0} with HTTP {1}; the secret may or may not have been saved.', subject, answer.status), {
      status: answer.status,
      outcomeUnknown: true,
    });
  }

  private async send(method: 'GET' | 'PUT', path: string, body: string | undefined, subject: string): Promise<Answer> {
    const started = this.now();
    const log = (status?: number, error?: string) =>
      this.options.onRequest?.({ method, path, status, durationMs: this.now() - started, error, attempt: 1 });
    const mutation = method !== 'GET';
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    let status: number | undefined;
    try {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${this.options.token}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': USER_AGENT,
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const url = `${this.baseUrl}${path}`;
      const response = await this.options.fetch(url, { method, headers, body, signal: timeout.signal, redirect: 'manual' });
      status = response.status;
      if (status >= 300 && status <= 399) {
        timeout.abort(); // the body of a redirect is not wanted
        throw this.redirectError(status, response.headers.get('location'), url, subject);
      }
      const text = await readCapped(response, this.maxResponseBytes, () => {
        timeout.abort(); // lets the connection go instead of draining it
        const refused = status !== undefined && status >= 400 && status <= 499;
        return new GitHubError(
          'badAnswer',
          mutation && !refused
            ? l10n.t(
                'GitHub sent more than {0} MB for {1}; the answer was refused, and the secret may or may not have been saved.',
                Math.round(this.maxResponseBytes / (1024 * 1024)),
                subject,
              )
            : l10n.t('GitHub sent more than {0} MB for {1}; the answer was refused.', Math.round(this.maxResponseBytes / (1024 * 1024)), subject),
          { status, outcomeUnknown: mutation && !refused },
        );
      });
      const json = parseJson(text);
      // A secret of an environment: GitHub's 404 may also mean that the environment does not exist.
      const environment = /\/environments\/[^/?]+\/secrets/.test(path);
      if (status < 200 || status > 299) throw this.statusError(status, response, json, subject, mutation, environment);
      if (json === undefined && method === 'GET') {
        throw new GitHubError('badAnswer', l10n.t('GitHub answered for {0} with something that is not JSON.', subject), { status });
      }
      log(status);
      return { status, json };
    } catch (error) {
      const typed = this.toGitHubError(error, timeout.signal.aborted, subject, mutation);
      log(status, typed.message);
      throw typed;
    } finally {
      clearTimeout(timer);
    }
  }

  private statusError(status: number, response: ResponseLike, json: unknown, subject: string, mutation: boolean, environment: boolean): GitHubError {
    const said = this.quotedMessage(json);
    const rateLimited =
      status === 429 || ((status === 403 || status === 429) && (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.get('retry-after') !== null));
    if (rateLimited || (status === 403 && /rate limit/i.test(said))) {
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      const resetAt = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
      const now = this.now();
      const wait = retryAfter(response.headers.get('retry-after'), resetAt, now) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
      return new GitHubError(
        'rateLimited',
        l10n.t("GitHub's rate limit for this account is used up, so {0} was not reached; try again {1}.", subject, describeWait(wait)),
        { status, retryAt: now + wait },
      );
    }
    if (status === 401) {
      return new GitHubError(
        'unauthorized',
        l10n.t('GitHub rejected the sign-in used for {0} (it may have expired or been revoked): sign in to GitHub again.', subject),
        { status },
      );
    }
    if ((status === 403 || status === 422) && /\bforks?\b/i.test(said)) {
      const message = said
        ? l10n.t('GitHub does not allow Actions secrets to be set here: {0} is a fork (GitHub said: {1}).', subject, said)
        : l10n.t('GitHub does not allow Actions secrets to be set here: {0} is a fork.', subject);
      return new GitHubError('forkSecretsDisabled', message, { status });
    }
    if (status === 403 && /organi[sz]ation|enterprise|forbids|polic(?:y|ies)/i.test(said)) {
      const message = said
        ? l10n.t('The organization or enterprise that owns {0} does not let this GitHub sign-in reach it (GitHub said: {1}).', subject, said)
        : l10n.t('The organization or enterprise that owns {0} does not let this GitHub sign-in reach it.', subject);
      return new GitHubError('orgForbids', message, { status });
    }
    if (status === 403 || status === 404) {
      const message = environment
        ? l10n.t(
            'GitHub did not let this account reach {0}: it needs admin or write access, and the GitHub sign-in needs the repo scope, or the environment does not exist.',
            subject,
          )
        : l10n.t('GitHub did not let this account reach {0}: it needs admin or write access, and the GitHub sign-in needs the repo scope.', subject);
      return new GitHubError('noAccess', message, { status });
    }
    if (status >= 500) {
      return new GitHubError(
        'server',
        mutation
          ? l10n.t('GitHub had a problem (HTTP {0}) with {1}; the secret may or may not have been saved. Try again later.', status, subject)
          : l10n.t('GitHub had a problem (HTTP {0}) with {1}. Try again later.', status, subject),
        { status, outcomeUnknown: mutation },
      );
    }
    if (status >= 400) {
      const message = said
        ? l10n.t('GitHub refused the request for {0} (HTTP {1}) (GitHub said: {2}).', subject, status, said)
        : l10n.t('GitHub refused the request for {0} (HTTP {1}).', subject, status);
      return new GitHubError('invalid', message, { status });
    }
    return new GitHubError('badAnswer', l10n.t('GitHub answered for {0} with HTTP {1}, which this extension does not expect.', subject, status), {
      status,
      outcomeUnknown: mutation,
    });
  }

  private redirectError(status: number, location: string | null, requestUrl: string, subject: string): GitHubError {
    const target = redirectTarget(location, requestUrl);
    // GitHub redirects the API paths of a renamed or transferred repository.
    const message =
      target === this.apiHost
        ? l10n.t(
            'GitHub answered for {0} with a redirect (HTTP {1}), which is not followed: the repository may have been renamed or transferred. Use its current name.',
            subject,
            status,
          )
        : target
          ? l10n.t('GitHub answered for {0} with a redirect to {1}; redirects are not followed, so the GitHub sign-in was not sent there.', subject, target)
          : l10n.t('GitHub answered for {0} with a redirect (HTTP {1}) to no usable address; redirects are not followed.', subject, status);
    return new GitHubError('redirect', message, { status });
  }

  private toGitHubError(error: unknown, aborted: boolean, subject: string, mutation: boolean): GitHubError {
    if (error instanceof GitHubError) return error;
    // Our own abort, not the error's name: minification renames node-fetch's AbortError class.
    if (aborted) {
      const within = describeSeconds(this.timeoutMs);
      const message = mutation
        ? l10n.t('GitHub did not answer for {0} within {1}; the secret may or may not have been saved.', subject, within)
        : l10n.t('GitHub did not answer for {0} within {1}.', subject, within);
      return new GitHubError('timeout', message, { outcomeUnknown: mutation });
    }
    const code = errorCode(error);
    // A refused connection never reached GitHub; a reset may have come after it acted.
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    const host = this.apiHost;
    const message = refused
      ? l10n.t('Could not connect to {0} ({1}) to reach {2}.', host, code, subject)
      : code
        ? mutation
          ? l10n.t('The connection to {0} failed ({1}) while reaching {2}; the secret may or may not have been saved.', host, code, subject)
          : l10n.t('The connection to {0} failed ({1}) while reaching {2}.', host, code, subject)
        : mutation
          ? l10n.t('The connection to {0} failed while reaching {1}; the secret may or may not have been saved.', host, subject)
          : l10n.t('The connection to {0} failed while reaching {1}.', host, subject);
    return new GitHubError('network', message, { outcomeUnknown: mutation && !refused });
  }

  /** GitHub's own `message`, on one line, shortened, and without the sign-in's token should it be echoed. */
  private quotedMessage(json: unknown): string {
    const message = typeof json === 'object' && json !== null ? (json as { message?: unknown }).message : undefined;
    if (typeof message !== 'string') return '';
    const oneLine = message.split(this.options.token).join('[redacted]').replace(/[\s\p{C}]+/gu, ' ').trim();
    return oneLine.length > MAX_QUOTED_MESSAGE ? `${oneLine.slice(0, MAX_QUOTED_MESSAGE - 1)}…` : oneLine;
  }
}

function checkedBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(l10n.t('The GitHub API address is not a valid URL.'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(l10n.t('The GitHub API address must start with https://, not {0}//.', url.protocol));
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new Error(
      l10n.t('Use https:// for {0}: plain http:// would send the GitHub sign-in unencrypted. http:// is allowed only for localhost, 127.0.0.1 and [::1].', url.host),
    );
  }
  return url;
}

function repoPath(owner: string, repo: string): string {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

function secretsPath(target: SecretTarget): string {
  const repo = repoPath(target.owner, target.repo);
  return target.environment === undefined
    ? `${repo}/actions/secrets`
    : `${repo}/environments/${encodeURIComponent(target.environment)}/secrets`;
}

function describeTarget(target: SecretTarget): string {
  const repository = `${target.owner}/${target.repo}`;
  return target.environment === undefined ? repository : l10n.t('the environment "{0}" of {1}', target.environment, repository);
}

function parseEnvironmentPage(json: unknown, subject: string): { names: string[]; totalCount: number | undefined } {
  const environments = isRecord(json) ? json.environments : undefined;
  const total = isRecord(json) ? json.total_count : undefined;
  const totalCount = typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined;
  // Tolerated: an answer for a repository without environments that leaves the list out.
  if (environments === undefined && totalCount === 0) return { names: [], totalCount };
  if (!Array.isArray(environments)) throw malformed(subject, l10n.t('a list of environments without `environments`'));
  const names = environments.map((environment) => {
    const name = isRecord(environment) ? environment.name : undefined;
    if (typeof name !== 'string' || name === '') throw malformed(subject, l10n.t('an environment without a name'));
    return name;
  });
  return { names, totalCount };
}

function parseSecretMetadata(json: unknown, subject: string): SecretMetadata {
  const name = isRecord(json) ? json.name : undefined;
  const updated = isRecord(json) ? json.updated_at : undefined;
  const updatedAt = typeof updated === 'string' ? Date.parse(updated) : NaN;
  if (typeof name !== 'string' || Number.isNaN(updatedAt)) throw malformed(subject, l10n.t('a secret without its name or update time'));
  return { name, updatedAt };
}

function parsePublicKey(json: unknown, subject: string): { keyId: string; key: string } {
  const keyId = isRecord(json) ? json.key_id : undefined;
  const key = isRecord(json) ? json.key : undefined;
  if (typeof keyId !== 'string' || keyId === '' || typeof key !== 'string') {
    throw malformed(subject, l10n.t('a public key without `key_id` or `key`; the secret was not sent'));
  }
  return { keyId, key };
}

function malformed(subject: string, what: string): GitHubError {
  return new GitHubError('badAnswer', l10n.t('GitHub sent an answer for {0} that this extension cannot read: {1}.', subject, what));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  // Intl words "in 5 seconds" in the display language; "about" is a message of its own.
  if (seconds < 90) return formatIn(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return formatIn(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return isSingular(hours) ? l10n.t('in about {0} hour', hours) : l10n.t('in about {0} hours', hours);
}

function describeSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return isSingular(seconds) ? l10n.t('{0} second', seconds) : l10n.t('{0} seconds', seconds);
}
