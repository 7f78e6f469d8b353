// The stand-in GitHub authentication provider (test/host/github-auth-standin/, plain JavaScript, no
// build step): where it is, what its exports look like, and its VSIX, installed into the extensions
// folder of a code-server before it starts.
//
// It cannot be a second development path: code-server 4.100.3's workbench reads the development
// payload into a Map, so only the last `extensionDevelopmentPath` is loaded (see its README.md).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installVsix, repoRoot } from './codeServer';

export const GITHUB_STANDIN_ID = 'vercel-tokens-tests.github-auth-standin';

/** What VS Code's built-in provider throws when the user cancels its sign-in (and `declineNext()` throws). */
export const GITHUB_SIGN_IN_CANCELLED = 'Cancelled';

export type GitHubStandinProviderId = 'github' | 'github-enterprise';

export interface GitHubStandinSession {
  id: string;
  accessToken: string;
  account: { id: 'standin-user'; label: 'standin-user' };
  scopes: string[];
}

export interface GitHubStandinRequest {
  kind: 'createSession' | 'getSessions' | 'removeSession';
  providerId: GitHubStandinProviderId;
  /** undefined: getSessions without scopes, or removeSession of an unknown id. */
  scopes: string[] | undefined;
}

/** `activate()`'s exports: `vscode.extensions.getExtension(GITHUB_STANDIN_ID).exports`. */
export interface GitHubStandin {
  /**
   * The access token of sessions created from now on; undefined: the server's environment variable
   * GITHUB_AUTH_STANDIN_TOKEN if set (for runs that cannot reach these exports), else a random `gho_…` each.
   */
  setAccessToken(token: string | undefined): void;
  /** The next createSession (either id) throws `new Error('Cancelled')`. */
  declineNext(): void;
  /** Copies of the current sessions of one id, or of both. */
  sessions(providerId?: GitHubStandinProviderId): GitHubStandinSession[];
  /** Every createSession/getSessions/removeSession call, oldest first; VS Code's own extensions call too. */
  readonly requests: readonly GitHubStandinRequest[];
  /**
   * Accepts the extension's pending sign-in requests (Accounts menu: "Sign in with GitHub (stand-in)
   * to use …"): VS Code creates the session here and lets the extension use the account from then
   * on, without the Allow dialog that the extension-tests mode refuses. The extension asks first with
   * `getSession(id, scopes, { createIfNone: false })`. Resolves to the number of requests accepted;
   * rejects as createSession does (`declineNext()`).
   */
  acceptSignInRequests(extensionId: string, providerId?: GitHubStandinProviderId): Promise<number>;
  /** Removes every session (VS Code is told), clears requests, a pending decline and the token. */
  reset(): void;
}

/** Its source folder: packaged as it is, there is no build step. */
export function githubStandinFolder(): string {
  return join(repoRoot(), 'test', 'host', 'github-auth-standin');
}

/**
 * Packages the stand-in with the repository's own vsce (no npm run, no network) into a new temp
 * folder and resolves to the VSIX's path. The folder goes when this process exits.
 */
export async function packageGitHubStandin(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'github-auth-standin-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  // vsce packages its working directory; a copy keeps it from looking at the repository around it.
  const source = join(dir, 'extension');
  await cp(githubStandinFolder(), source, { recursive: true });
  const vsix = join(dir, 'github-auth-standin.vsix');
  const vsce = join(repoRoot(), 'node_modules', '.bin', 'vsce');
  // '*' activation is the point of the stand-in: it must hold the ids before the built-in provider.
  const args = ['package', '--no-dependencies', '--allow-star-activation', '--out', vsix];
  try {
    await promisify(execFile)(vsce, args, { cwd: source });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`vsce ${args.join(' ')} failed: ${(error as Error).message}\n${stdout}${stderr}`, { cause: error });
  }
  return vsix;
}

let packaged: Promise<string> | undefined;

/** Installs the stand-in into `extensionsDir` (packaged once per process), before code-server starts there. */
export async function installGitHubStandin(extensionsDir: string): Promise<void> {
  packaged ??= packageGitHubStandin().catch((error: unknown) => {
    packaged = undefined;
    throw error;
  });
  const vsix = await packaged;
  // The install needs a user data folder; what it writes there is of no use to the run.
  const userDataDir = await mkdtemp(join(tmpdir(), 'github-auth-standin-install-'));
  try {
    await installVsix(vsix, { extensionsDir, userDataDir });
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
}
