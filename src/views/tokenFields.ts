// The metadata rows shown under a token: one per field the API returned. Pure, so it is cheap to
// test and to call on expand.
import type { AuthToken, TokenScope } from '../api/types';
import { formatDateTimeAndRelative, formatPastDateTimeAndRelative } from '../domain/format';

export interface TokenField {
  /** Stable key, part of the tree item id. */
  key: string;
  label: string;
  value: string;
  /** A link to open (the leak location). */
  url?: string;
}

export type TeamNames = ReadonlyMap<string, string>;

export function tokenFields(token: AuthToken, now: number, teamNames: TeamNames = new Map()): TokenField[] {
  const when = (ms: number) => formatDateTimeAndRelative(ms, now);
  // Creation, use, revocation and leaks are in the past, even when `now` is rounded to the minute.
  const whenPast = (ms: number) => formatPastDateTimeAndRelative(ms, now);
  const fields: TokenField[] = [
    { key: 'id', label: 'ID', value: token.id },
    { key: 'type', label: 'Type', value: token.type },
  ];
  if (token.prefix || token.suffix) {
    fields.push({ key: 'value', label: 'Value', value: `${token.prefix ?? ''}…${token.suffix ?? ''}` });
  }
  if (token.origin) fields.push({ key: 'origin', label: 'Origin', value: token.origin });
  if (token.scopes?.length) {
    fields.push({ key: 'scopes', label: 'Scopes', value: token.scopes.map((scope) => describeScope(scope, teamNames)).join(', ') });
  }
  if (token.teamId) fields.push({ key: 'team', label: 'Team', value: teamName(token.teamId, teamNames) });
  if (token.projectId) fields.push({ key: 'project', label: 'Project', value: token.projectId });
  fields.push({ key: 'created', label: 'Created', value: whenPast(token.createdAt) });
  fields.push({
    key: 'lastUsed',
    label: 'Last used',
    value: token.activeAt > token.createdAt ? whenPast(token.activeAt) : 'never',
  });
  fields.push({ key: 'expires', label: 'Expires', value: token.expiresAt != null ? when(token.expiresAt) : 'never' });
  if (token.revokedAt != null) fields.push({ key: 'revoked', label: 'Revoked', value: whenPast(token.revokedAt) });
  if (token.leakedAt != null) fields.push({ key: 'leaked', label: 'Leaked', value: whenPast(token.leakedAt) });
  if (token.leakedUrl) fields.push({ key: 'leakUrl', label: 'Leak URL', value: token.leakedUrl, url: token.leakedUrl });
  return fields;
}

export function describeScope(scope: TokenScope, teamNames: TeamNames): string {
  const target = scope.type === 'team' && scope.teamId ? `team ${teamName(scope.teamId, teamNames)}` : scope.type;
  const origin = scope.origin ? ` via ${scope.origin}` : '';
  return `${target}${origin}`;
}

function teamName(teamId: string, teamNames: TeamNames): string {
  const name = teamNames.get(teamId);
  return name ? `${name} (${teamId})` : teamId;
}
