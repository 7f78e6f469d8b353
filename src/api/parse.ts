// Shape checks at the API boundary. Unknown extra fields and unknown enum values are tolerated;
// a missing required field is an error. Nothing here throws anything but VercelMalformedResponseError.
import * as l10n from '@vscode/l10n';
import { VercelMalformedResponseError, type ApiErrorDetails } from './errors';
import type { AuthToken, CreatedToken, Pagination, TokenScope, VercelProject, VercelTeam, VercelUser } from './types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireObject(value: unknown, what: string): Json {
  if (!isObject(value)) throw new VercelMalformedResponseError(l10n.t('{0} is missing', what));
  return value;
}

function requireString(object: Json, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') throw new VercelMalformedResponseError(l10n.t('{0} is missing', `${what}.${key}`));
  return value;
}

function requireTime(object: Json, key: string, what: string): number {
  const value = optionalTime(object, key);
  if (value === undefined) throw new VercelMalformedResponseError(l10n.t('{0} is missing', `${what}.${key}`));
  return value;
}

function optionalTime(object: Json, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A token's own times: absent is fine, a wrong type is an error (a revoked token must never look active). */
function optionalTokenTime(object: Json, key: string, what: string): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new VercelMalformedResponseError(l10n.t('{0} is not a number', `${what}.${key}`));
  return value;
}

function optionalString(object: Json, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

/** Scopes are advisory: a scope we cannot read is dropped rather than failing the token. */
function parseScopes(value: unknown): TokenScope[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).flatMap((scope): TokenScope[] => {
    const type = optionalString(scope, 'type');
    if (!type) return [];
    return [
      {
        type,
        origin: optionalString(scope, 'origin'),
        teamId: optionalString(scope, 'teamId'),
        createdAt: optionalTime(scope, 'createdAt'),
        expiresAt: optionalTime(scope, 'expiresAt'),
        sudo: scope.sudo,
      },
    ];
  });
}

export function parseAuthToken(value: unknown, what = 'token'): AuthToken {
  const object = requireObject(value, what);
  const createdAt = requireTime(object, 'createdAt', what);
  const token: AuthToken = {
    id: requireString(object, 'id', what),
    // A token whose name is empty still exists and must be listed so it can be revoked.
    name: typeof object.name === 'string' ? object.name : '',
    type: requireString(object, 'type', what),
    createdAt,
    // activeAt is documented as required but absent on never-used tokens in the wild.
    activeAt: optionalTokenTime(object, 'activeAt', what) ?? createdAt,
  };
  const optional = {
    prefix: optionalString(object, 'prefix'),
    suffix: optionalString(object, 'suffix'),
    origin: optionalString(object, 'origin'),
    scopes: parseScopes(object.scopes),
    expiresAt: optionalTokenTime(object, 'expiresAt', what),
    revokedAt: optionalTokenTime(object, 'revokedAt', what),
    leakedAt: optionalTokenTime(object, 'leakedAt', what),
    leakedUrl: optionalString(object, 'leakedUrl'),
    teamId: optionalString(object, 'teamId'),
    projectId: optionalString(object, 'projectId'),
  };
  for (const [key, field] of Object.entries(optional)) {
    if (field !== undefined) (token as unknown as Json)[key] = field;
  }
  return token;
}

function parsePagination(value: unknown): Pagination {
  const object = isObject(value) ? value : {};
  const next = object.next;
  return {
    count: typeof object.count === 'number' ? object.count : 0,
    next: typeof next === 'string' || typeof next === 'number' ? next : null,
  };
}

/** A page of a list endpoint: `{ [key]: [...], pagination }`, each item checked by `parseItem`. */
function parsePage<K extends string, T>(
  body: unknown,
  key: K,
  parseItem: (value: unknown, what: string) => T,
): Record<K, T[]> & { pagination: Pagination } {
  const object = requireObject(body, 'response');
  const list = object[key];
  if (!Array.isArray(list)) throw new VercelMalformedResponseError(l10n.t('{0} is missing', key));
  const items = list.map((item, index) => parseItem(item, `${key}[${index}]`));
  return { [key]: items, pagination: parsePagination(object.pagination) } as Record<K, T[]> & { pagination: Pagination };
}

export function parseTokenPage(body: unknown): { tokens: AuthToken[]; pagination: Pagination } {
  return parsePage(body, 'tokens', parseAuthToken);
}

export function parseCreatedToken(body: unknown): CreatedToken {
  const object = requireObject(body, 'response');
  const bearerToken = object.bearerToken;
  if (typeof bearerToken !== 'string' || bearerToken === '') {
    throw new VercelMalformedResponseError(l10n.t('{0} is missing', 'bearerToken'));
  }
  return { token: parseAuthToken(object.token), bearerToken };
}

export function parseSingleToken(body: unknown): AuthToken {
  return parseAuthToken(requireObject(body, 'response').token);
}

export function parseUser(body: unknown): VercelUser {
  const user = requireObject(requireObject(body, 'response').user, 'user');
  return {
    id: requireString(user, 'id', 'user'),
    username: requireString(user, 'username', 'user'),
    email: optionalString(user, 'email'),
    name: optionalString(user, 'name') ?? null,
    defaultTeamId: optionalString(user, 'defaultTeamId') ?? null,
    limited: user.limited === true,
  };
}

export function parseTeamPage(body: unknown): { teams: VercelTeam[]; pagination: Pagination } {
  return parsePage(body, 'teams', (value, what): VercelTeam => {
    const fields = requireObject(value, what);
    const team: VercelTeam = { id: requireString(fields, 'id', what), slug: requireString(fields, 'slug', what), name: optionalString(fields, 'name') ?? null };
    // Membership limits are advisory: an unknown shape limits nothing.
    const limitedBy = Array.isArray(fields.limitedBy) ? fields.limitedBy.filter((reason): reason is string => typeof reason === 'string') : [];
    if (fields.limited === true && limitedBy.length === 0) limitedBy.push('scope');
    if (limitedBy.length) team.limitedBy = limitedBy;
    if (isObject(fields.saml) && fields.saml.enforced === true) team.samlEnforced = true;
    return team;
  });
}

/** Projects carry much more (environment variables among it): only the id and name are kept. */
export function parseProjectPage(body: unknown): { projects: VercelProject[]; pagination: Pagination } {
  return parsePage(body, 'projects', (project, what): VercelProject => {
    const fields = requireObject(project, what);
    return { id: requireString(fields, 'id', what), name: requireString(fields, 'name', what) };
  });
}

export function parseDeletedTokenId(body: unknown): string {
  return requireString(requireObject(body, 'response'), 'tokenId', 'response');
}

/** Reads Vercel's three error shapes: `{error:{…}}`, legacy `{err:{…}}` and flat `{status, code, message}`. */
export function parseErrorBody(status: number, body: unknown): ApiErrorDetails {
  const outer = isObject(body) ? body : {};
  const inner = isObject(outer.error) ? outer.error : isObject(outer.err) ? outer.err : outer;
  const limit = isObject(inner.limit) ? inner.limit : undefined;
  const message = optionalString(inner, 'message');
  return {
    status,
    code: optionalString(inner, 'code'),
    message: message?.slice(0, 500),
    invalidToken: inner.invalidToken === true,
    saml: inner.saml === true,
    teamId: optionalString(inner, 'teamId'),
    rateLimitResetAt: limit ? optionalTime(limit, 'resetMs') : undefined,
  };
}

