// The metadata rows shown under a token: one per field the API returned. Plain data (only the
// words come from l10n), so it is cheap to test and to call on expand.
import { l10n } from 'vscode';
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
    { key: 'id', label: l10n.t('ID'), value: token.id },
    { key: 'type', label: l10n.t('Type'), value: token.type },
  ];
  if (token.prefix || token.suffix) {
    fields.push({ key: 'value', label: l10n.t('Value'), value: `${token.prefix ?? ''}…${token.suffix ?? ''}` });
  }
  if (token.origin) fields.push({ key: 'origin', label: l10n.t('Origin'), value: token.origin });
  if (token.scopes?.length) {
    fields.push({ key: 'scopes', label: l10n.t('Scopes'), value: token.scopes.map((scope) => describeScope(scope, teamNames)).join(', ') });
  }
  if (token.teamId) fields.push({ key: 'team', label: l10n.t('Team'), value: teamName(token.teamId, teamNames) });
  if (token.projectId) fields.push({ key: 'project', label: l10n.t('Project'), value: token.projectId });
  fields.push({ key: 'created', label: l10n.t('Created'), value: whenPast(token.createdAt) });
  fields.push({
    key: 'lastUsed',
    label: l10n.t('Last used'),
    value: token.activeAt > token.createdAt ? whenPast(token.activeAt) : l10n.t('never'),
  });
  fields.push({ key: 'expires', label: l10n.t('Expires'), value: token.expiresAt != null ? when(token.expiresAt) : l10n.t('never') });
  if (token.revokedAt != null) fields.push({ key: 'revoked', label: l10n.t('Revoked'), value: whenPast(token.revokedAt) });
  if (token.leakedAt != null) fields.push({ key: 'leaked', label: l10n.t('Leaked'), value: whenPast(token.leakedAt) });
  if (token.leakedUrl) fields.push({ key: 'leakUrl', label: l10n.t('Leak URL'), value: token.leakedUrl, url: token.leakedUrl });
  return fields;
}

export function describeScope(scope: TokenScope, teamNames: TeamNames): string {
  const target = scope.type === 'team' && scope.teamId ? l10n.t('team {0}', teamName(scope.teamId, teamNames)) : scope.type;
  return scope.origin ? l10n.t('{0} via {1}', target, scope.origin) : target;
}

function teamName(teamId: string, teamNames: TeamNames): string {
  const name = teamNames.get(teamId);
  return name ? `${name} (${teamId})` : teamId;
}
