// A token's workflows: create (and store, and read back), reconcile a create whose answer was lost,
// delete. Each returns what happened as a typed outcome and shows nothing: the commands decide
// what the user sees. A value Vercel shows only once is never dropped here: when it cannot be
// stored, the outcome carries it to the user.
import { isVercelError, VercelApiError, type VercelError } from '../api/errors';
import type { AuthToken, TeamRef } from '../api/types';
import { describeError } from '../errorMessages';
import type { Accounts } from './accounts';
import { Emitter } from './events';
import type { Keychain } from './keychain';
import type { Clock, Log } from './ports';
import type { TokenLists } from './tokenList';

export interface NewToken {
  name: string;
  /** Absent: the token never expires. */
  expiresAt?: number;
  /** The team it acts for: absent, the account's selected team; null, the whole account. */
  team?: TeamRef | null;
  /** A project of that team: a project-scoped token. */
  projectId?: string;
}

/** A create whose request may or may not have been carried out: what reconciling it needs. */
export interface UnknownCreate {
  userId: string;
  name: string;
  startedAt: number;
  /** Ids listed (or stored) before the request: a token among them cannot be the one this request made. */
  knownIds: ReadonlySet<string>;
  /** Whether a list was read before the request; without one, clock skew is not allowed for. */
  listedBefore: boolean;
}

export type CreateOutcome =
  | { kind: 'createdAndStored'; userId: string; token: AuthToken }
  | { kind: 'createdNotStored'; userId: string; token: AuthToken; value: string; reason: string }
  | { kind: 'outcomeUnknown'; cause: VercelError; pending: UnknownCreate }
  | { kind: 'refused'; error: unknown };

export type ReconcileOutcome =
  | { kind: 'appeared'; tokens: AuthToken[] }
  | { kind: 'absent' }
  | { kind: 'unverifiable'; error: unknown };

export type DeleteOutcome =
  /** Gone on Vercel (`alreadyGone`: before this request); its stored value is forgotten. */
  | { kind: 'deleted'; alreadyGone: boolean; signedOut: boolean }
  /** The answer was lost and Vercel could not say afterwards whether the token still exists. */
  | { kind: 'outcomeUnknown'; cause: unknown }
  /** Not deleted; `stillExists`: the answer did not say, but Vercel showed the token afterwards. */
  | { kind: 'refused'; error: unknown; stillExists?: boolean };

/** Clock skew allowed when looking for a token created by a request whose answer was lost. */
const CLOCK_SKEW_MS = 5 * 60_000;

export class TokenOperations {
  private readonly goneEmitter = new Emitter<{ userId: string; tokenId: string }>();
  /** A token was deleted (or found gone) and its value forgotten: whatever refers to it can let go. */
  readonly onDidForgetToken = this.goneEmitter.event;

  constructor(
    private readonly accounts: Accounts,
    private readonly keychain: Keychain,
    private readonly lists: TokenLists,
    private readonly log: Log,
    private readonly clock: Clock,
  ) {}

  async create(userId: string, request: NewToken, signal?: AbortSignal): Promise<CreateOutcome> {
    const list = this.lists.get(userId);
    let client;
    try {
      client = this.accounts.client(userId);
    } catch (error) {
      return { kind: 'refused', error };
    }
    // What existed before: a create whose answer is lost is reconciled against it. A list that was
    // never loaded (Create from the palette with the view closed) is loaded first.
    if (list && list.lastLoadedAt === undefined) await list.refresh();
    const stored = await this.keychain.storedTokenIds(userId);
    const pending: UnknownCreate = {
      userId,
      name: request.name,
      startedAt: this.clock.now(),
      knownIds: new Set([...(list?.tokens.map((token) => token.id) ?? []), ...stored]),
      listedBefore: list?.lastLoadedAt !== undefined,
    };
    let created;
    try {
      const team = request.team === undefined ? this.accounts.team(userId) : (request.team ?? undefined);
      created = await client.createToken({ name: request.name, expiresAt: request.expiresAt, projectId: request.projectId }, team, { signal });
    } catch (error) {
      if (isVercelError(error) && error.outcomeUnknown) {
        this.log.warn(`Create of "${request.name}" has an unknown outcome (${describeError(error)})`);
        return { kind: 'outcomeUnknown', cause: error, pending };
      }
      return { kind: 'refused', error };
    }
    // Nothing may stand between Vercel's answer and the keychain.
    const { token, bearerToken } = created;
    this.log.addSecret(bearerToken);
    const result = await this.keychain
      .storeTokenValue(userId, token.id, bearerToken)
      .catch((error: unknown) => ({ stored: false as const, reason: describeError(error) }));
    list?.addCreated(token, result.stored);
    // Which account goes first next time is a nicety: its failure must not hold up the outcome (and the value).
    this.accounts.markUsed(userId).catch((error: unknown) => this.log.warn(`Could not remember the account used last: ${describeError(error)}`));
    if (result.stored) return { kind: 'createdAndStored', userId, token };
    return { kind: 'createdNotStored', userId, token, value: bearerToken, reason: result.reason };
  }

  /**
   * Which tokens appeared since a create whose answer was lost: not in the list before the
   * request (by id), with the requested name, created after the request (give or take clock skew).
   */
  async reconcileCreate(pending: UnknownCreate, signal?: AbortSignal): Promise<ReconcileOutcome> {
    let tokens: AuthToken[];
    try {
      tokens = await this.accounts.client(pending.userId).listTokens({ signal });
    } catch (error) {
      return { kind: 'unverifiable', error };
    }
    // The tree shows what was found, too; its own failures stay in its state.
    void this.lists.get(pending.userId)?.refresh();
    const skew = pending.listedBefore ? CLOCK_SKEW_MS : 0;
    const appeared = tokens.filter(
      (token) => token.name === pending.name && !pending.knownIds.has(token.id) && token.createdAt >= pending.startedAt - skew,
    );
    return appeared.length ? { kind: 'appeared', tokens: appeared } : { kind: 'absent' };
  }

  async delete(userId: string, tokenId: string, signal?: AbortSignal): Promise<DeleteOutcome> {
    let client;
    try {
      client = this.accounts.client(userId);
    } catch (error) {
      return { kind: 'refused', error };
    }
    let alreadyGone = false;
    try {
      await client.deleteToken(tokenId, { signal });
    } catch (error) {
      if (isNotFound(error)) {
        // A 404 to the DELETE alone is not proof enough to forget a value: ask for the token itself.
        const exists = await this.exists(userId, tokenId);
        if (exists === undefined) return { kind: 'outcomeUnknown', cause: error };
        if (exists) return { kind: 'refused', error, stillExists: true };
        alreadyGone = true;
      } else if (isVercelError(error) && error.outcomeUnknown) {
        // The answer was lost: ask Vercel whether the token is still there.
        const exists = await this.exists(userId, tokenId);
        if (exists === undefined) return { kind: 'outcomeUnknown', cause: error };
        if (exists) return { kind: 'refused', error, stillExists: true };
      } else {
        return { kind: 'refused', error };
      }
    }
    if (alreadyGone) this.log.info(`Token ${tokenId} was already gone on Vercel`);
    await this.forgetGone(userId, tokenId);
    const signedOut = this.accounts.isAccountToken(userId, tokenId) && (await this.accounts.signOut(userId)).stored;
    return { kind: 'deleted', alreadyGone, signedOut };
  }

  /** Whether Vercel still has the token: undefined when it could not say. */
  async exists(userId: string, tokenId: string): Promise<boolean | undefined> {
    try {
      await this.accounts.client(userId).getToken(tokenId);
      return true;
    } catch (error) {
      return isNotFound(error) ? false : undefined;
    }
  }

  /** A stored value, or undefined when none is stored or the keychain failed. */
  async storedValue(tokenId: string): Promise<string | undefined> {
    return this.keychain.getTokenValue(tokenId);
  }

  /** Forgets every value stored for this account (asked for at sign-out). */
  async forgetAccountValues(userId: string): Promise<number> {
    const ids = [...(await this.keychain.storedTokenIds(userId))];
    if (ids.length) await this.keychain.deleteTokenValues(userId, ids);
    return ids.length;
  }

  private async forgetGone(userId: string, tokenId: string): Promise<void> {
    await this.keychain.deleteTokenValues(userId, [tokenId]);
    this.lists.get(userId)?.removeDeleted(tokenId);
    this.goneEmitter.fire({ userId, tokenId });
  }

  dispose(): void {
    this.goneEmitter.dispose();
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof VercelApiError && error.status === 404;
}
