// What a token may act for: the whole account, a team, or one project of a team. Vercel sends
// `teamId`/`projectId` on scoped tokens (undocumented) and team scopes in `scopes`; read leniently.
import type { AuthToken } from '../api/types';

export interface TokenScopeRef {
  teamId?: string;
  projectId?: string;
}

export function scopeOf(token: Pick<AuthToken, 'teamId' | 'projectId' | 'scopes'>): TokenScopeRef {
  const teamId = token.teamId ?? token.scopes?.find((scope) => scope.type === 'team' && scope.teamId)?.teamId;
  return { teamId: teamId || undefined, projectId: token.projectId || undefined };
}

/**
 * `acme`, `acme › web`, or undefined for a full-account token. Names come from the lists the
 * extension read; an id stands in for a name it does not know.
 */
export function describeTokenScope(
  scope: TokenScopeRef,
  teamNames: ReadonlyMap<string, string>,
  projectNames: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  if (!scope.teamId && !scope.projectId) return undefined;
  const team = scope.teamId ? (teamNames.get(scope.teamId) ?? scope.teamId) : undefined;
  const project = scope.projectId ? (projectNames.get(scope.projectId) ?? scope.projectId) : undefined;
  return [team, project].filter(Boolean).join(' › ');
}

/** A replacement's expiry: the old token's lifetime counted from now; a token that never expired never does. */
export function replacementExpiry(token: Pick<AuthToken, 'createdAt' | 'expiresAt'>, now: number): number | undefined {
  if (token.expiresAt == null) return undefined;
  return now + Math.max(0, token.expiresAt - token.createdAt);
}
