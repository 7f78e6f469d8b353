// The shape checks at the API boundary: tables of valid and invalid bodies for every parser, then a
// seeded fuzz run (5,000 random values and mutations of valid bodies) proving that nothing but a
// well-formed value or a VercelMalformedResponseError ever comes out.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { VercelMalformedResponseError } from '../../../src/api/errors';
import {
  parseAuthToken,
  parseCreatedToken,
  parseDeletedTokenId,
  parseErrorBody,
  parseSingleToken,
  parseTeamPage,
  parseTokenPage,
  parseUser,
} from '../../../src/api/parse';
import type { AuthToken } from '../../../src/api/types';
import {
  AuthTokenBuilder,
  BASE_TIME,
  authToken,
  classicError,
  createdTokenBody,
  deletedTokenBody,
  flatError,
  invalidTokenError,
  legacyError,
  rateLimitedError,
  samlError,
  singleTokenBody,
  team,
  teamPage,
  tokenPage,
  userBody,
} from './builders';
import { mulberry32 } from '../support/random';

function assertMalformed(fn: () => unknown, message?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof VercelMalformedResponseError, `expected VercelMalformedResponseError, got ${String(error)}`);
    assert.equal(error.kind, 'malformed');
    if (message) assert.match(error.message, message);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
describe('parseAuthToken', () => {
  test('a complete token is read field by field; nothing else is added', () => {
    const payload = new AuthTokenBuilder()
      .id('tok_full')
      .name('deploy bot')
      .type('token')
      .origin('github')
      .createdAt(BASE_TIME)
      .activeAt(BASE_TIME + 5)
      .expiresAt(BASE_TIME + 10)
      .revokedAt(BASE_TIME + 20)
      .leaked(BASE_TIME + 30, 'https://github.com/acme/leak/blob/main/.env')
      .teamScoped('team_1')
      .with('projectId', 'prj_1')
      .build();
    assert.deepEqual(parseAuthToken(payload), {
      id: 'tok_full',
      name: 'deploy bot',
      type: 'token',
      createdAt: BASE_TIME,
      activeAt: BASE_TIME + 5,
      prefix: 'vcp_',
      suffix: 'a1b2',
      origin: 'github',
      scopes: [{ type: 'team', origin: 'manual', teamId: 'team_1', createdAt: BASE_TIME, expiresAt: undefined, sudo: undefined }],
      expiresAt: BASE_TIME + 10,
      revokedAt: BASE_TIME + 20,
      leakedAt: BASE_TIME + 30,
      leakedUrl: 'https://github.com/acme/leak/blob/main/.env',
      teamId: 'team_1',
      projectId: 'prj_1',
    } satisfies AuthToken);
  });

  const valid: { title: string; payload: unknown; expect: (token: AuthToken) => void }[] = [
    {
      title: 'only the required fields',
      payload: { id: 'tok_min', name: 'min', type: 'token', createdAt: 1, activeAt: 2 },
      expect: (t) => assert.deepEqual(t, { id: 'tok_min', name: 'min', type: 'token', createdAt: 1, activeAt: 2 }),
    },
    {
      title: 'unknown extra fields are tolerated and kept out of the result',
      payload: authToken({ id: 'tok_x', futureField: 'x', nested: { deep: [1, 2, { a: null }] }, __proto_like__: 1 }),
      expect: (t) => {
        assert.equal(t.id, 'tok_x');
        assert.equal('futureField' in t, false);
        assert.equal('nested' in t, false);
        assert.equal('__proto_like__' in t, false);
      },
    },
    {
      title: 'an unknown origin is kept as text',
      payload: authToken({ origin: 'some-origin-from-2030' }),
      expect: (t) => assert.equal(t.origin, 'some-origin-from-2030'),
    },
    {
      title: 'an unknown scope type is kept, not rejected',
      payload: new AuthTokenBuilder().scopes((s) => s.type('project').with('projectId', 'prj_9'), (s) => s.team('team_2')).build(),
      expect: (t) => {
        assert.deepEqual(
          t.scopes?.map((s) => s.type),
          ['project', 'team'],
        );
        assert.equal(t.scopes?.[1]?.teamId, 'team_2');
      },
    },
    {
      title: 'an unknown scope origin is kept',
      payload: new AuthTokenBuilder().scopes((s) => s.origin('passkey-2031')).build(),
      expect: (t) => assert.equal(t.scopes?.[0]?.origin, 'passkey-2031'),
    },
    {
      title: 'unreadable scopes (not objects, no type) are dropped, the token survives',
      payload: authToken({ scopes: [null, 'user', 7, [], { origin: 'manual' }, { type: '' }, { type: 'user', createdAt: 'soon' }] }),
      expect: (t) => assert.deepEqual(t.scopes, [{ type: 'user', origin: undefined, teamId: undefined, createdAt: undefined, expiresAt: undefined, sudo: undefined }]),
    },
    {
      title: 'scopes that are not an array are ignored',
      payload: authToken({ scopes: { type: 'user' } }),
      expect: (t) => assert.equal(t.scopes, undefined),
    },
    {
      title: 'name missing → empty name (the token must still be listed to be revocable)',
      payload: authToken({ name: undefined }),
      expect: (t) => assert.equal(t.name, ''),
    },
    {
      title: 'name null → empty name',
      payload: authToken({ name: null }),
      expect: (t) => assert.equal(t.name, ''),
    },
    {
      title: 'name not a string → empty name',
      payload: authToken({ name: 42 }),
      expect: (t) => assert.equal(t.name, ''),
    },
    {
      title: 'activeAt missing (never used) → createdAt',
      payload: authToken({ createdAt: 1234, activeAt: undefined }),
      expect: (t) => assert.equal(t.activeAt, 1234),
    },
    {
      title: 'expiresAt null → no expiry',
      payload: authToken({ expiresAt: null }),
      expect: (t) => assert.equal('expiresAt' in t, false),
    },
    {
      title: 'free-text type (oauth2-token) is kept',
      payload: authToken({ type: 'oauth2-token' }),
      expect: (t) => assert.equal(t.type, 'oauth2-token'),
    },
    {
      title: 'unicode name is kept byte for byte',
      payload: authToken({ name: 'déploiement 本番 🚀' }),
      expect: (t) => assert.equal(t.name, 'déploiement 本番 🚀'),
    },
  ];
  for (const { title, payload, expect } of valid) {
    test(`valid: ${title}`, () => expect(parseAuthToken(payload)));
  }

  const invalid: { title: string; payload: unknown; message: RegExp }[] = [
    { title: 'id missing', payload: authToken({ id: undefined }), message: /token\.id is missing/ },
    { title: 'id empty', payload: authToken({ id: '' }), message: /token\.id/ },
    { title: 'id a number', payload: authToken({ id: 12345 }), message: /token\.id/ },
    { title: 'type missing', payload: authToken({ type: undefined }), message: /token\.type is missing/ },
    { title: 'type null', payload: authToken({ type: null }), message: /token\.type/ },
    { title: 'createdAt missing', payload: authToken({ createdAt: undefined }), message: /token\.createdAt is missing/ },
    { title: 'createdAt a numeric string', payload: authToken({ createdAt: String(BASE_TIME) }), message: /token\.createdAt/ },
    { title: 'createdAt an ISO date string', payload: authToken({ createdAt: '2026-01-01T00:00:00Z' }), message: /token\.createdAt/ },
    { title: 'createdAt null', payload: authToken({ createdAt: null }), message: /token\.createdAt/ },
    { title: 'createdAt Infinity (1e400 in JSON)', payload: JSON.parse('{"id":"t","type":"token","createdAt":1e400}'), message: /token\.createdAt/ },
    { title: 'the token is null', payload: null, message: /token is missing/ },
    { title: 'the token is an array', payload: [authToken()], message: /token is missing/ },
    { title: 'the token is a string', payload: 'tok_1', message: /token is missing/ },
    // Numbers sent as strings in optional time fields must not silently vanish: a revoked, leaked or
    // expiring token would then be shown as active, safe or never-expiring.
    { title: 'expiresAt a numeric string', payload: authToken({ expiresAt: String(BASE_TIME) }), message: /token\.expiresAt/ },
    { title: 'revokedAt a numeric string', payload: authToken({ revokedAt: String(BASE_TIME) }), message: /token\.revokedAt/ },
    { title: 'leakedAt a numeric string', payload: authToken({ leakedAt: String(BASE_TIME) }), message: /token\.leakedAt/ },
    { title: 'activeAt a numeric string', payload: authToken({ activeAt: String(BASE_TIME) }), message: /token\.activeAt/ },
  ];
  for (const { title, payload, message } of invalid) {
    test(`invalid: ${title} → VercelMalformedResponseError naming the field`, () => assertMalformed(() => parseAuthToken(payload), message));
  }
});

// ---------------------------------------------------------------------------------------------
describe('parseTokenPage', () => {
  test('a page with a numeric cursor', () => {
    const tokens = [authToken({ id: 'a' }), authToken({ id: 'b' })];
    const page = parseTokenPage(tokenPage(tokens, { count: 2, next: 1767225500000 }));
    assert.deepEqual(
      page.tokens.map((t) => t.id),
      ['a', 'b'],
    );
    assert.deepEqual(page.pagination, { count: 2, next: 1767225500000 });
  });
  test('a string cursor is kept as a string', () => {
    assert.equal(parseTokenPage(tokenPage([], { next: 'cursor_abc' })).pagination.next, 'cursor_abc');
  });
  test('missing pagination → last page, count 0', () => {
    assert.deepEqual(parseTokenPage({ tokens: [] }).pagination, { count: 0, next: null });
  });
  test('a cursor of an unknown type (object, boolean) → treated as the last page', () => {
    assert.equal(parseTokenPage({ tokens: [], pagination: { next: { at: 1 } } }).pagination.next, null);
    assert.equal(parseTokenPage({ tokens: [], pagination: { next: true } }).pagination.next, null);
  });
  test('unknown page fields are tolerated', () => {
    const page = parseTokenPage({ ...tokenPage([authToken({ id: 'z' })]), meta: { region: 'iad1' } });
    assert.equal(page.tokens[0]?.id, 'z');
    assert.equal('meta' in page, false);
  });
  const invalid: { title: string; body: unknown; message: RegExp }[] = [
    { title: 'tokens missing', body: { pagination: { count: 0, next: null } }, message: /tokens is missing/ },
    { title: 'tokens an object', body: { tokens: { 0: authToken() } }, message: /tokens is missing/ },
    { title: 'tokens null', body: { tokens: null }, message: /tokens is missing/ },
    { title: 'the body is an array', body: [], message: /response is missing/ },
    { title: 'the body is null', body: null, message: /response is missing/ },
    { title: 'the second token has no id', body: tokenPage([authToken(), authToken({ id: undefined })]), message: /tokens\[1\]\.id is missing/ },
    { title: 'the first token has a string createdAt', body: tokenPage([authToken({ createdAt: '1700000000000' })]), message: /tokens\[0\]\.createdAt/ },
    { title: 'a token is null', body: { tokens: [null] }, message: /tokens\[0\] is missing/ },
  ];
  for (const { title, body, message } of invalid) {
    test(`invalid: ${title}`, () => assertMalformed(() => parseTokenPage(body), message));
  }
});

// ---------------------------------------------------------------------------------------------
describe('parseCreatedToken', () => {
  test('token and value', () => {
    const created = parseCreatedToken(createdTokenBody({ token: authToken({ id: 'tok_new', name: 'ci' }), bearerToken: 'vcp_secretValue' }));
    assert.equal(created.bearerToken, 'vcp_secretValue');
    assert.equal(created.token.id, 'tok_new');
    assert.equal(created.token.name, 'ci');
  });
  test('unknown extra fields are tolerated', () => {
    const created = parseCreatedToken({ ...createdTokenBody({ bearerToken: 'vcp_v' }), extra: [1, 2] });
    assert.equal(created.bearerToken, 'vcp_v');
    assert.deepEqual(Object.keys(created).sort(), ['bearerToken', 'token']);
  });
  const invalid: { title: string; body: unknown; message: RegExp }[] = [
    { title: 'bearerToken missing', body: { token: authToken() }, message: /bearerToken is missing/ },
    { title: 'bearerToken empty', body: createdTokenBody({ bearerToken: '' }), message: /bearerToken/ },
    { title: 'bearerToken a number', body: { token: authToken(), bearerToken: 12345 }, message: /bearerToken/ },
    { title: 'bearerToken null', body: { token: authToken(), bearerToken: null }, message: /bearerToken/ },
    { title: 'token missing', body: { bearerToken: 'vcp_v' }, message: /token is missing/ },
    { title: 'token without id', body: { token: authToken({ id: undefined }), bearerToken: 'vcp_v' }, message: /token\.id/ },
    { title: 'body a string', body: 'vcp_v', message: /response is missing/ },
  ];
  for (const { title, body, message } of invalid) {
    test(`invalid: ${title}`, () => assertMalformed(() => parseCreatedToken(body), message));
  }
  test('the error message never contains the value that came with a broken token', () => {
    assert.throws(
      () => parseCreatedToken({ token: authToken({ createdAt: undefined }), bearerToken: 'vcp_mustNotLeak123' }),
      (error: unknown) => error instanceof VercelMalformedResponseError && !error.message.includes('vcp_mustNotLeak123'),
    );
  });
});

// ---------------------------------------------------------------------------------------------
describe('parseSingleToken', () => {
  test('{ token }', () => assert.equal(parseSingleToken(singleTokenBody(authToken({ id: 'tok_cur' }))).id, 'tok_cur'));
  test('invalid: token missing', () => assertMalformed(() => parseSingleToken({}), /token is missing/));
  test('invalid: token without type', () => assertMalformed(() => parseSingleToken({ token: authToken({ type: undefined }) }), /token\.type/));
  test('invalid: body null', () => assertMalformed(() => parseSingleToken(null), /response is missing/));
});

// ---------------------------------------------------------------------------------------------
describe('parseUser', () => {
  test('a full user', () => {
    assert.deepEqual(parseUser(userBody({ defaultTeamId: 'team_1', limited: true })), {
      id: 'usr_123',
      username: 'ada',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      defaultTeamId: 'team_1',
      limited: true,
    });
  });
  test('optional fields missing → null / undefined / false; extra fields kept out', () => {
    assert.deepEqual(parseUser({ user: { id: 'usr_1', username: 'u', softBlock: null, billing: { plan: 'pro' } } }), {
      id: 'usr_1',
      username: 'u',
      email: undefined,
      name: null,
      defaultTeamId: null,
      limited: false,
    });
  });
  test('limited is true only for a literal true', () => assert.equal(parseUser(userBody({ limited: 'yes' as unknown as boolean })).limited, false));
  const invalid: { title: string; body: unknown; message: RegExp }[] = [
    { title: 'id missing', body: { user: { username: 'u' } }, message: /user\.id is missing/ },
    { title: 'username missing', body: { user: { id: 'usr_1' } }, message: /user\.username is missing/ },
    { title: 'id a number', body: { user: { id: 1, username: 'u' } }, message: /user\.id/ },
    { title: 'user missing', body: {}, message: /user is missing/ },
    { title: 'user an array', body: { user: [] }, message: /user is missing/ },
    { title: 'body a number', body: 3, message: /response is missing/ },
  ];
  for (const { title, body, message } of invalid) {
    test(`invalid: ${title}`, () => assertMalformed(() => parseUser(body), message));
  }
});

// ---------------------------------------------------------------------------------------------
describe('parseTeamPage', () => {
  test('teams and cursor; extra fields kept out; a missing name → null', () => {
    const page = parseTeamPage(teamPage([team(), { id: 'team_2', slug: 'two', avatar: 'x' } as never], { next: 99 }));
    assert.deepEqual(page, {
      teams: [
        { id: 'team_abc', slug: 'acme', name: 'Acme Inc' },
        { id: 'team_2', slug: 'two', name: null },
      ],
      pagination: { count: 2, next: 99 },
    });
  });
  const invalid: { title: string; body: unknown; message: RegExp }[] = [
    { title: 'teams missing', body: { pagination: {} }, message: /teams is missing/ },
    { title: 'a team without slug', body: teamPage([team(), team({ slug: undefined as never })]), message: /teams\[1\]\.slug is missing/ },
    { title: 'a team without id', body: teamPage([team({ id: '' })]), message: /teams\[0\]\.id/ },
    { title: 'a team that is a string', body: { teams: ['acme'] }, message: /teams\[0\] is missing/ },
  ];
  for (const { title, body, message } of invalid) {
    test(`invalid: ${title}`, () => assertMalformed(() => parseTeamPage(body), message));
  }
});

// ---------------------------------------------------------------------------------------------
describe('parseDeletedTokenId', () => {
  test('{ tokenId }', () => assert.equal(parseDeletedTokenId(deletedTokenBody('tok_gone')), 'tok_gone'));
  test('invalid: tokenId missing', () => assertMalformed(() => parseDeletedTokenId({}), /response\.tokenId is missing/));
  test('invalid: tokenId a number', () => assertMalformed(() => parseDeletedTokenId({ tokenId: 5 }), /tokenId/));
  test('invalid: body empty string', () => assertMalformed(() => parseDeletedTokenId(''), /response is missing/));
});

// ---------------------------------------------------------------------------------------------
describe('parseErrorBody (three shapes)', () => {
  const cases: { title: string; status: number; body: unknown; expect: Record<string, unknown> }[] = [
    {
      title: 'classic { error: { code, message } }',
      status: 400,
      body: classicError('bad_request', 'Invalid request: `name` is required.'),
      expect: { status: 400, code: 'bad_request', message: 'Invalid request: `name` is required.', invalidToken: false, saml: false },
    },
    {
      title: 'legacy { err: { code, message } }',
      status: 404,
      body: legacyError('not_found', 'The token was not found.'),
      expect: { status: 404, code: 'not_found', message: 'The token was not found.' },
    },
    {
      title: 'flat { status, code, message }',
      status: 403,
      body: flatError(403, 'forbidden', 'Only user authentication tokens can be used to create new tokens.'),
      expect: { status: 403, code: 'forbidden', message: 'Only user authentication tokens can be used to create new tokens.' },
    },
    {
      title: 'invalidToken',
      status: 403,
      body: invalidTokenError(),
      expect: { status: 403, code: 'forbidden', message: 'Not authorized', invalidToken: true, saml: false },
    },
    {
      title: 'saml with teamId',
      status: 403,
      body: samlError('team_saml'),
      expect: { saml: true, teamId: 'team_saml', invalidToken: false },
    },
    {
      title: 'rate limit resetMs',
      status: 429,
      body: rateLimitedError(1767225600000),
      expect: { code: 'rate_limited', rateLimitResetAt: 1767225600000 },
    },
    {
      title: 'invalidToken must be a literal true',
      status: 403,
      body: classicError('forbidden', 'x', { invalidToken: 'true' }),
      expect: { invalidToken: false },
    },
    {
      title: 'a non-object body → only the status',
      status: 500,
      body: undefined,
      expect: { status: 500, code: undefined, message: undefined, invalidToken: false, saml: false, teamId: undefined, rateLimitResetAt: undefined },
    },
    {
      title: 'a string resetMs is ignored',
      status: 429,
      body: classicError('rate_limited', 'slow down', { limit: { resetMs: '1767225600000' } }),
      expect: { rateLimitResetAt: undefined, message: 'slow down' },
    },
  ];
  for (const { title, status, body, expect } of cases) {
    test(title, () => {
      const details = parseErrorBody(status, body);
      for (const [key, value] of Object.entries(expect)) assert.deepEqual((details as unknown as Record<string, unknown>)[key], value, key);
    });
  }
  test('a huge message is cut to 500 characters', () => {
    const details = parseErrorBody(400, classicError('bad_request', 'x'.repeat(10_000)));
    assert.equal(details.message?.length, 500);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz: every parser, 5,000 inputs, seeded.

const FUZZ_KEYS = [
  'id', 'name', 'type', 'createdAt', 'activeAt', 'expiresAt', 'scopes', 'origin', 'teamId', 'token', 'tokens',
  'bearerToken', 'pagination', 'next', 'count', 'user', 'username', 'teams', 'slug', 'tokenId', 'error', 'err',
  'message', 'code', 'limit', 'resetMs', 'invalidToken', 'saml', '__proto__', 'constructor', 'toString', 'valueOf',
  'length', '', '0', 'x',
];

const HUGE_NUMBERS = [1e308, -1e308, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, -0, 5e-324, 2 ** 64];

class Fuzzer {
  constructor(private readonly random: () => number) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  string(): string {
    const pool = ['', 'token', 'vcp_x', '0', '1700000000000', 'null', '\u0000', '🚀', 'a'.repeat(1000), '<html>', '{"a":1}', 'déjà'];
    return this.random() < 0.5 ? this.pick(pool) : this.random().toString(36).slice(2, 2 + this.int(12));
  }
  number(): number {
    const r = this.random();
    if (r < 0.2) return this.pick(HUGE_NUMBERS);
    if (r < 0.5) return this.int(2000) - 1000;
    if (r < 0.7) return BASE_TIME + this.int(1e9);
    return (this.random() - 0.5) * 1e6;
  }
  /** A value JSON.parse could produce (1e400 parses to Infinity, so infinities are fair game). */
  json(depth = 0): unknown {
    const r = this.random();
    if (depth > 6 || r < 0.15) return null;
    if (r < 0.3) return this.random() < 0.5;
    if (r < 0.45) return this.number();
    if (r < 0.6) return this.string();
    if (r < 0.8) return Array.from({ length: this.int(5) }, () => this.json(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = this.int(6); i > 0; i--) setOwn(object, this.pick(FUZZ_KEYS), this.json(depth + 1));
    return object;
  }
  /** Change one thing somewhere inside a valid body. */
  mutate(value: unknown, depth = 0): unknown {
    const containers = value !== null && typeof value === 'object';
    if (!containers || (depth > 0 && this.random() < 0.3)) return this.replace(value);
    if (Array.isArray(value)) {
      const copy = [...value];
      const r = this.random();
      if (copy.length === 0 || r < 0.15) copy.push(this.json(2));
      else if (r < 0.3) copy.splice(this.int(copy.length), 1);
      else if (r < 0.4) copy.push(copy[this.int(copy.length)]); // a repeat
      else {
        const i = this.int(copy.length);
        copy[i] = this.mutate(copy[i], depth + 1);
      }
      return copy;
    }
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const r = this.random();
    if (keys.length === 0 || r < 0.15) setOwn(copy, this.pick(FUZZ_KEYS), this.json(1)); // add a field
    else if (r < 0.35) delete copy[this.pick(keys)]; // drop a field
    else {
      const key = this.pick(keys);
      setOwn(copy, key, this.mutate(copy[key], depth + 1));
    }
    return copy;
  }
  private replace(value: unknown): unknown {
    switch (this.int(8)) {
      case 0:
        return null;
      case 1:
        return [value]; // wrapped in an array
      case 2:
        return this.pick(HUGE_NUMBERS);
      case 3:
        return typeof value === 'number' ? String(value) : typeof value === 'string' ? Number(value) || 0 : this.string(); // type change
      case 4:
        return { junk: this.json(3), nested: [[[{ deeper: this.json(4) }]]] };
      case 5:
        return this.random() < 0.5;
      case 6:
        return [];
      default:
        return this.json(1);
    }
  }
}

/** Own enumerable property, exactly like JSON.parse makes it (so `__proto__` is a plain key). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const isFiniteNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isNonEmptyString = (v: unknown) => typeof v === 'string' && v !== '';
const TOKEN_STRINGS = ['prefix', 'suffix', 'origin', 'leakedUrl', 'teamId', 'projectId'];
const TOKEN_TIMES = ['expiresAt', 'revokedAt', 'leakedAt'];
const TOKEN_KEYS = new Set(['id', 'name', 'type', 'createdAt', 'activeAt', 'scopes', ...TOKEN_STRINGS, ...TOKEN_TIMES]);

function checkToken(t: AuthToken): void {
  assert.ok(isNonEmptyString(t.id), 'id');
  assert.equal(typeof t.name, 'string', 'name');
  assert.ok(isNonEmptyString(t.type), 'type');
  assert.ok(isFiniteNumber(t.createdAt), 'createdAt');
  assert.ok(isFiniteNumber(t.activeAt), 'activeAt');
  for (const key of Object.keys(t)) assert.ok(TOKEN_KEYS.has(key), `unexpected key ${key}`);
  const record = t as unknown as Record<string, unknown>;
  for (const key of TOKEN_STRINGS) if (key in t) assert.equal(typeof record[key], 'string', key);
  for (const key of TOKEN_TIMES) if (key in t) assert.ok(isFiniteNumber(record[key]), key);
  if ('scopes' in t) {
    assert.ok(Array.isArray(t.scopes), 'scopes');
    for (const s of t.scopes ?? []) {
      assert.ok(isNonEmptyString(s.type), 'scope.type');
      for (const key of ['origin', 'teamId'] as const) assert.ok(s[key] === undefined || typeof s[key] === 'string', `scope.${key}`);
      for (const key of ['createdAt', 'expiresAt'] as const) assert.ok(s[key] === undefined || isFiniteNumber(s[key]), `scope.${key}`);
    }
  }
}

function checkPagination(p: { count: number; next: string | number | null }): void {
  assert.equal(typeof p.count, 'number', 'count');
  assert.ok(p.next === null || typeof p.next === 'string' || typeof p.next === 'number', 'next');
}

const PARSERS: { name: string; parse: (body: unknown) => unknown; check: (value: never) => void }[] = [
  { name: 'parseAuthToken', parse: parseAuthToken, check: checkToken },
  {
    name: 'parseTokenPage',
    parse: parseTokenPage,
    check: (page: ReturnType<typeof parseTokenPage>) => {
      assert.ok(Array.isArray(page.tokens));
      page.tokens.forEach(checkToken);
      checkPagination(page.pagination);
    },
  },
  {
    name: 'parseCreatedToken',
    parse: parseCreatedToken,
    check: (created: ReturnType<typeof parseCreatedToken>) => {
      assert.ok(isNonEmptyString(created.bearerToken), 'bearerToken');
      checkToken(created.token);
    },
  },
  { name: 'parseSingleToken', parse: parseSingleToken, check: checkToken },
  {
    name: 'parseUser',
    parse: parseUser,
    check: (user: ReturnType<typeof parseUser>) => {
      assert.ok(isNonEmptyString(user.id) && isNonEmptyString(user.username), 'id/username');
      assert.ok(user.email === undefined || typeof user.email === 'string', 'email');
      assert.ok(user.name === null || typeof user.name === 'string', 'name');
      assert.ok(user.defaultTeamId === null || typeof user.defaultTeamId === 'string', 'defaultTeamId');
      assert.equal(typeof user.limited, 'boolean', 'limited');
    },
  },
  {
    name: 'parseTeamPage',
    parse: parseTeamPage,
    check: (page: ReturnType<typeof parseTeamPage>) => {
      for (const t of page.teams) {
        assert.ok(isNonEmptyString(t.id) && isNonEmptyString(t.slug), 'team id/slug');
        assert.ok(t.name === null || typeof t.name === 'string', 'team name');
      }
      checkPagination(page.pagination);
    },
  },
  { name: 'parseDeletedTokenId', parse: parseDeletedTokenId, check: (id: string) => assert.ok(isNonEmptyString(id)) },
];

function validBodies(): unknown[] {
  return [
    authToken(),
    new AuthTokenBuilder().teamScoped('team_1').expiresAt(BASE_TIME + 1).leaked(BASE_TIME, 'https://x').build(),
    tokenPage([authToken(), authToken(), authToken()], { next: BASE_TIME }),
    createdTokenBody(),
    singleTokenBody(),
    userBody(),
    teamPage([team(), team({ id: 'team_2', slug: 'two' })], { next: 'c' }),
    deletedTokenBody(),
    invalidTokenError(),
    samlError(),
    rateLimitedError(BASE_TIME),
    legacyError('x', 'y'),
    flatError(500, 'internal', 'boom'),
  ];
}

describe('fuzz: every parser returns a well-formed value or throws VercelMalformedResponseError', () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (process.pid << 8)) >>> 0;
  const ITERATIONS = 5000;

  test(`${ITERATIONS} random values and mutations of valid bodies (seeded; the seed is printed)`, (t) => {
    t.diagnostic(`fuzz seed ${seed} (FUZZ_SEED=${seed} reproduces)`);
    console.log(`parse fuzz seed: ${seed}`);
    const fuzz = new Fuzzer(mulberry32(seed));
    const bodies = validBodies();
    const outcomes = { returned: 0, malformed: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      let input: unknown;
      const r = fuzz.int(10);
      if (r < 4) input = fuzz.json();
      else {
        input = fuzz.pick(bodies);
        for (let n = 1 + fuzz.int(3); n > 0; n--) input = fuzz.mutate(input);
      }
      const where = () => `seed ${seed}, iteration ${i}, input ${safeStringify(input)}`;
      for (const parser of PARSERS) {
        let value: unknown;
        try {
          value = parser.parse(input);
        } catch (error) {
          assert.ok(
            error instanceof VercelMalformedResponseError,
            `${parser.name} threw ${String(error)} (not VercelMalformedResponseError) at ${where()}`,
          );
          outcomes.malformed++;
          continue;
        }
        try {
          (parser.check as (v: unknown) => void)(value);
        } catch (error) {
          assert.fail(`${parser.name} returned a malformed value ${safeStringify(value)} (${(error as Error).message}) at ${where()}`);
        }
        outcomes.returned++;
      }
      // The error parser reads anything and never throws.
      const status = 400 + fuzz.int(200);
      let details: ReturnType<typeof parseErrorBody>;
      try {
        details = parseErrorBody(status, input);
      } catch (error) {
        assert.fail(`parseErrorBody threw ${String(error)} at ${where()}`);
      }
      assert.equal(details.status, status);
      assert.ok(details.message === undefined || (typeof details.message === 'string' && details.message.length <= 500), `message at ${where()}`);
      assert.ok(details.code === undefined || typeof details.code === 'string', `code at ${where()}`);
      assert.equal(typeof details.invalidToken, 'boolean');
      assert.equal(typeof details.saml, 'boolean');
      assert.ok(details.rateLimitResetAt === undefined || isFiniteNumber(details.rateLimitResetAt), `resetMs at ${where()}`);
    }
    // Both outcomes must really have been exercised, or the fuzz proves nothing.
    assert.ok(outcomes.returned > 500, `only ${outcomes.returned} well-formed results (seed ${seed})`);
    assert.ok(outcomes.malformed > 5000, `only ${outcomes.malformed} rejections (seed ${seed})`);
  });
});

function safeStringify(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    return text === undefined ? String(value) : text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  } catch {
    return String(value);
  }
}
