// VercelClient against the project's stand-in Vercel API over real loopback HTTP, once with Node's
// global fetch and once with node-fetch v3 (what the extension ships). Misbehaving pagination is
// served by an injected fake fetch instead, since no honest server sends it.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { VercelClient, type FetchLike, type RequestLogEntry, type VercelClientOptions } from '../../../src/api/client';
import {
  VercelApiError,
  VercelCancelledError,
  VercelError,
  VercelMalformedResponseError,
  VercelNetworkError,
  VercelTimeoutError,
} from '../../../src/api/errors';
import { faults, startFakeVercel, type FakeVercel, type FaultAction, type RequestLogEntry as ServerLogEntry } from '../../fake-vercel/server';
import { authToken, authTokens, BASE_TIME, team as teamPayload, teamPage, tokenPage } from './builders';

// ---------------------------------------------------------------------------------------------
// Helpers

type ErrorClass<T> = abstract new (...args: never[]) => T;

async function rejectsWith<T extends VercelError>(promise: Promise<unknown>, type: ErrorClass<T>): Promise<T> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
    return error;
  }
  assert.fail(`expected ${type.name}, but the call succeeded`);
}

/** No secret in the message, the stack, or any own property of the error. */
function assertNoSecret(value: unknown, ...secrets: string[]): void {
  const texts: string[] = [];
  if (value instanceof Error) texts.push(value.message, String(value.stack), String(value));
  texts.push(JSON.stringify(value, Object.getOwnPropertyNames(value ?? {})) ?? '');
  texts.push(JSON.stringify(value) ?? '');
  for (const secret of secrets) {
    assert.ok(secret.length > 8, 'a real secret to look for');
    for (const text of texts) assert.equal(text.includes(secret), false, `a token value leaked into ${text.slice(0, 200)}`);
  }
}

/** The URL of a stand-in that has just closed: a loopback port nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const gone = await startFakeVercel();
  await gone.close();
  return gone.url;
}

/** How the stand-in logs the Authorization header of the account token. */
function redactedBearer(value: string): string {
  return `Bearer ${value.slice(0, 4)}…${value.slice(-4)}`;
}

interface FetchImpl {
  name: string;
  load: () => Promise<FetchLike>;
}

const FETCH_IMPLS: FetchImpl[] = [
  { name: "Node's global fetch", load: async () => globalThis.fetch },
  {
    name: 'node-fetch v3',
    load: async () => {
      const { default: nodeFetch } = await import('node-fetch');
      return nodeFetch;
    },
  },
];

const FIXED_NOW = Date.UTC(2026, 2, 1, 12, 0, 0); // a whole second, so HTTP dates are exact

// ---------------------------------------------------------------------------------------------
// The main suite, once per fetch implementation.

for (const impl of FETCH_IMPLS) {
  describe(`VercelClient over HTTP with ${impl.name}`, () => {
    let server: FakeVercel;
    let fetchImpl: FetchLike;
    let sleeps: number[];
    let logged: RequestLogEntry[];

    before(async () => {
      fetchImpl = await impl.load();
      server = await startFakeVercel();
    });
    after(async () => {
      await server.close();
    });
    beforeEach(() => {
      server.reset();
      sleeps = [];
      logged = [];
    });

    function client(options: Partial<VercelClientOptions> = {}): VercelClient {
      return new VercelClient({
        baseUrl: server.url,
        token: server.accountToken,
        fetch: fetchImpl,
        timeoutMs: 5000,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        onRequest: (entry) => logged.push(entry),
        ...options,
      });
    }

    const requestsTo = (method: string, path: string | RegExp): ServerLogEntry[] =>
      server.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));

    /** Resolves once the stand-in has received such a request. */
    async function untilReceived(method: string, path: string): Promise<void> {
      while (requestsTo(method, path).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }

    function assertAuthenticated(entry: ServerLogEntry | undefined): void {
      assert.ok(entry, 'the request reached the server');
      assert.equal(entry.headers.authorization, redactedBearer(server.accountToken));
    }

    /** The typed error, after checking that the account token appears nowhere in it. */
    async function fails<T extends VercelError>(promise: Promise<unknown>, type: ErrorClass<T>): Promise<T> {
      const error = await rejectsWith(promise, type);
      assertNoSecret(error, server.accountToken);
      return error;
    }

    const accountTokenId = () => server.tokens().find((t) => t.name === 'Stand-in account token')!.id;

    // --- each method's request and parsed result ------------------------------------------------

    describe('requests and results', () => {
      test('getUser: GET /v2/user, bearer token, no body → the user', async () => {
        const user = await client().getUser();
        assert.deepEqual(user, {
          id: server.user.id,
          username: 'tester',
          email: 'tester@example.com',
          name: 'Test User',
          defaultTeamId: null,
          limited: false,
        });
        assert.equal(server.requests.length, 1);
        const [request] = server.requests;
        assert.equal(request?.method, 'GET');
        assert.equal(request?.path, '/v2/user');
        assert.deepEqual(request?.query, {});
        assert.equal(request?.body, undefined);
        assert.equal(request?.headers.accept, 'application/json');
        assertAuthenticated(request);
      });

      test('a trailing slash on the base URL does not double the slash', async () => {
        await client({ baseUrl: `${server.url}//` }).getUser();
        assert.equal(server.requests[0]?.path, '/v2/user');
      });

      test('getCurrentToken: GET /v5/user/tokens/current → the signed-in token’s metadata, no value', async () => {
        const token = await client().getCurrentToken();
        assert.equal(token.id, accountTokenId());
        assert.equal(token.name, 'Stand-in account token');
        assert.equal(token.type, 'token');
        assert.equal(token.prefix, 'vcp_');
        assert.equal(token.suffix, server.accountToken.slice(-4));
        assertNoSecret(token, server.accountToken);
        assert.equal(requestsTo('GET', '/v5/user/tokens/current').length, 1);
        assertAuthenticated(server.requests[0]);
      });

      test('listTokens: GET /v6/user/tokens?limit=100 → every token, newest first', async () => {
        const a = server.addToken({ name: 'a', createdAt: Date.now() - 3000 });
        const b = server.addToken({ name: 'b', createdAt: Date.now() - 2000, expiresAt: Date.now() + 60_000 });
        const tokens = await client().listTokens();
        assert.deepEqual(
          tokens.map((t) => t.id),
          [b.id, a.id, accountTokenId()],
        );
        assert.equal(tokens[0]?.expiresAt, b.expiresAt);
        const [request] = requestsTo('GET', '/v6/user/tokens');
        assert.deepEqual(request?.query, { limit: '100' });
        assert.equal(request?.body, undefined);
        assertAuthenticated(request);
      });

      test('listTeams: GET /v2/teams?limit=100 → id, slug, name', async () => {
        const acme = server.addTeam({ slug: 'acme', name: 'Acme' });
        const beta = server.addTeam({ slug: 'beta', name: 'Beta' });
        const teams = await client().listTeams();
        assert.deepEqual(
          [...teams].sort((x, y) => x.slug.localeCompare(y.slug)),
          [
            { id: acme.id, slug: 'acme', name: 'Acme' },
            { id: beta.id, slug: 'beta', name: 'Beta' },
          ],
        );
        const [request] = requestsTo('GET', '/v2/teams');
        assert.deepEqual(request?.query, { limit: '100' });
        assertAuthenticated(request);
      });

      test('createToken without expiry: POST /v3/user/tokens, body exactly { name }', async () => {
        const created = await client().createToken({ name: 'ci' });
        const [request] = requestsTo('POST', '/v3/user/tokens');
        assert.deepEqual(request?.body, { name: 'ci' });
        assert.deepEqual(request?.query, {});
        assert.match(request?.headers['content-type'] ?? '', /^application\/json/);
        assertAuthenticated(request);
        assert.equal(created.token.name, 'ci');
        assert.equal(created.token.expiresAt, undefined);
        assert.match(created.bearerToken, /^vcp_/);
        assert.equal(server.valueOf(created.token.id), created.bearerToken);
      });

      test('createToken with expiry: body exactly { name, expiresAt }', async () => {
        const expiresAt = Date.now() + 7 * 86_400_000;
        const created = await client().createToken({ name: 'deploy', expiresAt });
        assert.deepEqual(requestsTo('POST', '/v3/user/tokens')[0]?.body, { name: 'deploy', expiresAt });
        assert.equal(created.token.expiresAt, expiresAt);
      });

      test('createToken sends nothing but name, expiresAt and projectId, even when the caller passes more', async () => {
        const sneaky = { name: 'x', expiresAt: undefined, teamId: 'team_1', bearerToken: 'vcp_no', scopes: ['all'] };
        await client().createToken(sneaky);
        assert.deepEqual(requestsTo('POST', '/v3/user/tokens')[0]?.body, { name: 'x' });
      });

      test('createToken for a team: ?teamId=<id> (never the slug), body still { name }', async () => {
        const acme = server.addTeam({ slug: 'acme' });
        const created = await client().createToken({ name: 'team ci' }, { id: acme.id, slug: 'acme' });
        const [request] = requestsTo('POST', '/v3/user/tokens');
        assert.deepEqual(request?.query, { teamId: acme.id });
        assert.deepEqual(request?.body, { name: 'team ci' });
        assert.equal(created.token.teamId, acme.id);
        assert.deepEqual(
          created.token.scopes?.map((s) => [s.type, s.teamId]),
          [['team', acme.id]],
        );
      });

      test('deleteToken: DELETE /v3/user/tokens/<id> → the id; the token is gone', async () => {
        const victim = server.addToken({ name: 'old' });
        const id = await client().deleteToken(victim.id);
        assert.equal(id, victim.id);
        const [request] = requestsTo('DELETE', `/v3/user/tokens/${victim.id}`);
        assert.equal(request?.body, undefined);
        assertAuthenticated(request);
        assert.equal(
          server.tokens().some((t) => t.id === victim.id),
          false,
        );
      });

      test('deleteToken encodes the id as one path segment', async () => {
        const error = await fails(client().deleteToken('a/b?c'), VercelApiError);
        assert.equal(error.status, 404);
        assert.equal(server.requests[0]?.path, '/v3/user/tokens/a%2Fb%3Fc');
      });
    });

    // --- pagination ---------------------------------------------------------------------------

    describe('pagination', () => {
      test('250 tokens, page size 100: three pages, each fetched once, no duplicates, newest first', async () => {
        const now = Date.now();
        for (let i = 0; i < 250; i++) server.addToken({ name: `t${i}`, createdAt: now - 10_000 - i * 1000 });
        const tokens = await client().listTokens({ pageSize: 100 });
        assert.equal(tokens.length, 251); // + the account token
        assert.equal(new Set(tokens.map((t) => t.id)).size, 251);
        for (let i = 1; i < tokens.length; i++) assert.ok(tokens[i - 1].createdAt >= tokens[i].createdAt, `order at ${i}`);
        assert.deepEqual(
          tokens.map((t) => t.id),
          server.tokens().map((t) => t.id),
        );
        const pages = requestsTo('GET', '/v6/user/tokens');
        assert.equal(pages.length, 3);
        assert.deepEqual(
          pages.map((p) => p.query.limit),
          ['100', '100', '100'],
        );
        const untils = pages.map((p) => p.query.until);
        assert.equal(untils[0], undefined);
        assert.equal(new Set(untils).size, 3, 'every page asked for once');
        assert.deepEqual(
          logged.map((e) => e.status),
          [200, 200, 200],
        );
      });
    });

    // --- errors -------------------------------------------------------------------------------

    describe('errors become typed errors with Vercel’s message and never the token', () => {
      test('400 from the API (expiry in the past) → VercelApiError with Vercel’s message', async () => {
        const error = await fails(client().createToken({ name: 'x', expiresAt: Date.now() - 1000 }), VercelApiError);
        assert.equal(error.status, 400);
        assert.equal(error.code, 'bad_request');
        assert.match(error.message, /`expiresAt` must be in the future/);
        assert.equal(error.outcomeUnknown, false);
        assertNoSecret(error, server.accountToken);
      });

      test('400 in the flat shape', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.error(400, 'bad_request', 'Invalid request: flat shape.', 'flat') });
        const error = await fails(client().createToken({ name: 'x' }), VercelApiError);
        assert.equal(error.status, 400);
        assert.equal(error.code, 'bad_request');
        assert.match(error.message, /Invalid request: flat shape\./);
      });

      test('404 in the legacy { err } shape', async () => {
        server.fail({ path: '/v3/user/tokens/:id', ...faults.error(404, 'not_found', 'Legacy: no such token.', 'legacy') });
        const error = await fails(client().deleteToken('tok_nope'), VercelApiError);
        assert.equal(error.status, 404);
        assert.equal(error.code, 'not_found');
        assert.match(error.message, /Legacy: no such token\./);
      });

      test('403 invalidToken (wrong token) → isInvalidToken, message, not the token', async () => {
        const wrong = 'vcp_definitelyNotAValidToken123';
        const error = await fails(client({ token: wrong }).getUser(), VercelApiError);
        assert.equal(error.status, 403);
        assert.equal(error.invalidToken, true);
        assert.equal(error.saml, false);
        assert.match(error.message, /Not authorized/);
        assertNoSecret(error, wrong, server.accountToken);
        assert.equal(sleeps.length, 0, 'a 403 is not retried');
        assert.equal(server.requests.length, 1);
      });

      test('403 invalidToken (revoked account token)', async () => {
        server.revoke(accountTokenId());
        const error = await fails(client().listTokens(), VercelApiError);
        assert.equal(error.invalidToken, true);
        assertNoSecret(error, server.accountToken);
      });

      test('403 saml → saml, teamId, message', async () => {
        server.fail({ path: '/v6/user/tokens', ...faults.saml('team_saml01', 'acme') });
        const error = await fails(client().listTokens(), VercelApiError);
        assert.equal(error.status, 403);
        assert.equal(error.saml, true);
        assert.equal(error.teamId, 'team_saml01');
        assert.equal(error.invalidToken, false);
        assert.match(error.message, /You must re-authenticate to access "acme" \(SAML Single Sign-On\)\./);
      });

      test('403 scope message (create with a token lacking the scope)', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.scopeRequired('acme') });
        const error = await fails(client().createToken({ name: 'x' }), VercelApiError);
        assert.equal(error.status, 403);
        assert.equal(error.invalidToken, false);
        assert.equal(error.message, 'To create a token you must be authenticated to scope "acme"');
        assert.equal(server.tokens().length, 1, 'nothing created');
      });

      test('403 when creating with a CLI login (OAuth) session, from the stand-in itself', async () => {
        const session = server.issueToken({ kind: 'oauth' });
        const error = await fails(client({ token: session.value }).createToken({ name: 'x' }), VercelApiError);
        assert.equal(error.status, 403);
        assert.equal(error.message, 'Only user authentication tokens can be used to create new tokens.');
        assertNoSecret(error, session.value);
      });

      test('404 (a token that does not exist)', async () => {
        const error = await fails(client().deleteToken('tok_doesNotExist'), VercelApiError);
        assert.equal(error.status, 404);
        assert.equal(error.code, 'not_found');
        assert.match(error.message, /Token not found/);
        assert.equal(error.outcomeUnknown, false);
      });

      test('429 with Retry-After in seconds: waits that long, then succeeds', async () => {
        server.fail({ path: '/v2/user', ...faults.rateLimited({ retryAfter: 7 }) });
        const user = await client().getUser();
        assert.equal(user.username, 'tester');
        assert.deepEqual(sleeps, [7000]);
        assert.equal(requestsTo('GET', '/v2/user').length, 2);
      });

      test('429 with Retry-After as an HTTP date: waits until then', async () => {
        server.fail({ path: '/v2/user', ...faults.rateLimited({ retryAfter: new Date(FIXED_NOW + 20_000) }) });
        await client({ now: () => FIXED_NOW }).getUser();
        assert.deepEqual(sleeps, [20_000]);
      });

      test('429 with only error.limit.resetMs: waits until the reset', async () => {
        server.fail({ path: '/v2/user', ...faults.rateLimited({ resetMs: FIXED_NOW + 12_345 }) });
        await client({ now: () => FIXED_NOW }).getUser();
        assert.deepEqual(sleeps, [12_345]);
      });

      test('429: Retry-After wins over resetMs', async () => {
        server.fail({ path: '/v2/user', ...faults.rateLimited({ retryAfter: 3, resetMs: FIXED_NOW + 50_000 }) });
        await client({ now: () => FIXED_NOW }).getUser();
        assert.deepEqual(sleeps, [3000]);
      });

      test('429 until retries run out → VercelApiError 429 with retryAfterMs and Vercel’s message', async () => {
        server.fail({ path: '/v2/user', times: 'always', ...faults.rateLimited({ retryAfter: 2 }) });
        const error = await fails(client({ maxReadRetries: 2 }).getUser(), VercelApiError);
        assert.equal(error.status, 429);
        assert.equal(error.isRateLimited, true);
        assert.equal(error.code, 'rate_limited');
        assert.equal(error.retryAfterMs, 2000);
        assert.match(error.message, /Rate limit exceeded/);
        assert.deepEqual(sleeps, [2000, 2000]);
        assert.equal(requestsTo('GET', '/v2/user').length, 3);
      });

      test('429 with a Retry-After longer than maxRetryDelayMs fails at once', async () => {
        server.fail({ path: '/v2/user', times: 'always', ...faults.rateLimited({ retryAfter: 120 }) });
        const error = await fails(client({ maxRetryDelayMs: 30_000 }).getUser(), VercelApiError);
        assert.equal(error.status, 429);
        assert.equal(error.retryAfterMs, 120_000);
        assert.deepEqual(sleeps, []);
        assert.equal(requestsTo('GET', '/v2/user').length, 1);
      });

      for (const status of [500, 502, 503] as const) {
        test(`${status} with an HTML body → VercelApiError ${status}, a readable message, no HTML`, async () => {
          server.fail({ path: '/v2/user', times: 'always', ...faults.serverError(status, 'html') });
          const error = await fails(client({ maxReadRetries: 1 }).getUser(), VercelApiError);
          assert.equal(error.status, status);
          assert.equal(error.message, `Vercel answered with HTTP ${status} and no readable error.`);
          // A read changes nothing, so even a gateway error leaves no doubt about its outcome.
          assert.equal(error.outcomeUnknown, false);
          // 500 is not retried; 502/503 are (once here).
          assert.equal(requestsTo('GET', '/v2/user').length, status === 500 ? 1 : 2);
          assert.deepEqual(sleeps, status === 500 ? [] : [250]);
        });
      }

      test('502 on a create → outcomeUnknown: the origin may have acted before the gateway failed', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.serverError(502, 'html') });
        const error = await fails(client().createToken({ name: 'Behind a gateway' }), VercelApiError);
        assert.equal(error.status, 502);
        assert.equal(error.outcomeUnknown, true);
        assert.equal(requestsTo('POST', '/v3/user/tokens').length, 1);
      });

      // Any 5xx to a create or a delete proves nothing about what the server did before failing.
      for (const status of [500, 501, 503, 504, 599]) {
        test(`${status} on a create → outcomeUnknown, sent once`, async () => {
          server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'respond', status, body: { error: { code: 'x', message: 'Server trouble.' } } });
          const error = await fails(client().createToken({ name: `unsure-${status}` }), VercelApiError);
          assert.equal(error.status, status);
          assert.equal(error.outcomeUnknown, true);
          assert.equal(requestsTo('POST', '/v3/user/tokens').length, 1);
        });

        test(`${status} on a delete → outcomeUnknown, sent once`, async () => {
          const victim = server.addToken({ name: 'victim' });
          server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', kind: 'respond', status, body: { error: { code: 'x', message: 'Server trouble.' } } });
          const error = await fails(client().deleteToken(victim.id), VercelApiError);
          assert.equal(error.status, status);
          assert.equal(error.outcomeUnknown, true);
          assert.equal(requestsTo('DELETE', `/v3/user/tokens/${victim.id}`).length, 1);
        });
      }

      test('500 on a read → outcome known: a read changes nothing', async () => {
        server.fail({ path: '/v2/user', ...faults.serverError(500) });
        const error = await fails(client().getUser(), VercelApiError);
        assert.equal(error.outcomeUnknown, false);
      });

      test('500 in Vercel’s JSON shape → Vercel’s message', async () => {
        server.fail({ path: '/v6/user/tokens', ...faults.serverError(500, 'vercel') });
        const error = await fails(client().listTokens(), VercelApiError);
        assert.equal(error.code, 'internal_server_error');
        assert.equal(error.message, 'An unexpected internal error occurred.');
      });

      test('connection refused (closed port) → VercelNetworkError, nothing reached, reads retried', async () => {
        const error = await fails(client({ baseUrl: await closedPortUrl(), maxReadRetries: 2 }).getUser(), VercelNetworkError);
        assert.match(error.message, /Could not connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
        assert.equal(error.outcomeUnknown, false);
        assert.deepEqual(sleeps, [250, 500]);
        assertNoSecret(error, server.accountToken);
      });

      test('connection refused on create → outcome known (nothing was sent)', async () => {
        const error = await fails(client({ baseUrl: await closedPortUrl() }).createToken({ name: 'x' }), VercelNetworkError);
        assert.equal(error.outcomeUnknown, false);
        assert.deepEqual(sleeps, []);
      });

      test('reset before the answer on a read → retried, then VercelNetworkError', async () => {
        server.fail({ path: '/v2/user', times: 'always', kind: 'reset' });
        const error = await fails(client({ maxReadRetries: 2 }).getUser(), VercelNetworkError);
        assert.match(error.message, /The connection to 127\.0\.0\.1:\d+ failed/);
        assert.equal(requestsTo('GET', '/v2/user').length, 3);
        assert.deepEqual(sleeps, [250, 500]);
        assertNoSecret(error, server.accountToken);
      });

      test('reset before the answer on a read, once → the retry succeeds', async () => {
        server.fail({ path: '/v2/user', kind: 'reset' });
        const user = await client().getUser();
        assert.equal(user.username, 'tester');
        assert.deepEqual(sleeps, [250]);
        assert.deepEqual(
          logged.map((e) => [e.attempt, e.status]),
          [
            [1, undefined],
            [2, 200],
          ],
        );
      });

      test('reset before the answer on create → VercelNetworkError, outcome unknown, sent once', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', times: 'always', kind: 'reset' });
        const error = await fails(client().createToken({ name: 'maybe' }), VercelNetworkError);
        assert.equal(error.outcomeUnknown, true);
        assert.equal(requestsTo('POST', '/v3/user/tokens').length, 1);
        assert.equal(
          server.tokens().some((t) => t.name === 'maybe'),
          false,
        );
      });

      test('reset after commit on create → the token really exists, outcomeUnknown true, no value leaked', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
        const error = await fails(client().createToken({ name: 'committed' }), VercelNetworkError);
        assert.equal(error.outcomeUnknown, true);
        assert.equal(requestsTo('POST', '/v3/user/tokens').length, 1);
        const created = server.tokens().find((t) => t.name === 'committed');
        assert.ok(created, 'the server did create the token');
        assertNoSecret(error, server.accountToken, server.valueOf(created.id)!);
      });

      test('reset after commit on delete → the token is gone, so the outcome must be unknown', async () => {
        const victim = server.addToken({ name: 'victim' });
        server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', kind: 'resetAfterCommit' });
        const error = await fails(client().deleteToken(victim.id), VercelNetworkError);
        assert.equal(
          server.tokens().some((t) => t.id === victim.id),
          false,
          'the server did delete it',
        );
        assert.equal(requestsTo('DELETE', /^\/v3\/user\/tokens\//).length, 1);
        assert.equal(error.outcomeUnknown, true, 'the server acted, yet the error claims the outcome is known');
      });

      test('hang → VercelTimeoutError after timeoutMs (200 ms), not retried', async () => {
        server.fail({ path: '/v2/user', times: 'always', kind: 'hang' });
        const started = Date.now();
        const error = await fails(client({ timeoutMs: 200 }).getUser(), VercelTimeoutError);
        const elapsed = Date.now() - started;
        assert.equal(error.timeoutMs, 200);
        assert.equal(error.kind, 'timeout');
        assert.ok(elapsed >= 190 && elapsed < 3000, `took ${elapsed} ms`);
        assert.equal(requestsTo('GET', '/v2/user').length, 1);
        assert.deepEqual(sleeps, []);
        assertNoSecret(error, server.accountToken);
      });

      test('hang on create → VercelTimeoutError, outcome unknown, sent once', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'hang' });
        const error = await fails(client({ timeoutMs: 200 }).createToken({ name: 'slow' }), VercelTimeoutError);
        assert.equal(error.outcomeUnknown, true);
        assert.equal(requestsTo('POST', '/v3/user/tokens').length, 1);
      });

      test('a body that never finishes → VercelTimeoutError (the timeout covers the body)', async () => {
        server.fail({ path: '/v6/user/tokens', kind: 'hang', partialBody: true });
        const started = Date.now();
        const error = await fails(client({ timeoutMs: 200 }).listTokens(), VercelTimeoutError);
        assert.equal(error.timeoutMs, 200);
        assert.ok(Date.now() - started < 3000);
        assert.equal(logged[0]?.status, 200, 'the headers had arrived');
      });

      test('the timeout is per attempt: a slow-but-in-time answer succeeds', async () => {
        server.fail({ path: '/v2/user', kind: 'delay', ms: 100 });
        const user = await client({ timeoutMs: 1000 }).getUser();
        assert.equal(user.username, 'tester');
        assert.ok((logged[0]?.durationMs ?? 0) >= 90, `durationMs ${logged[0]?.durationMs}`);
      });

      test('user cancellation while waiting → VercelCancelledError', async () => {
        server.fail({ path: '/v6/user/tokens', kind: 'hang' });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        const started = Date.now();
        const error = await fails(client({ timeoutMs: 10_000 }).listTokens({ signal: controller.signal }), VercelCancelledError);
        assert.equal(error.kind, 'cancelled');
        assert.ok(Date.now() - started < 3000, 'cancelled promptly, not at the timeout');
        assert.deepEqual(sleeps, []);
      });

      test('an already-cancelled signal → VercelCancelledError, nothing sent, so the outcome is known', async () => {
        const controller = new AbortController();
        controller.abort();
        const error = await fails(client().createToken({ name: 'x' }, undefined, { signal: controller.signal }), VercelCancelledError);
        assert.equal(server.requests.length, 0);
        assert.equal(error.outcomeUnknown, false, 'nothing was sent, so nothing can have happened');
      });

      test('an already-cancelled signal on a delete → outcome known, nothing sent', async () => {
        const victim = server.addToken({ name: 'victim' });
        const controller = new AbortController();
        controller.abort();
        const error = await fails(client().deleteToken(victim.id, { signal: controller.signal }), VercelCancelledError);
        assert.equal(server.requests.length, 0);
        assert.equal(error.outcomeUnknown, false);
      });

      test('cancel after a create was sent → VercelCancelledError, outcome unknown', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'hang' });
        const controller = new AbortController();
        const pending = client({ timeoutMs: 10_000 }).createToken({ name: 'maybe' }, undefined, { signal: controller.signal });
        await untilReceived('POST', '/v3/user/tokens');
        controller.abort();
        const error = await fails(pending, VercelCancelledError);
        assert.equal(error.outcomeUnknown, true, 'the server had the request: it may have created the token');
      });

      test('cancel after a delete was sent → VercelCancelledError, outcome unknown', async () => {
        const victim = server.addToken({ name: 'victim' });
        server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', kind: 'hang' });
        const controller = new AbortController();
        const pending = client({ timeoutMs: 10_000 }).deleteToken(victim.id, { signal: controller.signal });
        await untilReceived('DELETE', `/v3/user/tokens/${victim.id}`);
        controller.abort();
        const error = await fails(pending, VercelCancelledError);
        assert.equal(error.outcomeUnknown, true);
      });

      test('cancel while a read is waiting → outcome known: a read changes nothing', async () => {
        server.fail({ path: '/v2/user', kind: 'hang' });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        const error = await fails(client({ timeoutMs: 10_000 }).getUser({ signal: controller.signal }), VercelCancelledError);
        assert.equal(error.outcomeUnknown, false);
      });

      test('cancellation during the back-off between retries → VercelCancelledError, no further attempt', async () => {
        server.fail({ path: '/v2/user', times: 'always', ...faults.serverError(503, 'html') });
        const controller = new AbortController();
        const waits: number[] = [];
        const c = client({
          sleep: (ms, signal) =>
            new Promise<void>((_resolve, reject) => {
              waits.push(ms);
              signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
              controller.abort();
            }),
        });
        const error = await fails(c.getUser({ signal: controller.signal }), VercelCancelledError);
        assert.equal(error.outcomeUnknown, false, 'cancelled between attempts of a read');
        assert.deepEqual(waits, [250]);
        assert.equal(requestsTo('GET', '/v2/user').length, 1);
      });

      test('non-JSON 200 → VercelMalformedResponseError', async () => {
        server.fail({ path: '/v2/user', kind: 'malformed', variant: 'not-json' });
        const error = await fails(client().getUser(), VercelMalformedResponseError);
        assert.match(error.message, /not JSON/);
        assert.equal(requestsTo('GET', '/v2/user').length, 1, 'a malformed answer is not retried');
      });

      test('200 to a create without bearerToken → VercelMalformedResponseError, outcome unknown (it was created)', async () => {
        server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'malformed', variant: 'missing-fields', fields: ['bearerToken'] });
        const error = await fails(client().createToken({ name: 'valueless' }), VercelMalformedResponseError);
        assert.match(error.message, /bearerToken is missing/);
        assert.equal(error.outcomeUnknown, true);
        assert.ok(server.tokens().some((t) => t.name === 'valueless'));
      });

      test('200 list without tokens → VercelMalformedResponseError', async () => {
        server.fail({ path: '/v6/user/tokens', kind: 'malformed', variant: 'missing-fields', fields: ['tokens'] });
        const error = await fails(client().listTokens(), VercelMalformedResponseError);
        assert.match(error.message, /tokens is missing/);
      });
    });

    // --- retries ------------------------------------------------------------------------------

    describe('retries', () => {
      test('reads: 503 retried up to maxReadRetries (3) with growing back-off, then the error', async () => {
        server.fail({ path: '/v6/user/tokens', times: 'always', ...faults.serverError(503) });
        const error = await fails(client().listTokens(), VercelApiError);
        assert.equal(error.status, 503);
        assert.equal(requestsTo('GET', '/v6/user/tokens').length, 4);
        assert.deepEqual(sleeps, [250, 500, 1000]);
        assert.deepEqual(
          logged.map((e) => e.attempt),
          [1, 2, 3, 4],
        );
      });

      test('reads: 502 twice then success → the result', async () => {
        server.fail({ path: '/v2/teams', times: 2, ...faults.serverError(502) });
        server.addTeam({ slug: 'acme' });
        const teams = await client().listTeams();
        assert.deepEqual(
          teams.map((t) => t.slug),
          ['acme'],
        );
        assert.equal(requestsTo('GET', '/v2/teams').length, 3);
        assert.deepEqual(sleeps, [250, 500]);
      });

      test('reads: maxReadRetries 0 → one attempt only', async () => {
        server.fail({ path: '/v2/user', times: 'always', ...faults.serverError(503) });
        await fails(client({ maxReadRetries: 0 }).getUser(), VercelApiError);
        assert.equal(requestsTo('GET', '/v2/user').length, 1);
        assert.deepEqual(sleeps, []);
      });

      test('reads: 429 without any hint backs off exponentially from 1 s', async () => {
        server.fail({ path: '/v2/user', times: 2, kind: 'respond', status: 429, body: { error: { code: 'rate_limited', message: 'Slow down' } } });
        await client().getUser();
        assert.deepEqual(sleeps, [1000, 2000]);
      });

      test('a page retried in the middle of a listing is still fetched only once successfully', async () => {
        const now = Date.now();
        for (let i = 0; i < 150; i++) server.addToken({ createdAt: now - 10_000 - i * 1000 });
        // The second page answers 503 once.
        let calls = 0;
        const flaky: FetchLike = async (url, init) => {
          calls++;
          if (calls === 2) return new Response('<html>503</html>', { status: 503 });
          return fetchImpl(url, init);
        };
        const tokens = await client({ fetch: flaky }).listTokens();
        assert.equal(tokens.length, 151);
        assert.equal(new Set(tokens.map((t) => t.id)).size, 151);
        assert.deepEqual(sleeps, [250]);
        assert.equal(requestsTo('GET', '/v6/user/tokens').length, 2);
      });

      const neverRetried: { label: string; rule: FaultAction; type: ErrorClass<VercelError> }[] = [
        { label: '429', rule: faults.rateLimited({ retryAfter: 1 }), type: VercelApiError },
        { label: '500', rule: faults.serverError(500), type: VercelApiError },
        { label: '502', rule: faults.serverError(502, 'html'), type: VercelApiError },
        { label: '503', rule: faults.serverError(503), type: VercelApiError },
        { label: 'reset', rule: { kind: 'reset' }, type: VercelNetworkError },
      ];
      for (const { label, rule, type } of neverRetried) {
        test(`create on ${label}: sent exactly once`, async () => {
          server.fail({ method: 'POST', path: '/v3/user/tokens', times: 'always', ...rule });
          await fails(client().createToken({ name: `once-${label}` }), type);
          assert.equal(requestsTo('POST', '/v3/user/tokens').length, 1);
          assert.deepEqual(sleeps, []);
          assert.deepEqual(
            logged.map((e) => [e.method, e.attempt]),
            [['POST', 1]],
          );
        });
        test(`delete on ${label}: sent exactly once`, async () => {
          const victim = server.addToken({ name: 'victim' });
          server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', times: 'always', ...rule });
          await fails(client().deleteToken(victim.id), type);
          assert.equal(requestsTo('DELETE', `/v3/user/tokens/${victim.id}`).length, 1);
          assert.deepEqual(sleeps, []);
        });
      }
    });

    // --- onRequest log hook -------------------------------------------------------------------

    describe('onRequest', () => {
      test('one entry per attempt: method, path, status, duration, attempt; never a token value', async () => {
        const c = client();
        const created = await c.createToken({ name: 'logged' });
        await c.listTokens();
        await c.deleteToken(created.token.id);
        server.fail({ path: '/v2/user', ...faults.serverError(503) });
        await c.getUser();
        await fails(client({ token: 'vcp_wrongWrongWrong0000' }).getUser(), VercelApiError);

        assert.deepEqual(
          logged.map((e) => [e.method, e.path, e.status, e.attempt]),
          [
            ['POST', '/v3/user/tokens', 200, 1],
            ['GET', '/v6/user/tokens?limit=100', 200, 1],
            ['DELETE', `/v3/user/tokens/${created.token.id}`, 200, 1],
            ['GET', '/v2/user', 503, 1],
            ['GET', '/v2/user', 200, 2],
            ['GET', '/v2/user', 403, 1],
          ],
        );
        for (const entry of logged) {
          assert.equal(typeof entry.durationMs, 'number');
          assert.ok(entry.durationMs >= 0 && entry.durationMs < 5000, `durationMs ${entry.durationMs}`);
        }
        assert.equal(logged[0]?.error, undefined);
        assert.match(logged[3]?.error ?? '', /HTTP 503|internal error/);
        assert.match(logged[5]?.error ?? '', /Not authorized/);
        const serialized = JSON.stringify(logged);
        for (const secret of [server.accountToken, created.bearerToken, 'vcp_wrongWrongWrong0000']) {
          assert.equal(serialized.includes(secret), false, 'a token value in the request log');
        }
        assert.equal(/authorization|bearer/i.test(serialized), false, 'no headers in the log');
      });

      test('failed attempts without an answer are logged with the error and no status', async () => {
        server.fail({ path: '/v2/user', kind: 'hang' });
        await fails(client({ timeoutMs: 200, now: Date.now }).getUser(), VercelTimeoutError);
        assert.equal(logged.length, 1);
        assert.equal(logged[0]?.status, undefined);
        assert.equal(logged[0]?.method, 'GET');
        assert.equal(logged[0]?.path, '/v2/user');
        assert.match(logged[0]?.error ?? '', /did not answer/);
        assert.ok((logged[0]?.durationMs ?? 0) >= 190);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Misbehaving servers, served by an injected fake fetch.

interface FakeCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
}

/** Answers 200 with the JSON body `answer` returns for the n-th call. */
function scriptedFetch(answer: (call: FakeCall, index: number) => unknown) {
  const calls: FakeCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { url: new URL(url), method: init.method, headers: init.headers };
    calls.push(call);
    const body = answer(call, calls.length - 1);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}

function scriptedClient(fetch: FetchLike): VercelClient {
  return new VercelClient({ baseUrl: 'https://api.vercel.test', token: 'vcp_scriptedToken0000000000', fetch, sleep: async () => {} });
}

describe('defensive pagination against a misbehaving server', () => {
  test('a `next` that repeats stops the listing after the repeat', async () => {
    const first = authTokens(3, 'a_', BASE_TIME + 10_000_000);
    const second = authTokens(3, 'b_', BASE_TIME + 5_000_000);
    const { fetch, calls } = scriptedFetch((_call, i) => tokenPage(i === 0 ? first : second, { next: 4242 }));
    const tokens = await scriptedClient(fetch).listTokens();
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.url.searchParams.get('until'), null);
    assert.equal(calls[1]?.url.searchParams.get('until'), '4242');
    assert.deepEqual(
      tokens.map((t) => t.id),
      [...first, ...second].map((t) => t.id),
    );
  });

  test('pages of repeats behind a moving cursor stop the listing; no duplicates', async () => {
    const same = authTokens(5, 'r_');
    const { fetch, calls } = scriptedFetch((_call, i) => tokenPage(same, { next: 1000 - i }));
    const tokens = await scriptedClient(fetch).listTokens();
    assert.equal(calls.length, 2);
    assert.deepEqual(
      tokens.map((t) => t.id),
      same.map((t) => t.id),
    );
  });

  test('a cursor cycling A → B → A with repeated tokens stops; no duplicates', async () => {
    const pageA = authTokens(2, 'ca_', BASE_TIME + 9_000_000);
    const pageB = authTokens(2, 'cb_', BASE_TIME + 8_000_000);
    const { fetch, calls } = scriptedFetch((_call, i) => (i % 2 === 0 ? tokenPage(pageA, { next: 'B' }) : tokenPage(pageB, { next: 'A' })));
    const tokens = await scriptedClient(fetch).listTokens();
    assert.equal(calls.length, 3);
    assert.equal(tokens.length, 4);
    assert.equal(new Set(tokens.map((t) => t.id)).size, 4);
  });

  test('partially repeated pages keep only the first copy of each token, newest first', async () => {
    const older = authToken({ id: 'older', createdAt: BASE_TIME });
    const newer = authToken({ id: 'newer', createdAt: BASE_TIME + 10 });
    const middle = authToken({ id: 'middle', createdAt: BASE_TIME + 5, name: 'first copy' });
    const { fetch, calls } = scriptedFetch((_call, i) =>
      i === 0 ? tokenPage([older, middle], { next: 'p2' }) : tokenPage([{ ...middle, name: 'second copy' }, newer], { next: null }),
    );
    const tokens = await scriptedClient(fetch).listTokens();
    assert.equal(calls.length, 2);
    assert.deepEqual(
      tokens.map((t) => [t.id, t.name]),
      [
        ['newer', 'my token'],
        ['middle', 'first copy'],
        ['older', 'my token'],
      ],
    );
  });

  test('an empty page with a cursor stops the listing', async () => {
    const { fetch, calls } = scriptedFetch(() => tokenPage([], { next: 99 }));
    assert.deepEqual(await scriptedClient(fetch).listTokens(), []);
    assert.equal(calls.length, 1);
  });

  test('teams: a `next` that repeats stops the listing', async () => {
    const { fetch, calls } = scriptedFetch((_call, i) => teamPage([teamPayload({ id: `team_${i}`, slug: `t${i}` })], { next: 7 }));
    const teams = await scriptedClient(fetch).listTeams();
    assert.equal(calls.length, 2);
    assert.deepEqual(
      teams.map((t) => t.id),
      ['team_0', 'team_1'],
    );
  });

  test('teams: pages of repeats behind a moving cursor stop the listing; no duplicates', async () => {
    const { fetch, calls } = scriptedFetch((_call, i) => teamPage([teamPayload()], { next: 1000 - i }));
    const teams = await scriptedClient(fetch).listTeams();
    assert.deepEqual(
      teams.map((t) => t.id),
      ['team_abc'],
      `got ${teams.length} copies of one team`,
    );
    assert.ok(calls.length <= 2, `${calls.length} requests for one team`);
  });

  test('every scripted request still carries the bearer token', async () => {
    const { fetch, calls } = scriptedFetch(() => tokenPage([]));
    await scriptedClient(fetch).listTokens();
    assert.equal(calls[0]?.headers.Authorization, 'Bearer vcp_scriptedToken0000000000');
    assert.equal(calls[0]?.method, 'GET');
  });
});
