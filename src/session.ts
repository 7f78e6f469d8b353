// The signed-in account: its token (in SecretStorage), who it is, and the selected team.
import vscode = require('vscode');
import type { VercelClient } from './api/client';
import { VercelApiError } from './api/errors';
import type { TeamRef, VercelUser } from './api/types';
import type { Logger } from './log';
import type { SecretStore } from './secretStore';

export interface Profile {
  userId: string;
  username: string;
  /** Id of the token the extension signs in with, so the tree can mark it and delete can warn. */
  tokenId: string;
}

export interface SelectedTeam extends TeamRef {
  name?: string;
}

export type ClientFactory = (token: string) => VercelClient;

const PROFILE_KEY = 'vercelTokens.profile';
const TEAM_KEY = 'vercelTokens.team';

export class SignInError extends Error {}

export class Session implements vscode.Disposable {
  private accountToken: string | undefined;
  private restored: Promise<void> | undefined;
  private profileVerified = false;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private readonly accountEmitter = new vscode.EventEmitter<void>();
  /** Anything the view shows changed: account, profile or team. */
  readonly onDidChange = this.changeEmitter.event;
  /** The account token changed (sign in, sign out, another window): the token list must be loaded again. */
  readonly onDidChangeAccount = this.accountEmitter.event;

  constructor(
    private readonly store: SecretStore,
    private readonly memento: vscode.Memento,
    private readonly createClient: ClientFactory,
    private readonly log: Logger,
  ) {
    // Another window signing in or out changes the account here too.
    this.subscription = store.onDidChangeAccount(() => void this.reloadAccount(false));
  }

  get signedIn(): boolean {
    return this.accountToken !== undefined;
  }

  get profile(): Profile | undefined {
    return this.memento.get<Profile>(PROFILE_KEY);
  }

  get team(): SelectedTeam | undefined {
    return this.memento.get<SelectedTeam>(TEAM_KEY);
  }

  /** Reads the stored account once; later calls share the result. */
  restore(): Promise<void> {
    this.restored ??= this.reloadAccount(true);
    return this.restored;
  }

  /** Throws when signed out or when the API URL setting is refused. */
  client(): VercelClient {
    if (!this.accountToken) throw new SignInError('You are not signed in to Vercel.');
    return this.createClient(this.accountToken);
  }

  /** Checks the token against the API before anything is stored; a rejected token is never stored. */
  async signIn(token: string, signal?: AbortSignal): Promise<{ user: VercelUser; tokenId: string }> {
    let identity: { user: VercelUser; tokenId: string };
    try {
      identity = await whoIs(this.createClient(token), signal);
    } catch (error) {
      if (error instanceof VercelApiError && (error.invalidToken || error.status === 401)) {
        throw new SignInError('Vercel rejected this token: it is invalid, expired or revoked.');
      }
      throw error;
    }
    const { user, tokenId } = identity;
    this.log.addSecret(token);
    const previous = { token: this.accountToken, profile: this.profile, team: this.team };
    // Profile first, so listeners woken by the SecretStorage change already see the new account.
    this.accountToken = token;
    this.profileVerified = true;
    await this.memento.update(PROFILE_KEY, { userId: user.id, username: user.username, tokenId } satisfies Profile);
    if (previous.profile && previous.profile.userId !== user.id) await this.memento.update(TEAM_KEY, undefined);
    const stored = await this.store.setAccountToken(token);
    if (!stored.stored) {
      this.accountToken = previous.token;
      await this.memento.update(PROFILE_KEY, previous.profile);
      await this.memento.update(TEAM_KEY, previous.team);
      throw new SignInError(`The token is valid, but VS Code could not store it: ${stored.reason}`);
    }
    this.log.info(`Signed in as ${user.username}`);
    this.fireAccountChange();
    return { user, tokenId };
  }

  /**
   * Makes sure the cached profile belongs to the stored token. At startup the cache is trusted;
   * after another window changed the account it is fetched again.
   */
  async ensureProfile(signal?: AbortSignal): Promise<Profile> {
    const profile = this.profile;
    if (profile && this.profileVerified) return profile;
    const { user, tokenId } = await whoIs(this.client(), signal);
    const fresh: Profile = { userId: user.id, username: user.username, tokenId };
    await this.memento.update(PROFILE_KEY, fresh);
    this.profileVerified = true;
    this.changeEmitter.fire();
    return fresh;
  }

  /** Forgets the account token here; it is not revoked on Vercel. */
  async signOut(): Promise<void> {
    this.accountToken = undefined;
    this.profileVerified = false;
    await this.store.deleteAccountToken();
    this.log.info('Signed out');
    this.fireAccountChange();
  }

  async selectTeam(team: SelectedTeam | undefined): Promise<void> {
    await this.memento.update(TEAM_KEY, team);
    this.changeEmitter.fire();
  }

  private async reloadAccount(trustCachedProfile: boolean): Promise<void> {
    const token = await this.store.getAccountToken();
    if (token === this.accountToken) return;
    this.log.addSecret(token);
    // At startup the cached profile is trusted; a token changed by another window is checked again.
    this.profileVerified = trustCachedProfile && this.profile !== undefined;
    this.accountToken = token;
    this.fireAccountChange();
  }

  private fireAccountChange(): void {
    this.accountEmitter.fire();
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.accountEmitter.dispose();
    this.changeEmitter.dispose();
  }
}

/** The account a token belongs to, and the token's own id (so the tree can mark it). */
async function whoIs(client: VercelClient, signal?: AbortSignal): Promise<{ user: VercelUser; tokenId: string }> {
  const user = await client.getUser({ signal });
  const tokenId = (await client.getCurrentToken({ signal })).id;
  return { user, tokenId };
}
