// GitHubClient against the stand-in GitHub over real loopback HTTP, once with Node's global fetch and
// once with node-fetch v3 (what the extension ships). Answers no honest server sends (pages that
// repeat, bodies that are not JSON, unusable keys) come from an injected fake fetch instead.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  GitHubClient,
  GitHubError,
  type FetchLike,
  type GitHubClientOptions,
  type GitHubErrorKind,
  type RequestLogEntry,
} from '../../../../src/integrations/github/client';
import { FakeGitHub, startFakeGitHub } from '../../../fake-github/server';
import { setDisplayLanguage } from '../../../../src/domain/format';

// ---------------------------------------------------------------------------------------------
// Helpers

async function rejectsWithKind(promise: Promise<unknown>, kind: GitHubErrorKind): Promise<GitHubError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitHubError, `expected a GitHubError, got ${String(error)}`);
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.message}`);
    assert.equal(error.name, 'GitHubError');
    return error;
  }
  assert.fail(`expected a GitHubError (${kind}), but the call succeeded`);
}

interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Passes every request on to `inner`, keeping a copy of what was sent. */
function recording(inner: FetchLike): { fetch: FetchLike; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return {
    sent,
    fetch: (url, init) => {
      sent.push({ url, method: init.method, headers: { ...init.headers }, body: init.body });
      return inner(url, init);
    },
  };
}

interface CannedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A fetch that answers from `answer(url, method)` without any network. */
function cannedFetch(answer: (url: string, method: string) => CannedAnswer): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const fetch = async (url: string, init: { method: string }) => {
    calls.push(`${init.method} ${url}`);
    const { status, body, headers = {} } = answer(url, init.method);
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const lowerHeaders = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    return { status, headers: { get: (name: string) => lowerHeaders.get(name.toLowerCase()) ?? null }, text: async () => text };
  };
  return Object.assign(fetch, { calls });
}

const CANNED_BASE = 'https://api.github.test';
const CANNED_TOKEN = 'gho_CannedTokenValue0123456789abcdef';
const REPO = { owner: 'octo', repo: 'app' };
const PRODUCTION = { ...REPO, environment: 'production' };
const FIXED_NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

function cannedClient(fetch: FetchLike, options: Partial<GitHubClientOptions> = {}): GitHubClient {
  return new GitHubClient({ baseUrl: CANNED_BASE, token: CANNED_TOKEN, fetch, now: () => FIXED_NOW, ...options });
}

/** Every place a value could be carried in text: as is, JSON-escaped, URL-encoded and in Base64. */
function appearancesOf(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), Buffer.from(value).toString('base64').slice(0, 16)];
}

// ---------------------------------------------------------------------------------------------

const FETCH_IMPLS: { name: string; load: () => Promise<FetchLike> }[] = [
  { name: "Node's global fetch", load: async () => globalThis.fetch },
  {
    name: 'node-fetch v3',
    load: async () => {
      const { default: nodeFetch } = await import('node-fetch');
      return nodeFetch;
    },
  },
];

for (const impl of FETCH_IMPLS) {
  describe(`GitHubClient over HTTP with ${impl.name}`, () => {
    let fake: FakeGitHub;
    let fetchImpl: FetchLike;
    let log: RequestLogEntry[];

    const client = (options: Partial<GitHubClientOptions> = {}) =>
      new GitHubClient({ baseUrl: fake.url, token: fake.acceptedToken, fetch: fetchImpl, timeoutMs: 5000, onRequest: (entry) => log.push(entry), ...options });

    before(async () => {
      fetchImpl = await impl.load();
      fake = await startFakeGitHub();
    });
    after(() => fake.close());
    beforeEach(() => {
      fake.reset();
      log = [];
      fake.addRepo('octo', 'app', { environments: ['production', 'Staging EU', 'prod/eu'] });
    });

    describe('listEnvironments', () => {
      test('reads the names in order', async () => {
        assert.deepEqual(await client().listEnvironments('octo', 'app'), ['production', 'Staging EU', 'prod/eu']);
      });

      test('a repository without environments has none', async () => {
        fake.addRepo('octo', 'plain');
        assert.deepEqual(await client().listEnvironments('octo', 'plain'), []);
      });

      test('reads every page, 100 at a time, and stops on the short one', async () => {
        const names = Array.from({ length: 250 }, (_, index) => `env-${String(index).padStart(3, '0')}`);
        fake.addRepo('octo', 'many', { environments: names });
        assert.deepEqual(await client().listEnvironments('octo', 'many'), names);
        assert.deepEqual(
          fake.requests.map((request) => request.query),
          [1, 2, 3].map((page) => ({ per_page: '100', page: String(page) })),
        );
      });

      test('exactly one full page needs one request: total_count says there is no more', async () => {
        fake.addRepo('octo', 'hundred', { environments: Array.from({ length: 100 }, (_, index) => `e${index}`) });
        assert.equal((await client().listEnvironments('octo', 'hundred')).length, 100);
        assert.equal(fake.requests.length, 1);
      });
    });

    describe('getSecret', () => {
      test('undefined when the secret does not exist (404)', async () => {
        assert.equal(await client().getSecret(REPO, 'VERCEL_TOKEN'), undefined);
        assert.equal(await client().getSecret(PRODUCTION, 'VERCEL_TOKEN'), undefined);
      });

      test("the secret's name and last update, for the repository or one environment", async () => {
        fake.setSecret(REPO, 'VERCEL_TOKEN', Date.UTC(2025, 4, 6, 7, 8, 9));
        fake.setSecret({ ...REPO, environment: 'Staging EU' }, 'vercel_token', Date.UTC(2024, 1, 2, 3, 4, 5));
        assert.deepEqual(await client().getSecret(REPO, 'VERCEL_TOKEN'), { name: 'VERCEL_TOKEN', updatedAt: Date.UTC(2025, 4, 6, 7, 8, 9) });
        assert.deepEqual(await client().getSecret({ ...REPO, environment: 'Staging EU' }, 'vercel_token'), {
          name: 'VERCEL_TOKEN',
          updatedAt: Date.UTC(2024, 1, 2, 3, 4, 5),
        });
        assert.equal(await client().getSecret(PRODUCTION, 'VERCEL_TOKEN'), undefined, 'another environment has its own');
      });
    });

    describe('putSecret', () => {
      test("'created' for a new secret, 'updated' when it replaces one; GitHub opens both to the exact value", async () => {
        assert.equal(await client().putSecret(REPO, 'VERCEL_TOKEN', 'vcp_first'), 'created');
        assert.equal(await client().putSecret(REPO, 'VERCEL_TOKEN', 'vcp_sécond ✓'), 'updated');
        const { keyId } = fake.keyOf(REPO);
        assert.deepEqual(
          fake.received.map(({ owner, repo, environment, name, value, keyId: used }) => ({ owner, repo, environment, name, value, keyId: used })),
          [
            { owner: 'octo', repo: 'app', environment: undefined, name: 'VERCEL_TOKEN', value: 'vcp_first', keyId },
            { owner: 'octo', repo: 'app', environment: undefined, name: 'VERCEL_TOKEN', value: 'vcp_sécond ✓', keyId },
          ],
        );
      });

      test('an environment secret is sealed with the environment key, not the repository key', async () => {
        assert.equal(await client().putSecret(PRODUCTION, 'VERCEL_TOKEN', 'vcp_prod'), 'created');
        const [received] = fake.received;
        assert.equal(received.environment, 'production');
        assert.equal(received.keyId, fake.keyOf(PRODUCTION).keyId);
        assert.notEqual(received.keyId, fake.keyOf(REPO).keyId);
        assert.equal(received.value, 'vcp_prod');
        assert.deepEqual(
          fake.requests.map(({ method, path }) => `${method} ${path}`),
          ['GET /repos/octo/app/environments/production/secrets/public-key', 'PUT /repos/octo/app/environments/production/secrets/VERCEL_TOKEN'],
        );
        assert.equal(fake.secret(REPO, 'VERCEL_TOKEN'), undefined);
      });

      test('path segments are encoded: an environment named prod/eu, one with a space', async () => {
        await client().putSecret({ ...REPO, environment: 'prod/eu' }, 'TOKEN', 'slash');
        await client().putSecret({ ...REPO, environment: 'Staging EU' }, 'TOKEN', 'space');
        assert.deepEqual(
          fake.received.map(({ environment, value }) => ({ environment, value })),
          [
            { environment: 'prod/eu', value: 'slash' },
            { environment: 'Staging EU', value: 'space' },
          ],
        );
        assert.ok(fake.requests.some((request) => request.path === '/repos/octo/app/environments/prod%2Feu/secrets/TOKEN'));
        assert.ok(fake.requests.some((request) => request.path === '/repos/octo/app/environments/Staging%20EU/secrets/TOKEN'));
      });

      test('a 48 KB value arrives whole', async () => {
        const value = 'v'.repeat(48 * 1024);
        assert.equal(await client().putSecret(REPO, 'BIG', value), 'created');
        assert.equal(fake.received[0].value, value);
      });

      test('a name GitHub would refuse is refused before anything is sent', async () => {
        const error = await rejectsWithKind(client().putSecret(REPO, 'GITHUB_TOKEN', 'vcp_value'), 'invalid');
        assert.match(error.message, /cannot start with GITHUB_.* Nothing was sent to octo\/app\./);
        assert.equal(fake.requests.length, 0);
      });
    });

    test('sends the GitHub headers, and the log entries carry neither the token nor headers', async () => {
      const { fetch, sent } = recording(fetchImpl);
      await client({ fetch }).putSecret(REPO, 'TOKEN', 'vcp_value');
      for (const request of sent) {
        assert.equal(request.headers.Authorization, `Bearer ${fake.acceptedToken}`);
        assert.equal(request.headers.Accept, 'application/vnd.github+json');
        assert.equal(request.headers['X-GitHub-Api-Version'], '2022-11-28');
        assert.match(request.headers['User-Agent'], /vercel-tokens/);
      }
      assert.equal(sent[1].headers['Content-Type'], 'application/json');
      assert.deepEqual(
        log.map(({ method, path, status, attempt, error }) => ({ method, path, status, attempt, error })),
        [
          { method: 'GET', path: '/repos/octo/app/actions/secrets/public-key', status: 200, attempt: 1, error: undefined },
          { method: 'PUT', path: '/repos/octo/app/actions/secrets/TOKEN', status: 201, attempt: 1, error: undefined },
        ],
      );
      assert.ok(log.every((entry) => typeof entry.durationMs === 'number' && entry.durationMs >= 0));
      assert.equal(JSON.stringify(log).includes(fake.acceptedToken), false);
      assert.equal(/authorization|bearer/i.test(JSON.stringify(log)), false);
    });

    test('no request carries the plaintext value: not the URL, not a header, not the body', async () => {
      const value = 'vcp_PlaintextNeverOnTheWire_42';
      const { fetch, sent } = recording(fetchImpl);
      await client({ fetch }).putSecret(PRODUCTION, 'TOKEN', value);
      await client({ fetch }).putSecret(REPO, 'TOKEN', value);
      fake.faults.serverError = { method: 'PUT' };
      const failed = await rejectsWithKind(client({ fetch }).putSecret(REPO, 'TOKEN', value), 'server');
      assert.equal(sent.length, 6);
      const wire = JSON.stringify(sent) + JSON.stringify(fake.requests) + JSON.stringify(log) + failed.message + String(failed.stack);
      for (const appearance of appearancesOf(value)) assert.equal(wire.includes(appearance), false, `found ${appearance}`);
      assert.deepEqual(
        fake.received.map((received) => received.value),
        [value, value],
        'and yet GitHub got it',
      );
    });

    describe('errors', () => {
      test('unauthorized: a rejected sign-in (401)', async () => {
        const error = await rejectsWithKind(client({ token: 'gho_ExpiredSessionToken0000000000' }).listEnvironments('octo', 'app'), 'unauthorized');
        assert.equal(error.status, 401);
        assert.equal(error.message, 'GitHub rejected the sign-in used for octo/app (it may have expired or been revoked): sign in to GitHub again.');
        assert.equal(error.message.includes('gho_ExpiredSessionToken'), false);
      });

      test('noAccess: an unknown repository, one the sign-in cannot see, one it can only read', async () => {
        fake.addRepo('octo', 'hidden', { access: 'none' });
        fake.addRepo('octo', 'readonly', { access: 'read' });
        const unknown = await rejectsWithKind(client().listEnvironments('octo', 'unknown'), 'noAccess');
        assert.equal(unknown.status, 404);
        assert.equal(
          unknown.message,
          'GitHub did not let this account reach octo/unknown: it needs admin or write access, and the GitHub sign-in needs the repo scope.',
        );
        assert.equal((await rejectsWithKind(client().putSecret({ owner: 'octo', repo: 'hidden' }, 'T', 'v'), 'noAccess')).status, 404);
        const readOnly = await rejectsWithKind(client().putSecret({ owner: 'octo', repo: 'readonly' }, 'T', 'v'), 'noAccess');
        assert.equal(readOnly.status, 403);
        assert.match(readOnly.message, /reach octo\/readonly: it needs admin or write access/);
        assert.equal(fake.received.length, 0);
      });

      test('noAccess for an environment names it and says it may not exist', async () => {
        const error = await rejectsWithKind(client().putSecret({ ...REPO, environment: 'qa' }, 'T', 'v'), 'noAccess');
        assert.equal(
          error.message,
          'GitHub did not let this account reach the environment "qa" of octo/app: it needs admin or write access, and the GitHub sign-in needs the repo scope, or the environment does not exist.',
        );
      });

      test("orgForbids: the organization's restrictions, in GitHub's words too", async () => {
        fake.faults.orgForbids = true;
        const error = await rejectsWithKind(client().putSecret(REPO, 'T', 'v'), 'orgForbids');
        assert.equal(error.status, 403);
        assert.match(error.message, /^The organization or enterprise that owns octo\/app does not let this GitHub sign-in reach it \(GitHub said: Although .*OAuth App access restrictions/);
      });

      test('forkSecretsDisabled: 403 or 422 about forks', async () => {
        fake.addRepo('me', 'fork', { fork: true });
        fake.faults.forkDisabled = true;
        const forbidden = await rejectsWithKind(client().putSecret({ owner: 'me', repo: 'fork' }, 'T', 'v'), 'forkSecretsDisabled');
        assert.equal(forbidden.status, 403);
        assert.match(forbidden.message, /^GitHub does not allow Actions secrets to be set here: me\/fork is a fork/);
        fake.faults.forkDisabled = { status: 422, method: 'PUT' };
        assert.equal((await rejectsWithKind(client().putSecret({ owner: 'me', repo: 'fork' }, 'T', 'v'), 'forkSecretsDisabled')).status, 422);
      });

      test('rateLimited (403): retryAt from x-ratelimit-reset, and the message says when', async () => {
        const resetAt = FIXED_NOW + 5 * 60 * 1000;
        fake.faults.rateLimit = { resetAt };
        const error = await rejectsWithKind(client({ now: () => FIXED_NOW }).listEnvironments('octo', 'app'), 'rateLimited');
        assert.equal(error.status, 403);
        assert.equal(error.retryAt, resetAt);
        assert.equal(error.message, "GitHub's rate limit for this account is used up, so octo/app was not reached; try again in 5 minutes.");
      });

      test('rateLimited: the wait is worded in the display language by Intl, its plural chosen by its rules', async () => {
        setDisplayLanguage('de');
        try {
          fake.faults.rateLimit = { resetAt: FIXED_NOW + 1000 };
          const second = await rejectsWithKind(client({ now: () => FIXED_NOW }).listEnvironments('octo', 'app'), 'rateLimited');
          assert.match(second.message, /try again in 1 Sekunde\.$/);
          fake.faults.rateLimit = { resetAt: FIXED_NOW + 5 * 60 * 1000 };
          const minutes = await rejectsWithKind(client({ now: () => FIXED_NOW }).listEnvironments('octo', 'app'), 'rateLimited');
          assert.match(minutes.message, /try again in 5 Minuten\.$/);
        } finally {
          setDisplayLanguage('en');
        }
        // In Russian, 21 takes the singular form: the singular message (this test's bundle is English).
        setDisplayLanguage('ru');
        try {
          fake.faults.rateLimit = { resetAt: FIXED_NOW + 21 * 3_600_000 };
          const hours = await rejectsWithKind(client({ now: () => FIXED_NOW }).listEnvironments('octo', 'app'), 'rateLimited');
          assert.match(hours.message, /try again in about 21 hour\.$/);
        } finally {
          setDisplayLanguage('en');
        }
      });

      test('rateLimited (429): retry-after wins over the reset time', async () => {
        fake.faults.rateLimit = { status: 429, retryAfterSeconds: 42, resetAt: FIXED_NOW + 3_600_000 };
        const error = await rejectsWithKind(client({ now: () => FIXED_NOW }).putSecret(REPO, 'T', 'v'), 'rateLimited');
        assert.equal(error.status, 429);
        assert.equal(error.retryAt, FIXED_NOW + 42_000);
        assert.match(error.message, /try again in 42 seconds\.$/);
      });

      test('server: 5xx to a read is not an unknown outcome; to a save it may have been saved', async () => {
        fake.faults.serverError = { times: 1 };
        const read = await rejectsWithKind(client().listEnvironments('octo', 'app'), 'server');
        assert.equal(read.status, 500);
        assert.equal(read.outcomeUnknown, false);
        assert.equal(read.message, 'GitHub had a problem (HTTP 500) with octo/app. Try again later.');
        fake.faults.serverError = { method: 'PUT', status: 502 };
        const save = await rejectsWithKind(client().putSecret(PRODUCTION, 'T', 'v'), 'server');
        assert.equal(save.outcomeUnknown, true);
        assert.equal(save.message, 'GitHub had a problem (HTTP 502) with the environment "production" of octo/app; the secret may or may not have been saved. Try again later.');
      });

      test('invalid: a key that changed between fetching it and saving (422)', async () => {
        const rotating: FetchLike = async (url, init) => {
          const response = await fetchImpl(url, init);
          if (url.endsWith('/public-key')) fake.rotateKey(REPO);
          return response;
        };
        const error = await rejectsWithKind(client({ fetch: rotating }).putSecret(REPO, 'T', 'vcp_value'), 'invalid');
        assert.equal(error.status, 422);
        assert.match(error.message, /^GitHub refused the request for octo\/app \(HTTP 422\) \(GitHub said: Bad request: key_id does not match/);
        assert.equal(fake.received.length, 0);
      });

      test('redirect: not followed; a redirect on the same host suggests a renamed repository', async () => {
        fake.faults.redirect = { times: 1 };
        const renamed = await rejectsWithKind(client().putSecret(REPO, 'T', 'v'), 'redirect');
        assert.equal(renamed.status, 301);
        assert.match(renamed.message, /octo\/app .*redirect \(HTTP 301\), which is not followed: the repository may have been renamed or transferred/);
        assert.equal(fake.requests.length, 1, 'the redirect was not followed');
        assert.equal(fake.received.length, 0);
      });

      test('redirect to another host: not followed, and the message names the host only', async () => {
        fake.faults.redirect = { method: 'PUT', status: 307, location: 'https://elsewhere.example:8443/collect?token=x' };
        const { fetch, sent } = recording(fetchImpl);
        const error = await rejectsWithKind(client({ fetch }).putSecret(REPO, 'T', 'v'), 'redirect');
        assert.equal(
          error.message,
          'GitHub answered for octo/app with a redirect to elsewhere.example:8443; redirects are not followed, so the GitHub sign-in was not sent there.',
        );
        assert.deepEqual(sent.map((request) => new URL(request.url).host), [new URL(fake.url).host, new URL(fake.url).host]);
        assert.equal(fake.received.length, 0);
      });

      test('network: nothing listens on the port', async () => {
        const gone = await startFakeGitHub();
        await gone.close();
        const error = await rejectsWithKind(client({ baseUrl: gone.url }).listEnvironments('octo', 'app'), 'network');
        assert.equal(error.message, `Could not connect to ${new URL(gone.url).host} (ECONNREFUSED) to reach octo/app.`);
        assert.equal(error.outcomeUnknown, false);
        assert.equal(log[0].error, error.message);
      });

      test('badAnswer: an answer bigger than the limit is refused', async () => {
        fake.addRepo('octo', 'many', { environments: Array.from({ length: 50 }, (_, index) => `environment-${index}`) });
        const error = await rejectsWithKind(client({ maxResponseBytes: 1024 }).listEnvironments('octo', 'many'), 'badAnswer');
        assert.match(error.message, /for octo\/many; the answer was refused\.$/);
      });
    });

    describe('timeout', () => {
      let hanging: Server;
      let hangingUrl: string;
      const sockets = new Set<Socket>();
      before(async () => {
        hanging = createServer(() => undefined); // never answers
        hanging.on('connection', (socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
        hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
      });
      after(async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => hanging.close(resolve));
      });

      test('a read that gets no answer in time', async () => {
        const error = await rejectsWithKind(client({ baseUrl: hangingUrl, timeoutMs: 150 }).listEnvironments('octo', 'app'), 'timeout');
        assert.equal(error.message, 'GitHub did not answer for octo/app within 0.2 seconds.');
        assert.equal(error.outcomeUnknown, false);
      });
    });
  });
}

describe('GitHubClient with canned answers', () => {
  test('stops on a page that repeats the one before (a server that ignores `page`)', async () => {
    const fullPage = { environments: Array.from({ length: 100 }, (_, index) => ({ name: `e${index}` })) };
    const fetch = cannedFetch(() => ({ status: 200, body: fullPage }));
    assert.equal((await cannedClient(fetch).listEnvironments('octo', 'app')).length, 100);
    assert.equal(fetch.calls.length, 2);
    assert.match(fetch.calls[1], /\/repos\/octo\/app\/environments\?per_page=100&page=2$/);
  });

  test('encodes owner and repository in the path', async () => {
    const fetch = cannedFetch(() => ({ status: 200, body: { total_count: 0, environments: [] } }));
    await cannedClient(fetch).listEnvironments('we ird', 'a/b?c#d');
    assert.equal(fetch.calls[0], `GET ${CANNED_BASE}/repos/we%20ird/a%2Fb%3Fc%23d/environments?per_page=100&page=1`);
  });

  test('a timed-out save may or may not have been saved', async () => {
    const fetch: FetchLike = (url, init) => {
      if (url.endsWith('/public-key')) {
        const key = Buffer.alloc(32, 9).toString('base64');
        return Promise.resolve({ status: 200, headers: { get: () => null }, text: async () => JSON.stringify({ key_id: '1', key }) });
      }
      return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    };
    const error = await rejectsWithKind(cannedClient(fetch, { timeoutMs: 50 }).putSecret(REPO, 'T', 'v'), 'timeout');
    assert.equal(error.outcomeUnknown, true);
    assert.equal(error.message, 'GitHub did not answer for octo/app within 0.1 seconds; the secret may or may not have been saved.');
  });

  test('a connection reset during a save may or may not have been saved', async () => {
    const fetch: FetchLike = (url) => {
      if (url.endsWith('/public-key')) {
        const key = Buffer.alloc(32, 9).toString('base64');
        return Promise.resolve({ status: 200, headers: { get: () => null }, text: async () => JSON.stringify({ key_id: '1', key }) });
      }
      return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
    };
    const error = await rejectsWithKind(cannedClient(fetch).putSecret(REPO, 'T', 'v'), 'network');
    assert.equal(error.outcomeUnknown, true);
    assert.equal(error.message, 'The connection to api.github.test failed (ECONNRESET) while reaching octo/app; the secret may or may not have been saved.');
  });

  describe('how answers map to GitHubError kinds', () => {
    const cases: [label: string, answer: CannedAnswer, kind: GitHubErrorKind, check?: (error: GitHubError) => void][] = [
      ['401', { status: 401, body: { message: 'Bad credentials' } }, 'unauthorized'],
      ['404', { status: 404, body: { message: 'Not Found' } }, 'noAccess'],
      ['403 with no reason', { status: 403, body: { message: 'Resource not accessible by integration' } }, 'noAccess'],
      ['403 with a body that is not JSON', { status: 403, body: '<html>Forbidden</html>' }, 'noAccess'],
      [
        '403 SAML enforcement',
        { status: 403, body: { message: 'Resource protected by organization SAML enforcement. You must grant your OAuth token access to this organization.' } },
        'orgForbids',
      ],
      [
        '403 enterprise forbids classic tokens',
        { status: 403, body: { message: '`octo` forbids access via a personal access token (classic). Please use a GitHub App, OAuth App, or a personal access token with fine-grained permissions.' } },
        'orgForbids',
      ],
      ['403 about forks', { status: 403, body: { message: 'Secrets are disabled for forks of this repository.' } }, 'forkSecretsDisabled'],
      ['422 about forks', { status: 422, body: { message: 'Actions secrets cannot be set on a fork.' } }, 'forkSecretsDisabled'],
      // The more specific reason wins over the organization that set it.
      ['403 about forks, set by the organization', { status: 403, body: { message: 'The organization has disabled secrets for forks.' } }, 'forkSecretsDisabled'],
      ['403 with x-ratelimit-remaining: 0 and no words', { status: 403, headers: { 'x-ratelimit-remaining': '0' } }, 'rateLimited'],
      ['403 with x-ratelimit-remaining: 12 is not a rate limit', { status: 403, headers: { 'x-ratelimit-remaining': '12' } }, 'noAccess'],
      [
        '403 with x-ratelimit-remaining: 0',
        { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String((FIXED_NOW + 90 * 60_000) / 1000) }, body: { message: 'API rate limit exceeded' } },
        'rateLimited',
        (error) => {
          assert.equal(error.retryAt, FIXED_NOW + 90 * 60_000);
          assert.match(error.message, /try again in about 2 hours\.$/);
        },
      ],
      [
        '403 with retry-after (a secondary rate limit)',
        { status: 403, headers: { 'retry-after': '30' }, body: { message: 'You have exceeded a secondary rate limit.' } },
        'rateLimited',
        (error) => assert.equal(error.retryAt, FIXED_NOW + 30_000),
      ],
      [
        '403 about a secondary rate limit without headers: a minute',
        { status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } },
        'rateLimited',
        (error) => {
          assert.equal(error.retryAt, FIXED_NOW + 60_000);
          assert.match(error.message, /try again in 60 seconds\.$/);
        },
      ],
      ['429 bare', { status: 429 }, 'rateLimited', (error) => assert.equal(error.retryAt, FIXED_NOW + 60_000)],
      [
        '422 other',
        { status: 422, body: { message: 'Validation Failed' } },
        'invalid',
        (error) => assert.equal(error.message, 'GitHub refused the request for octo/app (HTTP 422) (GitHub said: Validation Failed).'),
      ],
      ['400', { status: 400, body: { message: 'Problems parsing JSON' } }, 'invalid'],
      ['500', { status: 500 }, 'server'],
      ['503 HTML', { status: 503, body: '<html>Unicorn!</html>' }, 'server'],
      ['302 without Location', { status: 302 }, 'redirect', (error) => assert.match(error.message, /to no usable address/)],
      ['200 that is not JSON', { status: 200, body: '<html>sign in</html>' }, 'badAnswer'],
      ['200 without environments', { status: 200, body: { total_count: 3 } }, 'badAnswer'],
      ['200 with a nameless environment', { status: 200, body: { environments: [{ id: 1 }] } }, 'badAnswer'],
      ['101', { status: 101 }, 'badAnswer'],
      [
        'a Content-Length over the limit',
        { status: 200, headers: { 'content-length': String(11 * 1024 * 1024) }, body: { environments: [] } },
        'badAnswer',
        (error) => assert.match(error.message, /more than 10 MB/),
      ],
    ];
    for (const [label, answer, kind, check] of cases) {
      test(`${label} → ${kind}`, async () => {
        const error = await rejectsWithKind(cannedClient(cannedFetch(() => answer)).listEnvironments('octo', 'app'), kind);
        assert.match(error.message, /octo\/app/, 'the message names the repository');
        check?.(error);
      });
    }
  });

  test("GitHub's message is quoted on one line, shortened, and without the sign-in's token", async () => {
    const message = `Validation failed\nfor token ${CANNED_TOKEN}: ${'x'.repeat(1000)}`;
    const error = await rejectsWithKind(cannedClient(cannedFetch(() => ({ status: 422, body: { message } }))).listEnvironments('octo', 'app'), 'invalid');
    assert.equal(error.message.includes(CANNED_TOKEN), false);
    assert.match(error.message, /GitHub said: Validation failed for token \[redacted\]: x+…\)\.$/);
    assert.ok(error.message.length < 400);
  });

  describe('a public key GitHub should not send', () => {
    const keys: [label: string, body: unknown][] = [
      ['a 31-byte key', { key_id: '1', key: Buffer.alloc(31, 1).toString('base64') }],
      ['a key that is not Base64', { key_id: '1', key: 'not base64 at all!' }],
      ['no key_id', { key: Buffer.alloc(32, 1).toString('base64') }],
      ['no key', { key_id: '1' }],
    ];
    for (const [label, body] of keys) {
      test(`${label}: badAnswer, and nothing is saved`, async () => {
        const fetch = cannedFetch(() => ({ status: 200, body }));
        const error = await rejectsWithKind(cannedClient(fetch).putSecret(PRODUCTION, 'T', 'vcp_value'), 'badAnswer');
        assert.match(error.message, /the environment "production" of octo\/app/);
        assert.match(error.message, /not (encrypted or )?sent/);
        assert.deepEqual(fetch.calls, [`GET ${CANNED_BASE}/repos/octo/app/environments/production/secrets/public-key`]);
      });
    }
  });

  test("a save answered 200 is 'updated'; one answered 202 is a badAnswer that may have been saved", async () => {
    const key = { key_id: '1', key: Buffer.alloc(32, 1).toString('base64') };
    const answering = (status: number) => cannedFetch((_url, method) => (method === 'GET' ? { status: 200, body: key } : { status }));
    assert.equal(await cannedClient(answering(200)).putSecret(REPO, 'T', 'v'), 'updated');
    const error = await rejectsWithKind(cannedClient(answering(202)).putSecret(REPO, 'T', 'v'), 'badAnswer');
    assert.equal(error.outcomeUnknown, true);
  });

  describe('the base URL', () => {
    const never: FetchLike = () => assert.fail('no request may be sent');
    for (const baseUrl of ['http://127.0.0.1:4010', 'http://127.8.9.10', 'http://localhost:3000/api/v3', 'http://[::1]:8080', 'https://ghe.example.com/api/v3']) {
      test(`accepts ${baseUrl}`, () => assert.ok(new GitHubClient({ baseUrl, token: CANNED_TOKEN, fetch: never })));
    }
    for (const baseUrl of ['http://api.github.com', 'http://127.0.0.1.nip.io', 'http://localhost.evil.example', 'http://10.0.0.1', 'http://[::2]']) {
      test(`refuses plain http to ${baseUrl}`, () => {
        assert.throws(() => new GitHubClient({ baseUrl, token: CANNED_TOKEN, fetch: never }), /Use https:\/\/ for .*http:\/\/ is allowed only for localhost, 127\.0\.0\.1 and \[::1\]/);
      });
    }
    for (const baseUrl of ['ftp://api.github.com', 'api.github.com', '']) {
      test(`refuses ${JSON.stringify(baseUrl)}`, () => assert.throws(() => new GitHubClient({ baseUrl, token: CANNED_TOKEN, fetch: never })));
    }
    test('a trailing slash is dropped', async () => {
      const fetch = cannedFetch(() => ({ status: 200, body: { total_count: 0, environments: [] } }));
      await cannedClient(fetch, { baseUrl: 'https://ghe.example.com/api/v3/' }).listEnvironments('o', 'r');
      assert.equal(fetch.calls[0], 'GET https://ghe.example.com/api/v3/repos/o/r/environments?per_page=100&page=1');
    });
  });
});
