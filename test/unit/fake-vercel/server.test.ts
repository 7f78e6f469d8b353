import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthToken } from '../../../src/api/types';
import {
  faults,
  seedDemoData,
  seedManyTokens,
  startFakeVercel,
  type FakeVercel,
  type FaultAction,
  type RequestLogEntry,
} from '../../fake-vercel/server';

const NOT_AUTHORIZED = { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } };
const HOUR = 60 * 60 * 1000;

let server: FakeVercel;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // Response bodies are checked field by field; `any` keeps those assertions short.
  json: any;
}

async function call(
  path: string,
  { method = 'GET', token = server.accountToken, body }: { method?: string; token?: string | null; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseOrUndefined(text) };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const create = (body: unknown, { token, query = '' }: { token?: string; query?: string } = {}) =>
  call(`/v3/user/tokens${query}`, { method: 'POST', body, token });

async function listAll(limit: number): Promise<{ pages: number; ids: string[] }> {
  const ids: string[] = [];
  let pages = 0;
  let until: number | null | undefined;
  do {
    const { status, json } = await call(`/v6/user/tokens?limit=${limit}${until ? `&until=${until}` : ''}`);
    assert.equal(status, 200);
    pages++;
    ids.push(...json.tokens.map((token: AuthToken) => token.id));
    until = json.pagination.next;
  } while (until !== null);
  return { pages, ids };
}

before(async () => {
  server = await startFakeVercel();
});
afterEach(() => server.reset());
after(() => server.close());

describe('stand-in Vercel API: endpoints', () => {
  test('listens on loopback and has a full-account vcp_ token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(server.accountToken, /^vcp_[A-Za-z0-9]{24,}$/);
  });

  test('GET /v2/user answers the calling user', async () => {
    const { status, json } = await call('/v2/user');
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(json), ['user']);
    const { id, email, name, username, avatar, defaultTeamId } = json.user;
    assert.deepEqual(
      { id, email, name, username, avatar, defaultTeamId },
      { id: server.user.id, email: 'tester@example.com', name: 'Test User', username: 'tester', avatar: null, defaultTeamId: null },
    );
  });

  test('GET /v2/teams lists only the teams of the caller, paginated', async () => {
    server.addTeam({ id: 'team_a', slug: 'acme', name: 'Acme' });
    server.addTeam({ id: 'team_b', slug: 'beta', name: 'Beta' });
    const stranger = server.addUser({ username: 'stranger' });
    server.addTeam({ id: 'team_c', slug: 'closed', memberIds: [stranger.id] });

    const all = await call('/v2/teams');
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.json.teams.map((team: { id: string; slug: string; name: string }) => [team.id, team.slug, team.name]),
      [['team_b', 'beta', 'Beta'], ['team_a', 'acme', 'Acme']],
    );
    assert.deepEqual(all.json.pagination, { count: 2, next: null, prev: all.json.teams[0].createdAt });

    const first = await call('/v2/teams?limit=1');
    assert.equal(first.json.teams[0].id, 'team_b');
    const second = await call(`/v2/teams?limit=1&until=${first.json.pagination.next}`);
    assert.deepEqual(second.json.teams.map((team: { id: string }) => team.id), ['team_a']);
    assert.equal(second.json.pagination.next, null);
  });

  test('GET /v5/user/tokens/:id answers a token of the caller, `current` = the calling token, else 404', async () => {
    const current = await call('/v5/user/tokens/current');
    assert.equal(current.status, 200);
    assert.equal(current.json.token.name, 'Stand-in account token');
    assert.equal(current.json.token.suffix, server.accountToken.slice(-4));

    const own = server.addToken({ name: 'ci' });
    assert.deepEqual((await call(`/v5/user/tokens/${own.id}`)).json.token.name, 'ci');

    const foreign = server.addToken({ name: 'theirs', userId: server.addUser().id });
    for (const id of ['tok_unknown', foreign.id]) {
      const { status, json } = await call(`/v5/user/tokens/${id}`);
      assert.equal(status, 404);
      assert.equal(json.error.code, 'not_found');
      assert.equal(typeof json.error.message, 'string');
    }
  });

  test('GET /v6/user/tokens: newest first, default limit 20, revoked/expired/leaked included, other users excluded', async () => {
    for (let i = 0; i < 24; i++) server.addToken({ name: `t${i}` });
    const revoked = server.addToken({ name: 'revoked' });
    const expired = server.addToken({ name: 'expired', expiresAt: Date.now() + HOUR });
    const leaked = server.addToken({ name: 'leaked' });
    server.revoke(revoked.id);
    server.expire(expired.id);
    server.markLeaked(leaked.id, 'https://github.com/acme/app/blob/main/.env');
    server.addToken({ name: 'foreign', userId: server.addUser().id });

    const { status, json } = await call('/v6/user/tokens');
    assert.equal(status, 200);
    assert.equal(json.tokens.length, 20);
    assert.deepEqual(json.tokens.slice(0, 4).map((token: AuthToken) => token.name), ['leaked', 'expired', 'revoked', 't23']);
    const createdAts = json.tokens.map((token: AuthToken) => token.createdAt);
    assert.deepEqual(createdAts, [...createdAts].sort((a, b) => b - a));
    assert.equal(json.pagination.count, 20);
    assert.equal(json.pagination.next, json.tokens[19].createdAt);
    assert.equal(typeof json.tokens[0].leakedAt, 'number');
    assert.equal(json.tokens[0].leakedUrl, 'https://github.com/acme/app/blob/main/.env');
    assert.ok(json.tokens[1].expiresAt < Date.now());
    assert.equal(typeof json.tokens[2].revokedAt, 'number');

    const all = await listAll(100);
    assert.equal(all.ids.length, 28, '24 + 3 + the account token; not the foreign one');
  });

  test('GET /v6/user/tokens rejects a limit outside 1..100 and a non-numeric cursor with 400', async () => {
    for (const query of ['limit=101', 'limit=0', 'limit=abc', 'until=yesterday']) {
      const { status, json } = await call(`/v6/user/tokens?${query}`);
      assert.equal(status, 400, query);
      assert.equal(json.error.code, 'bad_request');
    }
    assert.equal((await call('/v6/user/tokens?limit=100')).status, 200);
  });

  test('pagination: 250 tokens at limit 100 in 3 pages, no repeats, no gaps', async () => {
    for (let i = 0; i < 249; i++) server.addToken({ name: `t${i}` }); // + the account token = 250
    const { pages, ids } = await listAll(100);
    assert.equal(pages, 3);
    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    assert.deepEqual(new Set(ids), new Set(server.tokens().map((token) => token.id)));
  });

  test('POST /v3/user/tokens creates a token and returns its value once', async () => {
    const expiresAt = Date.now() + 24 * HOUR;
    const before = Date.now();
    const { status, json } = await create({ name: 'deploy bot', expiresAt });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(json).sort(), ['bearerToken', 'token']);
    const { token, bearerToken } = json;
    assert.match(bearerToken, /^vcp_[A-Za-z0-9]{24,}$/);
    assert.match(token.id, /^tok_[A-Za-z0-9]+$/);
    assert.deepEqual(
      { name: token.name, type: token.type, origin: token.origin, prefix: token.prefix, suffix: token.suffix, expiresAt: token.expiresAt },
      { name: 'deploy bot', type: 'token', origin: 'manual', prefix: 'vcp_', suffix: bearerToken.slice(-4), expiresAt },
    );
    assert.ok(token.createdAt >= before && token.activeAt === token.createdAt);
    assert.deepEqual(token.scopes, [{ type: 'user', origin: 'manual', createdAt: token.createdAt, expiresAt }]);
    assert.equal(token.teamId, undefined);
    assert.equal(server.valueOf(token.id), bearerToken);

    const asNewToken = await call('/v5/user/tokens/current', { token: bearerToken });
    assert.equal(asNewToken.json.token.id, token.id);
    assert.equal((await call('/v6/user/tokens')).json.tokens[0].id, token.id);
  });

  test('POST /v3/user/tokens without expiresAt never expires', async () => {
    const { json } = await create({ name: 'forever' });
    assert.equal(json.token.expiresAt, undefined);
    assert.deepEqual(json.token.scopes, [{ type: 'user', origin: 'manual', createdAt: json.token.createdAt }]);
  });

  test('POST /v3/user/tokens?teamId= or ?slug= makes a team-scoped token; an unknown team is 403', async () => {
    const acme = server.addTeam({ id: 'team_acme', slug: 'acme', name: 'Acme' });
    for (const query of ['?teamId=team_acme', '?slug=acme']) {
      const { status, json } = await create({ name: 'team' }, { query });
      assert.equal(status, 200, query);
      assert.equal(json.token.teamId, acme.id);
      assert.deepEqual(json.token.scopes, [{ type: 'team', teamId: acme.id, origin: 'manual', createdAt: json.token.createdAt }]);
    }
    const foreignTeam = server.addTeam({ id: 'team_other', slug: 'other', memberIds: [server.addUser().id] });
    for (const query of ['?teamId=team_nope', '?slug=nope', `?teamId=${foreignTeam.id}`]) {
      const { status, json } = await create({ name: 'team' }, { query });
      assert.equal(status, 403, query);
      assert.equal(json.error.code, 'forbidden');
      assert.equal(json.error.invalidToken, undefined, 'the caller is still signed in');
    }
  });

  test('POST /v3/user/tokens rejects an invalid body with 400 and creates nothing', async () => {
    const invalid: [string, unknown][] = [
      ['missing name', {}],
      ['empty name', { name: '' }],
      ['blank name', { name: '   ' }],
      ['non-string name', { name: 42 }],
      ['string expiresAt', { name: 'x', expiresAt: '2030-01-01' }],
      ['past expiresAt', { name: 'x', expiresAt: Date.now() - 1000 }],
      ['extra property', { name: 'x', scopes: [] }],
      ['non-JSON', 'name=x'],
      ['array', ['x']],
    ];
    for (const [label, body] of invalid) {
      const { status, json } = await create(body);
      assert.equal(status, 400, label);
      assert.equal(json.error.code, 'bad_request', label);
      assert.ok(json.error.message.length > 0, label);
    }
    assert.equal(server.tokens().length, 1);
  });

  test('POST /v3/user/tokens: only a full-account token can create tokens', async () => {
    const team = server.addTeam({ id: 'team_acme', slug: 'acme', name: 'Acme' });
    server.addTeam({ id: 'team_beta', slug: 'beta' });
    const session = server.issueToken({ kind: 'oauth' });
    assert.equal(session.token.type, 'oauth2-token');
    const oauth = await create({ name: 'x' }, { token: session.value });
    assert.equal(oauth.status, 403);
    assert.deepEqual(oauth.json, {
      error: { code: 'forbidden', message: 'Only user authentication tokens can be used to create new tokens.' },
    });

    const scoped = server.issueToken({ kind: 'team-scoped', teamId: team.id });
    assert.equal(scoped.token.teamId, team.id);
    const noScope = await create({ name: 'x' }, { token: scoped.value });
    assert.equal(noScope.status, 403);
    assert.equal(noScope.json.error.message, 'To create a token you must be authenticated to scope "tester"');
    const otherScope = await create({ name: 'x' }, { token: scoped.value, query: '?teamId=team_beta' });
    assert.equal(otherScope.json.error.message, 'To create a token you must be authenticated to scope "beta"');
    assert.equal((await create({ name: 'x' }, { token: scoped.value, query: '?slug=acme' })).status, 200);

    const full = server.issueToken({ kind: 'full' });
    assert.equal((await create({ name: 'x' }, { token: full.value })).status, 200);
  });

  test('DELETE /v3/user/tokens/:id removes the token; its value stops working; unknown is 404', async () => {
    const { value, token } = server.issueToken({ kind: 'full', name: 'doomed' });
    const { status, json } = await call(`/v3/user/tokens/${token.id}`, { method: 'DELETE' });
    assert.equal(status, 200);
    assert.deepEqual(json, { tokenId: token.id });
    assert.ok(!server.tokens().some((t) => t.id === token.id));
    assert.deepEqual((await call('/v2/user', { token: value })).json, NOT_AUTHORIZED);

    const again = await call(`/v3/user/tokens/${token.id}`, { method: 'DELETE' });
    assert.equal(again.status, 404);
    assert.equal(again.json.error.code, 'not_found');
  });

  test('DELETE /v3/user/tokens/current deletes the calling token', async () => {
    const { value, token } = server.issueToken({ kind: 'oauth' });
    assert.deepEqual((await call('/v3/user/tokens/current', { method: 'DELETE', token: value })).json, { tokenId: token.id });
    assert.equal((await call('/v2/user', { token: value })).status, 403);
  });

  test('every endpoint answers 403 invalidToken to a missing, unknown, revoked, expired or leaked token', async () => {
    const revoked = server.issueToken({ kind: 'full' });
    const expired = server.issueToken({ kind: 'full' });
    const leaked = server.issueToken({ kind: 'full' });
    server.revoke(revoked.token.id);
    server.expire(expired.token.id);
    server.markLeaked(leaked.token.id, 'https://github.com/x/y');
    const tokens: [string, string | null][] = [
      ['missing', null],
      ['unknown', 'vcp_unknownunknownunknown1'],
      ['revoked', revoked.value],
      ['expired', expired.value],
      ['leaked', leaked.value],
    ];
    const endpoints: [string, string][] = [
      ['GET', '/v2/user'],
      ['GET', '/v2/teams'],
      ['GET', '/v5/user/tokens/current'],
      ['GET', '/v6/user/tokens'],
      ['POST', '/v3/user/tokens'],
      ['DELETE', '/v3/user/tokens/current'],
    ];
    for (const [label, token] of tokens) {
      for (const [method, path] of endpoints) {
        const body = method === 'POST' ? { name: 'x' } : undefined;
        const { status, json } = await call(path, { method, token, body });
        assert.equal(status, 403, `${label} ${method} ${path}`);
        assert.deepEqual(json, NOT_AUTHORIZED, `${label} ${method} ${path}`);
      }
    }
    const malformedHeader = await fetch(`${server.url}/v2/user`, { headers: { authorization: server.accountToken } });
    assert.equal(malformedHeader.status, 403, 'the Bearer scheme is required');
  });

  test('unknown paths and methods answer 404 not_found', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing'],
      ['PUT', '/v6/user/tokens'],
      ['GET', '/v3/user/tokens'],
    ]) {
      const { status, json } = await call(path, { method });
      assert.equal(status, 404, `${method} ${path}`);
      assert.deepEqual(json, { error: { code: 'not_found', message: 'The requested path was not found' } });
    }
  });

  test('the request log keeps method, path, query, body and status, never a token value', async () => {
    const seen: RequestLogEntry[] = [];
    const logged = await startFakeVercel({ onRequest: (entry) => seen.push(entry) });
    try {
      const response = await fetch(`${logged.url}/v3/user/tokens?teamId=`, {
        method: 'POST',
        headers: { authorization: `Bearer ${logged.accountToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'logged' }),
      });
      const { bearerToken } = (await response.json()) as { bearerToken: string };
      await fetch(`${logged.url}/v2/user`);
      assert.equal(logged.requests.length, 2);
      const [createEntry, anonymous] = logged.requests;
      assert.deepEqual(
        { method: createEntry.method, path: createEntry.path, query: createEntry.query, body: createEntry.body, status: createEntry.status },
        { method: 'POST', path: '/v3/user/tokens', query: { teamId: '' }, body: { name: 'logged' }, status: 200 },
      );
      assert.equal(createEntry.headers['content-type'], 'application/json');
      assert.equal(createEntry.headers.authorization, `Bearer vcp_…${logged.accountToken.slice(-4)}`);
      assert.ok(createEntry.at <= Date.now() && typeof createEntry.durationMs === 'number');
      assert.equal(anonymous.headers.authorization, undefined);
      assert.equal(anonymous.status, 403);
      const everything = JSON.stringify(logged.requests);
      assert.ok(!everything.includes(logged.accountToken) && !everything.includes(bearerToken));
      assert.equal(seen.length, 2);
      logged.reset();
      assert.equal(logged.requests.length, 0);
    } finally {
      await logged.close();
    }
  });
});

describe('stand-in Vercel API: state helpers and seeds', () => {
  test('addToken fills required fields; a value makes it usable', async () => {
    const plain = server.addToken();
    assert.match(plain.id, /^tok_/);
    assert.equal(plain.type, 'token');
    assert.equal(plain.activeAt, plain.createdAt);
    assert.equal(server.valueOf(plain.id), undefined);

    const value = 'vcp_abcdefghijklmnopqrstuvwx';
    const usable = server.addToken({ name: 'usable', value, origin: 'github' });
    assert.equal(usable.suffix, 'uvwx');
    assert.equal(usable.origin, 'github');
    assert.equal((await call('/v5/user/tokens/current', { token: value })).json.token.id, usable.id);
    assert.throws(() => server.addToken({ value }), /already exists/);
  });

  test('reset() restores the starting state and keeps the account token', async () => {
    server.addToken({ name: 'temp' });
    server.addTeam({ slug: 'temp' });
    server.fail({ path: '/v2/user', ...faults.serverError() });
    server.reset();
    assert.deepEqual(server.tokens().map((token) => token.name), ['Stand-in account token']);
    assert.equal((await call('/v2/teams')).json.teams.length, 0);
    assert.equal((await call('/v2/user')).status, 200);
  });

  test('seedDemoData builds a demo account with a token in every state', async () => {
    seedDemoData(server);
    const now = Date.now();
    assert.equal((await call('/v2/user')).json.user.email, 'demo@example.com');
    assert.deepEqual((await call('/v2/teams')).json.teams.map((team: { slug: string; name: string }) => [team.slug, team.name]), [['acme', 'Acme']]);
    const tokens: AuthToken[] = (await call('/v6/user/tokens?limit=100')).json.tokens;
    assert.ok(tokens.length >= 10);
    const live = (token: AuthToken) => !token.revokedAt && !token.leakedAt;
    const expiresWithin = (token: AuthToken, from: number, to: number) =>
      live(token) && token.expiresAt !== undefined && token.expiresAt > now + from && token.expiresAt <= now + to;
    const has = (label: string, predicate: (token: AuthToken) => boolean) => assert.ok(tokens.some(predicate), label);
    has('active without expiry', (t) => live(t) && t.expiresAt === undefined && t.type === 'token');
    has('expiring in 3 hours', (t) => expiresWithin(t, 2 * HOUR, 3 * HOUR) && t.type === 'token');
    has('expiring in 2 days', (t) => expiresWithin(t, 47 * HOUR, 48 * HOUR));
    has('expiring in 60 days', (t) => expiresWithin(t, 59 * 24 * HOUR, 60 * 24 * HOUR));
    has('expired', (t) => live(t) && t.expiresAt !== undefined && t.expiresAt < now);
    has('revoked', (t) => t.revokedAt !== undefined);
    has('leaked on GitHub', (t) => t.leakedAt !== undefined && (t.leakedUrl ?? '').startsWith('https://github.com/'));
    has('CLI login session', (t) => t.type === 'oauth2-token');
    has('team-scoped', (t) => t.teamId === 'team_acme0000000000000000000' && t.scopes?.[0].type === 'team');
    has('unknown origin', (t) => t.origin === 'future-thing' && t.scopes?.[0].origin === 'future-thing');
    has('never used', (t) => t.activeAt === t.createdAt && t.createdAt < now - HOUR);
  });

  test('seedManyTokens: 10,000 tokens list through pagination in well under a second', async () => {
    seedManyTokens(server, 10_000);
    // The CPU time of this process (the stand-in and the client both run here), not the wall
    // time: the unit tests run several files at once, and the others' share of the cores is no
    // measure of the stand-in.
    const started = process.cpuUsage();
    const { pages, ids } = await listAll(100);
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1000;
    assert.equal(ids.length, 10_001);
    assert.equal(new Set(ids).size, 10_001);
    assert.equal(pages, 101);
    assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms of CPU`);
  });
});

describe('stand-in Vercel API: fault injection', () => {
  test('a respond rule answers once by default, then the real endpoint answers', async () => {
    server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
    const failed = await call('/v6/user/tokens');
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.json, { error: { code: 'internal_server_error', message: 'An unexpected internal error occurred.' } });
    assert.equal((await call('/v6/user/tokens')).status, 200);
  });

  test('502/503 with an HTML body that is not JSON', async () => {
    server.fail({ path: '/v2/user', ...faults.serverError(502, 'html') });
    server.fail({ path: '/v2/user', ...faults.serverError(503, 'html') });
    for (const status of [502, 503]) {
      const answer = await call('/v2/user');
      assert.equal(answer.status, status);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(answer.json, undefined);
      assert.match(answer.text, new RegExp(`<h1>${status} `));
    }
  });

  test('429 with Retry-After in seconds or as an HTTP date, and error.limit.resetMs', async () => {
    const resetMs = Date.now() + 30_000;
    server.fail({ path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: 7 }) });
    const date = new Date(Date.now() + 90_000);
    server.fail({ path: '/v6/user/tokens', ...faults.rateLimited({ retryAfter: date }) });
    server.fail({ path: '/v6/user/tokens', ...faults.rateLimited({ resetMs }) });

    const seconds = await call('/v6/user/tokens');
    assert.equal(seconds.status, 429);
    assert.equal(seconds.headers.get('retry-after'), '7');
    assert.equal(seconds.json.error.code, 'rate_limited');
    assert.deepEqual(Object.keys(seconds.json.error.limit).sort(), ['remaining', 'reset', 'resetMs', 'total']);

    const httpDate = await call('/v6/user/tokens');
    assert.equal(httpDate.headers.get('retry-after'), date.toUTCString());

    const resetOnly = await call('/v6/user/tokens');
    assert.equal(resetOnly.headers.get('retry-after'), null);
    assert.equal(resetOnly.json.error.limit.resetMs, resetMs);
    assert.equal(resetOnly.json.error.limit.reset, Math.ceil(resetMs / 1000));
  });

  test('403 invalidToken, SAML and scope errors, 404, in classic, flat and legacy shapes', async () => {
    const samlMessage = 'You must re-authenticate to access "acme" (SAML Single Sign-On).';
    const expected: [FaultAction, number, unknown][] = [
      [faults.invalidToken(), 403, NOT_AUTHORIZED],
      [faults.saml('team_acme', 'acme'), 403, { error: { code: 'forbidden', message: samlMessage, saml: true, teamId: 'team_acme', scope: 'acme' } }],
      [faults.scopeRequired('acme'), 403, { error: { code: 'forbidden', message: 'To create a token you must be authenticated to scope "acme"' } }],
      [faults.classicTokenRequired(), 403, { error: { code: 'forbidden', message: 'Only user authentication tokens can be used to create new tokens.' } }],
      [faults.notFound(), 404, { error: { code: 'not_found', message: 'The requested path was not found' } }],
      [faults.error(500, 'boom', 'Flat failure', 'flat'), 500, { status: 500, code: 'boom', message: 'Flat failure' }],
      [faults.error(400, 'old', 'Legacy failure', 'legacy'), 400, { err: { code: 'old', message: 'Legacy failure' } }],
    ];
    for (const [action, status, body] of expected) {
      server.fail({ path: '/v2/user', ...action });
      const answer = await call('/v2/user');
      assert.equal(answer.status, status);
      assert.deepEqual(answer.json, body);
    }
  });

  test('times: n, always, method and path patterns, clearFaults()', async () => {
    server.fail({ method: 'DELETE', path: '/v3/user/tokens/:id', times: 2, ...faults.serverError(503) });
    server.fail({ path: /^\/v2\/te/, times: 'always', ...faults.notFound() });
    const token = server.addToken();

    assert.equal((await call(`/v5/user/tokens/${token.id}`)).status, 200, 'GET is not matched by a DELETE rule');
    assert.equal((await call(`/v3/user/tokens/${token.id}`, { method: 'DELETE' })).status, 503);
    assert.equal((await call(`/v3/user/tokens/${token.id}`, { method: 'DELETE' })).status, 503);
    assert.equal((await call(`/v3/user/tokens/${token.id}`, { method: 'DELETE' })).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await call('/v2/teams')).status, 404);
    server.clearFaults();
    assert.equal((await call('/v2/teams')).status, 200);
  });

  test('delay answers normally after the delay', async () => {
    server.fail({ path: '/v2/user', kind: 'delay', ms: 150 });
    const started = performance.now();
    const { status } = await call('/v2/user');
    assert.equal(status, 200);
    assert.ok(performance.now() - started >= 140);
  });

  test('hang never answers; hang with a partial body sends headers and never finishes', async () => {
    server.fail({ path: '/v2/user', kind: 'hang' });
    await assert.rejects(fetch(`${server.url}/v2/user`, { signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });

    server.fail({ path: '/v6/user/tokens', kind: 'hang', partialBody: true });
    const response = await fetch(`${server.url}/v6/user/tokens`, {
      headers: { authorization: `Bearer ${server.accountToken}` },
      signal: AbortSignal.timeout(300),
    });
    assert.equal(response.status, 200);
    await assert.rejects(response.text(), { name: 'TimeoutError' });
  });

  test('reset destroys the socket before the operation', async () => {
    server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'reset' });
    await assert.rejects(create({ name: 'lost' }), TypeError);
    assert.ok(!server.tokens().some((token) => token.name === 'lost'));
    assert.equal(server.requests.at(-1)?.status, null, 'logged as unanswered');
  });

  test('resetAfterCommit performs the operation, then destroys the socket', async () => {
    server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
    await assert.rejects(create({ name: 'unknown outcome' }), TypeError);
    const created = server.tokens().find((token) => token.name === 'unknown outcome');
    assert.ok(created && server.valueOf(created.id));
  });

  test('malformed: 200 with a body that is not JSON, or JSON missing fields', async () => {
    server.fail({ path: '/v3/user/tokens', kind: 'malformed', variant: 'not-json' });
    const notJson = await create({ name: 'a' });
    assert.equal(notJson.status, 200);
    assert.match(notJson.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(notJson.json, undefined);

    server.fail({ path: '/v3/user/tokens', kind: 'malformed', variant: 'missing-fields' });
    assert.deepEqual((await create({ name: 'b' })).json, {});

    server.fail({ path: '/v3/user/tokens', kind: 'malformed', variant: 'missing-fields', fields: ['bearerToken'] });
    const noValue = await create({ name: 'c' });
    assert.deepEqual(Object.keys(noValue.json), ['token']);
    assert.equal(noValue.json.token.name, 'c');

    assert.deepEqual(
      server.tokens().filter((token) => ['a', 'b', 'c'].includes(token.name)).map((token) => token.name).sort(),
      ['a', 'b', 'c'],
      'the operations were performed',
    );
  });

  test('close() with hung requests pending finishes quickly', async () => {
    const hanging = await startFakeVercel();
    hanging.fail({ path: '/v6/user/tokens', kind: 'hang', partialBody: true });
    hanging.fail({ path: '*', kind: 'hang', times: 'always' });
    const silent = fetch(`${hanging.url}/v2/user`).catch((error: unknown) => error);
    const partial = fetch(`${hanging.url}/v6/user/tokens`, { headers: { authorization: `Bearer ${hanging.accountToken}` } })
      .then((response) => response.text())
      .catch((error: unknown) => error);
    while (hanging.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));

    const started = performance.now();
    await hanging.close();
    assert.ok(performance.now() - started < 500);
    assert.ok((await silent) instanceof TypeError, 'the client sees the connection close');
    assert.ok((await partial) instanceof TypeError, 'the client sees the body cut off');
  });
});
