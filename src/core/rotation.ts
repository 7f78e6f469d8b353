// Rotating a token in one step: a replacement with the same name, scope and lifetime, its value
// stored (and read back), then the old token deleted and its value forgotten. Every failure
// leaves the user with one working token and a clear account of what exists.
import type { AuthToken } from '../api/types';
import type { VercelError } from '../api/errors';
import { replacementExpiry, scopeOf } from '../domain/scope';
import type { Accounts } from './accounts';
import type { Clock, Log } from './ports';
import type { TokenOperations, UnknownCreate } from './tokens';

export type RotateOutcome =
  /** The replacement is stored and the old token is gone. */
  | { kind: 'rotated'; userId: string; replacement: AuthToken }
  /** The replacement is stored; the old token was not deleted: both exist. */
  | { kind: 'oldStillActive'; userId: string; replacement: AuthToken; old: AuthToken; error: unknown }
  /** The replacement is stored; the delete of the old token got no answer that says what happened. */
  | { kind: 'oldMaybeDeleted'; userId: string; replacement: AuthToken; old: AuthToken; cause: unknown }
  /** The replacement exists but its value could not be stored; the old token is untouched. */
  | { kind: 'replacementNotStored'; userId: string; replacement: AuthToken; value: string; reason: string }
  /** The create's answer was lost; the old token is untouched. */
  | { kind: 'createUnknown'; cause: VercelError; pending: UnknownCreate }
  /** Vercel refused the create; the old token is untouched. */
  | { kind: 'refused'; error: unknown };

export class Rotation {
  constructor(
    private readonly accounts: Accounts,
    private readonly tokens: TokenOperations,
    private readonly log: Log,
    private readonly clock: Clock,
  ) {}

  async rotate(userId: string, old: AuthToken, signal?: AbortSignal): Promise<RotateOutcome> {
    const scope = scopeOf(old);
    const created = await this.tokens.create(
      userId,
      {
        name: old.name,
        expiresAt: replacementExpiry(old, this.clock.now()),
        // The same scope as the old token, whatever team is selected now.
        team: scope.teamId ? { id: scope.teamId, slug: scope.teamId } : null,
        projectId: scope.projectId,
      },
      signal,
    );
    switch (created.kind) {
      case 'createdNotStored':
        return { kind: 'replacementNotStored', userId, replacement: created.token, value: created.value, reason: created.reason };
      case 'outcomeUnknown':
        return { kind: 'createUnknown', cause: created.cause, pending: created.pending };
      case 'refused':
        return created;
      case 'createdAndStored':
        break;
    }
    const replacement = created.token;
    // Cancelled once the replacement existed: it is stored, and the old token is kept for Retry.
    if (signal?.aborted) return { kind: 'oldStillActive', userId, replacement, old, error: new Error('the rotation was cancelled') };
    return this.deleteOld(userId, replacement, old);
  }

  /** Deletes the old token after its replacement is stored (also the Retry of `oldStillActive`). */
  async deleteOld(userId: string, replacement: AuthToken, old: AuthToken): Promise<RotateOutcome> {
    // Rotating the token the extension signs in with: sign in with the replacement first, so the
    // account stays signed in once the old one is gone (on Retry too).
    if (this.accounts.isAccountToken(userId, old.id)) {
      const value = await this.tokens.storedValue(replacement.id);
      const switched = value ? await this.accounts.signIn(value).catch((error: unknown) => ({ kind: 'failed' as const, error })) : undefined;
      if (switched?.kind !== 'signedIn') {
        this.log.warn(`Kept the old account token ${old.id}: signing in with its replacement failed`);
        return {
          kind: 'oldStillActive',
          userId,
          replacement,
          old,
          error: new Error('signing in with the new token failed, so the extension still signs in with the old one'),
        };
      }
    }
    const deleted = await this.tokens.delete(userId, old.id);
    if (deleted.kind === 'deleted') {
      this.log.info(`Rotated token ${old.id}: replaced by ${replacement.id}`);
      return { kind: 'rotated', userId, replacement };
    }
    if (deleted.kind === 'outcomeUnknown') return { kind: 'oldMaybeDeleted', userId, replacement, old, cause: deleted.cause };
    return { kind: 'oldStillActive', userId, replacement, old, error: deleted.error };
  }
}
