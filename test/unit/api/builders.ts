// Builders for Vercel API payloads, in the spirit of vscode-pull-request-github's test builders:
// every field has a valid default so a test names only the fields it is about.
//
//   new AuthTokenBuilder().id('tok_1').name('ci').expiresAt(123).build()
//   authToken({ name: 'ci' })                       // shorthand with overrides
//   tokenPage([authToken(), authToken()], { next: 1700000000000 })
//   createdTokenBody({ bearerToken: 'vcp_x' })
//   classicError(403, 'Not authorized', { invalidToken: true })
//
// The payloads are the wire shapes (what the API sends), not the parsed types: a test can break them
// on purpose (drop a field, change a type) with `without()` / `with()` or plain object spread.

import type { FakeUser } from '../../fake-vercel/server';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The wire shape of an AuthToken (optional fields may be absent). */
export interface AuthTokenPayload {
  id: string;
  name: string;
  type: string;
  createdAt: number;
  activeAt: number;
  prefix?: string;
  suffix?: string;
  origin?: string;
  scopes?: ScopePayload[];
  expiresAt?: number;
  revokedAt?: number;
  leakedAt?: number;
  leakedUrl?: string;
  teamId?: string;
  projectId?: string;
  [extra: string]: unknown;
}

export type ScopePayload =
  | { type: 'user'; origin?: string; createdAt: number; expiresAt?: number; sudo?: Json; [extra: string]: Json | undefined }
  | { type: 'team'; teamId: string; origin?: string; createdAt: number; expiresAt?: number; [extra: string]: Json | undefined }
  | { type: string; [extra: string]: Json | undefined };

/** 2026-01-01T00:00:00Z: a fixed base so builders are deterministic. */
export const BASE_TIME = Date.UTC(2026, 0, 1);

let sequence = 0;
/** A fresh id per built token unless the test sets one. */
function nextId(): string {
  sequence++;
  return `tok_${sequence.toString(36).padStart(6, '0')}`;
}

abstract class Builder<T extends object> {
  protected fields: Record<string, unknown>;
  protected constructor(defaults: Partial<T>) {
    this.fields = { ...defaults };
  }
  /** Set any field, including ones the type does not know (unknown extra fields). */
  with(key: string, value: unknown): this {
    this.fields[key] = value;
    return this;
  }
  /** Drop a field entirely (for "missing required field" cases). */
  without(...keys: string[]): this {
    for (const key of keys) delete this.fields[key];
    return this;
  }
  /** A deep copy, so later changes to the builder do not reach a payload already built. */
  build(): T {
    return structuredClone(this.fields) as unknown as T;
  }
}

export class ScopeBuilder extends Builder<ScopePayload> {
  constructor() {
    super({ type: 'user', origin: 'manual', createdAt: BASE_TIME });
  }
  type(type: string): this {
    return this.with('type', type);
  }
  team(teamId: string): this {
    return this.with('type', 'team').with('teamId', teamId);
  }
  origin(origin: string): this {
    return this.with('origin', origin);
  }
  createdAt(ms: number): this {
    return this.with('createdAt', ms);
  }
  expiresAt(ms: number): this {
    return this.with('expiresAt', ms);
  }
}

export class AuthTokenBuilder extends Builder<AuthTokenPayload> {
  constructor() {
    super({
      name: 'my token',
      type: 'token',
      origin: 'manual',
      prefix: 'vcp_',
      suffix: 'a1b2',
      createdAt: BASE_TIME,
      activeAt: BASE_TIME,
      scopes: [new ScopeBuilder().build()],
    });
    this.fields.id = nextId();
  }
  id(id: string): this {
    return this.with('id', id);
  }
  name(name: string): this {
    return this.with('name', name);
  }
  type(type: string): this {
    return this.with('type', type);
  }
  origin(origin: string): this {
    return this.with('origin', origin);
  }
  createdAt(ms: number): this {
    return this.with('createdAt', ms);
  }
  activeAt(ms: number): this {
    return this.with('activeAt', ms);
  }
  expiresAt(ms: number): this {
    return this.with('expiresAt', ms);
  }
  revokedAt(ms: number): this {
    return this.with('revokedAt', ms);
  }
  leaked(at: number, url: string): this {
    return this.with('leakedAt', at).with('leakedUrl', url);
  }
  teamScoped(teamId: string): this {
    return this.with('teamId', teamId).scopes((s) => s.team(teamId));
  }
  /** Replace the scopes with one scope per callback. */
  scopes(...configure: ((scope: ScopeBuilder) => unknown)[]): this {
    return this.with(
      'scopes',
      configure.map((f) => {
        const builder = new ScopeBuilder();
        f(builder);
        return builder.build();
      }),
    );
  }
}

/** Shorthand: a valid AuthToken payload with `overrides` applied (an `undefined` override drops the field). */
export function authToken(overrides: Record<string, unknown> = {}): AuthTokenPayload {
  const builder = new AuthTokenBuilder();
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) builder.without(key);
    else builder.with(key, value);
  }
  return builder.build();
}

/** `count` tokens, newest first, createdAt one minute apart, ids `${prefix}${i}`. */
export function authTokens(count: number, prefix = 'tok_', newest = BASE_TIME + count * 60_000): AuthTokenPayload[] {
  return Array.from({ length: count }, (_, i) =>
    new AuthTokenBuilder()
      .id(`${prefix}${String(i).padStart(4, '0')}`)
      .name(`token ${i}`)
      .createdAt(newest - i * 60_000)
      .activeAt(newest - i * 60_000)
      .build(),
  );
}

export interface PaginationPayload {
  count: number;
  next: string | number | null;
  prev: string | number | null;
}

export interface TokenPagePayload {
  tokens: AuthTokenPayload[];
  pagination: PaginationPayload;
}

/** The pagination of a page of `items`: by default the last page (`next` null). */
function paginationOf(items: unknown[], overrides: Partial<PaginationPayload>): PaginationPayload {
  return { count: items.length, next: null, prev: null, ...overrides };
}

/** `{ tokens, pagination }` as GET /v6/user/tokens sends it; `next` defaults to null (last page). */
export function tokenPage(tokens: AuthTokenPayload[], pagination: Partial<PaginationPayload> = {}): TokenPagePayload {
  return { tokens, pagination: paginationOf(tokens, pagination) };
}

export interface CreatedTokenPayload {
  token: AuthTokenPayload;
  bearerToken: string;
}

/** `{ token, bearerToken }` as POST /v3/user/tokens sends it. */
export function createdTokenBody(overrides: Partial<CreatedTokenPayload> = {}): CreatedTokenPayload {
  return { token: overrides.token ?? authToken(), bearerToken: overrides.bearerToken ?? 'vcp_builtValue0123456789abcdef' };
}

export function singleTokenBody(token: AuthTokenPayload = authToken()): { token: AuthTokenPayload } {
  return { token };
}

export function deletedTokenBody(tokenId = 'tok_deleted'): { tokenId: string } {
  return { tokenId };
}

/** The `user` of GET /v2/user: the stand-in's user record without its createdAt, plus any unknown field. */
export interface UserPayload extends Omit<FakeUser, 'createdAt'> {
  [extra: string]: unknown;
}

export function userBody(overrides: Partial<UserPayload> = {}): { user: UserPayload } {
  return {
    user: {
      id: 'usr_123',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      username: 'ada',
      avatar: null,
      defaultTeamId: null,
      ...overrides,
    },
  };
}

export interface TeamPayload {
  id: string;
  slug: string;
  name: string | null;
  [extra: string]: unknown;
}

export function team(overrides: Partial<TeamPayload> = {}): TeamPayload {
  return { id: 'team_abc', slug: 'acme', name: 'Acme Inc', ...overrides };
}

export function teamPage(teams: TeamPayload[], pagination: Partial<PaginationPayload> = {}): { teams: TeamPayload[]; pagination: PaginationPayload } {
  return { teams, pagination: paginationOf(teams, pagination) };
}

// ---- error bodies: the three shapes Vercel uses ----

export type ErrorExtras = { [key: string]: Json };

/** Classic: `{ error: { code, message, ... } }`. */
export function classicError(code: string, message: string, extras: ErrorExtras = {}): { error: JsonObject } {
  return { error: { code, message, ...extras } };
}

/** Legacy: `{ err: { code, message, ... } }`. */
export function legacyError(code: string, message: string, extras: ErrorExtras = {}): { err: JsonObject } {
  return { err: { code, message, ...extras } };
}

/** Flat, newer families: `{ status, code, message }`. */
export function flatError(status: number, code: string, message: string, extras: ErrorExtras = {}): JsonObject {
  return { status, code, message, ...extras };
}

/** The 403 Vercel sends for an invalid, expired or revoked token. */
export function invalidTokenError(): { error: JsonObject } {
  return classicError('forbidden', 'Not authorized', { invalidToken: true });
}

/** The 403 Vercel sends when SAML re-authentication is needed. */
export function samlError(teamId = 'team_abc'): { error: JsonObject } {
  return classicError('forbidden', 'You must re-authenticate with SAML to access this team', { saml: true, teamId, scope: 'acme' });
}

/** The 429 body, `limit.resetMs` in ms since the epoch. */
export function rateLimitedError(resetMs: number, message = 'Rate limit exceeded'): { error: JsonObject } {
  return classicError('rate_limited', message, {
    limit: { remaining: 0, reset: Math.floor(resetMs / 1000), resetMs, total: 100 },
  });
}
