// Rotating a token in one step: a replacement with the same name, scope and lifetime, its value
// stored (and read back), then the old token deleted and its value forgotten. Every failure
// leaves the user with one working token and a clear account of what exists.
import * as l10n from '@vscode/l10n';
import type { AuthToken } from '../api/types';
import type { VercelError } from '../api/errors';
import { replacementExpiry, scopeOf } from '../domain/scope';
import { describeError } from '../errorMessages';
import type { Accounts } from './accounts';
import { placeKey, type Place, type PlaceFailure, type Places, type PlaceWriter } from './places';
import type { Clock, Log } from './ports';
import type { TokenOperations, UnknownCreate } from './tokens';

export type RotateOutcome =
  /** The replacement is stored, in every place the old one was (`updated`), and the old token is gone. */
  | { kind: 'rotated'; userId: string; replacement: AuthToken; updated: Place[]; skipped: Place[] }
  /**
   * The replacement is stored; some places the old token's value was put could not be updated
   * (`failed`), so the old token is kept: the user chooses to retry them, skip them, or keep both.
   */
  | { kind: 'placesFailed'; userId: string; replacement: AuthToken; old: AuthToken; updated: Place[]; failed: PlaceFailure[] }
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
    private readonly places?: { places: Places; writer: PlaceWriter },
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
    if (signal?.aborted) return { kind: 'oldStillActive', userId, replacement, old, error: new Error(l10n.t('the rotation was cancelled')) };
    return this.deleteOld(userId, replacement, old, [], [], signal);
  }

  /**
   * Puts the replacement's value in each of these places of the old token's value; each place
   * updated is remembered for the replacement at once.
   */
  private async updatePlaces(
    userId: string,
    old: AuthToken,
    replacement: AuthToken,
    pending: readonly Place[],
    updatedBefore: readonly Place[],
  ): Promise<{ kind: 'updated'; updated: Place[] } | Extract<RotateOutcome, { kind: 'placesFailed' }>> {
    const updated = [...updatedBefore];
    if (!this.places) return { kind: 'updated', updated };
    const { places, writer } = this.places;
    const value = await this.tokens.storedValue(replacement.id);
    const previous = await this.tokens.storedValue(old.id);
    const failed: PlaceFailure[] = [];
    for (const place of pending) {
      const written = value
        ? await writer.write(place, value, replacement, previous).catch((error: unknown): { kind: 'failed'; message: string } => ({ kind: 'failed', message: describeError(error) }))
        : { kind: 'failed' as const, message: l10n.t('the new value could not be read from the keychain') };
      if (written.kind === 'written') {
        updated.push(place);
        await places.add(replacement.id, place);
      } else {
        failed.push({ place, message: written.message });
      }
    }
    this.log.info(`Rotation of ${old.id}: ${updated.length} place(s) updated, ${failed.length} failed`);
    return failed.length ? { kind: 'placesFailed', userId, replacement, old, updated, failed } : { kind: 'updated', updated };
  }

  /**
   * Deletes the old token after its replacement is stored (also the Retry of `oldStillActive`, and
   * the Skip of `placesFailed`: the places skipped keep the old value and stop working with it).
   */
  async deleteOld(
    userId: string,
    replacement: AuthToken,
    old: AuthToken,
    updated: readonly Place[] = [],
    skipped: readonly Place[] = [],
    signal?: AbortSignal,
  ): Promise<RotateOutcome> {
    // Whatever still holds the old value gets the new one first (on every Retry too), except the
    // places the user chose to skip: the old token is never deleted from under a place unasked.
    const skippedKeys = new Set(skipped.map(placeKey));
    const pending = this.places?.places.of(old.id).filter((place) => !skippedKeys.has(placeKey(place))) ?? [];
    if (pending.length) {
      const moved = await this.updatePlaces(userId, old, replacement, pending, updated);
      if (moved.kind === 'placesFailed') return moved;
      updated = moved.updated;
    }
    if (signal?.aborted) return { kind: 'oldStillActive', userId, replacement, old, error: new Error(l10n.t('the rotation was cancelled')) };
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
          error: new Error(l10n.t('signing in with the new token failed, so the extension still signs in with the old one')),
        };
      }
    }
    const deleted = await this.tokens.delete(userId, old.id);
    if (deleted.kind === 'deleted') {
      this.log.info(`Rotated token ${old.id}: replaced by ${replacement.id}`);
      return { kind: 'rotated', userId, replacement, updated: [...updated], skipped: [...skipped] };
    }
    if (deleted.kind === 'outcomeUnknown') return { kind: 'oldMaybeDeleted', userId, replacement, old, cause: deleted.cause };
    return { kind: 'oldStillActive', userId, replacement, old, error: deleted.error };
  }
}
