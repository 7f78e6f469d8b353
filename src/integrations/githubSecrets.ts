// GitHub for the commands: a signed-in client for a host, the GitHub chunk loaded on first use.
import type { FetchLike, RequestLogEntry } from '../api/client';
import { githubApiUrl } from '../config';
import type { GitHubClient } from './github/client';
import type { GitHubSessions } from './github/session';

export interface GitHubDeps {
  sessions: () => GitHubSessions;
  fetch: FetchLike;
  timeoutMs: () => number;
  onRequest: (entry: RequestLogEntry) => void;
}

export type GitHubConnection =
  | { kind: 'client'; client: GitHubClient }
  | { kind: 'declined' }
  | { kind: 'failed'; message: string };

/** What a failed GitHub request carries (GitHubError of the chunk; checked by shape across bundles). */
export interface GitHubFailure {
  name: 'GitHubError';
  kind: string;
  message: string;
  /** The save was sent and its answer lost: GitHub may hold the value now. */
  outcomeUnknown?: boolean;
}

export function isGitHubFailure(error: unknown): error is GitHubFailure {
  return error instanceof Error && error.name === 'GitHubError' && typeof (error as Partial<GitHubFailure>).kind === 'string';
}

export class GitHubSecrets {
  constructor(private readonly deps: GitHubDeps) {}

  async connect(host: string): Promise<GitHubConnection> {
    const configured = githubApiUrl();
    if (!configured.ok) return { kind: 'failed', message: configured.message };
    const session = await this.deps.sessions().get(host);
    if (session.kind !== 'session') return session;
    // A synchronous require of the GitHub chunk, a bundle of its own (see esbuild.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GitHubClient, githubApiBase } = require('./github/index.js') as typeof import('./github/index.js');
    const client = new GitHubClient({
      baseUrl: githubApiBase(host, configured.url),
      token: session.accessToken,
      fetch: this.deps.fetch,
      timeoutMs: this.deps.timeoutMs(),
      onRequest: this.deps.onRequest,
    });
    return { kind: 'client', client };
  }
}
