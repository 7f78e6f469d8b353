// GitHub sign-in through VS Code's own authentication providers (`github`, and `github-enterprise`
// for GitHub Enterprise Server): VS Code asks the user (the Allow dialog) and keeps the session; this
// extension never asks for or stores a GitHub token itself.
import vscode = require('vscode');

export const GITHUB_SCOPES = ['repo'];

export type GitHubSessionOutcome =
  | { kind: 'session'; accessToken: string; account: string }
  | { kind: 'declined' }
  | { kind: 'failed'; message: string };

/** Where a session comes from; the tests of the extension host swap it (its Allow dialog cannot show there). */
export interface GitHubSessions {
  get(host: string): Promise<GitHubSessionOutcome>;
}

export const vscodeGitHubSessions: GitHubSessions = {
  async get(host) {
    const providerId = host === 'github.com' ? 'github' : 'github-enterprise';
    try {
      const session = await vscode.authentication.getSession(providerId, GITHUB_SCOPES, { createIfNone: true });
      return { kind: 'session', accessToken: session.accessToken, account: session.account.label };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // VS Code's words when the Allow dialog or the provider's sign-in is cancelled.
      if (/did not consent|cancel/i.test(message)) return { kind: 'declined' };
      return { kind: 'failed', message };
    }
  },
};
