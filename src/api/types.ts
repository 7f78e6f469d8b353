// Shapes of the Vercel REST API as this extension uses them (see shared docs / vercel-api.md).
// All times are milliseconds since the epoch. Only the fields we rely on are required;
// unknown fields and unknown enum values are kept, never rejected.

export interface TokenScope {
  /** `user` or `team` today; kept as free text so a new scope type does not break the list. */
  type: string;
  origin?: string;
  teamId?: string;
  createdAt?: number;
  expiresAt?: number;
  sudo?: unknown;
}

export interface AuthToken {
  id: string;
  name: string;
  /** Free text: `token` for personal tokens, `oauth2-token` for login sessions, … */
  type: string;
  createdAt: number;
  /** Most recent use. */
  activeAt: number;
  prefix?: string;
  suffix?: string;
  origin?: string;
  scopes?: TokenScope[];
  expiresAt?: number;
  revokedAt?: number;
  leakedAt?: number;
  leakedUrl?: string;
  teamId?: string;
  projectId?: string;
}

export interface VercelUser {
  id: string;
  username: string;
  email?: string;
  name?: string | null;
  defaultTeamId?: string | null;
  limited?: boolean;
}

export interface VercelTeam {
  id: string;
  slug: string;
  name?: string | null;
  /** Why the user's access to the team is limited (e.g. `scope`, `mfa`), when Vercel says so. */
  limitedBy?: string[];
  /** The team enforces SAML single sign-on. */
  samlEnforced?: boolean;
}

export interface VercelProject {
  id: string;
  name: string;
}

export interface Pagination {
  count: number;
  /** `null` on the last page; otherwise a cursor (string) or a timestamp (number). */
  next: string | number | null;
  prev?: string | number | null;
}

export interface CreatedToken {
  token: AuthToken;
  /** The token's value: Vercel returns it only in this one response. */
  bearerToken: string;
}

export interface CreateTokenRequest {
  name: string;
  /** Absent = the token never expires. */
  expiresAt?: number;
  /** A project-scoped token; Vercel needs the team too (`?teamId=`). */
  projectId?: string;
}

/** Which team a call acts for; Vercel accepts `teamId` (preferred) or `slug`. */
export interface TeamRef {
  id: string;
  slug: string;
}
