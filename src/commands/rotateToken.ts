// "Vercel: Rotate Token": after a modal that says the old token stops working, the core creates a
// replacement with the same name, scope and lifetime, stores its value, then deletes the old one.
// Every outcome leaves the user with one working token and says which exist.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { AuthToken } from '../api/types';
import type { Place, PlaceFailure } from '../core/places';
import { places } from '../placesChunk';
import type { RotateOutcome } from '../core/rotation';
import { inert, inertLabel } from '../domain/inertText';
import { describeError } from '../errorMessages';
import { cannotCreateTokens, explainCannotCreate, offerUnstoredValue, reconcileUnknownOutcome, reveal } from './createToken';
import { abortSignalOf, reportError, resolveToken, type Services, type TokenTarget } from './services';

// Button labels: one translated value each, so that the answer compares equal in every language.
const ROTATE = l10n.t('Rotate');
const RETRY = l10n.t('Retry');

export interface RotateTokenRequest extends TokenTarget {
  /** From the test API only: the modal was answered already. */
  confirmed?: boolean;
}

export interface RotateTokenResult {
  kind: RotateOutcome['kind'];
  replacementId?: string;
  updated?: Place[];
  skipped?: Place[];
  failed?: PlaceFailure[];
}

export async function rotateToken(services: Services, request: RotateTokenRequest = {}): Promise<RotateTokenResult | undefined> {
  const resolved = await resolveToken(services, request, l10n.t('Rotate which token?'));
  if (!resolved) return undefined;
  const { list, token } = resolved;
  const name = inert(token.name);
  if (!request.confirmed) {
    const used = services.places.of(token.id);
    // Whole sentences, one after another.
    const detail = [
      l10n.t(
        'A new token with the same name, scope and lifetime is created and its value stored in VS Code; then "{0}" is deleted and stops working at once: update whatever else still uses it.',
        name,
      ),
      ...(used.length ? [places().rotationWillUpdate(used)] : []),
      ...(list.isAccountToken(token.id) ? [l10n.t('This is the token Vercel Tokens signs in with: it signs in with the new one instead.')] : []),
    ].join(' ');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('Rotate the Vercel token "{0}"?', name),
      { modal: true, detail },
      ROTATE,
    );
    if (choice !== ROTATE) return undefined;
  }
  let outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Rotating token "{0}"…', inertLabel(token.name)), cancellable: true },
    (_progress, cancellation) => services.rotation.rotate(list.userId, token, abortSignalOf(cancellation)),
  );
  for (;;) {
    switch (outcome.kind) {
      case 'rotated':
        reveal(services, outcome.userId, outcome.replacement);
        if (outcome.updated.length || outcome.skipped.length) {
          void vscode.window.showInformationMessage(
            l10n.t('Rotated token "{0}": the old one is deleted. {1}', name, places().placesReport(outcome.updated, outcome.skipped)),
          );
        } else {
          vscode.window.setStatusBarMessage(l10n.t('$(check) Rotated token "{0}": the old one is deleted', inertLabel(outcome.replacement.name)), 5000);
        }
        return { kind: 'rotated', replacementId: outcome.replacement.id, updated: outcome.updated, skipped: outcome.skipped };
      case 'placesFailed': {
        const { userId, old, replacement, updated, failed } = outcome;
        reveal(services, userId, replacement);
        const choice = await places().askAboutFailedPlaces(name, token.id, updated, failed);
        if (choice === 'retry') {
          // deleteOld updates whatever still holds the old value (the failed places) before it deletes.
          outcome = await withRotationProgress(token.name, () => services.rotation.deleteOld(userId, replacement, old, updated));
          continue;
        }
        if (choice === 'skip') {
          const skipped = failed.map((failure) => failure.place);
          outcome = await withRotationProgress(token.name, () => services.rotation.deleteOld(userId, replacement, old, updated, skipped));
          continue;
        }
        return { kind: 'placesFailed', replacementId: replacement.id, updated, failed };
      }
      case 'oldStillActive': {
        reveal(services, outcome.userId, outcome.replacement);
        const choice = await vscode.window.showWarningMessage(
          l10n.t(
            'Token "{0}" was rotated: the new token is stored in VS Code, but the old one ({1}) is still active on Vercel ({2}). Both work until the old one is deleted.',
            name,
            token.id,
            describeError(outcome.error),
          ),
          RETRY,
        );
        if (choice !== RETRY) return { kind: 'oldStillActive', replacementId: outcome.replacement.id };
        outcome = await retryDelete(services, outcome.userId, outcome.replacement, outcome.old);
        continue;
      }
      case 'oldMaybeDeleted': {
        reveal(services, outcome.userId, outcome.replacement);
        const choice = await vscode.window.showWarningMessage(
          l10n.t(
            'Token "{0}" was rotated: the new token is stored in VS Code, but whether the old one ({1}) was deleted is not known ({2}). Refresh the Auth Tokens view to see; Retry deletes it if it is still there.',
            name,
            token.id,
            describeError(outcome.cause),
          ),
          RETRY,
        );
        if (choice !== RETRY) return { kind: 'oldMaybeDeleted', replacementId: outcome.replacement.id };
        outcome = await retryDelete(services, outcome.userId, outcome.replacement, outcome.old);
        continue;
      }
      case 'replacementNotStored':
        reveal(services, outcome.userId, outcome.replacement);
        await offerUnstoredValue(services, outcome.userId, outcome.replacement, outcome.value, outcome.reason, l10n.t('The old token "{0}" is untouched and still works.', name));
        return { kind: 'replacementNotStored', replacementId: outcome.replacement.id };
      case 'createUnknown':
        await reconcileUnknownOutcome(
          services,
          outcome.pending,
          outcome.cause,
          undefined,
          l10n.t('The old token "{0}" ({1}) is untouched and still works: rotate it again once this is settled.', name, token.id),
        );
        return { kind: 'createUnknown' };
      case 'refused':
        if (cannotCreateTokens(outcome.error)) await explainCannotCreate(services, token.name, outcome.error);
        else await reportError(services, list.userId, l10n.t('Token "{0}" was not rotated (it is untouched)', name), outcome.error);
        return { kind: 'refused' };
    }
  }
}

function withRotationProgress<T>(name: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Rotating token "{0}"…', inertLabel(name)) }, task);
}

function retryDelete(services: Services, userId: string, replacement: AuthToken, old: AuthToken): Thenable<RotateOutcome> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Deleting the old token "{0}"…', inertLabel(old.name)) },
    () => services.rotation.deleteOld(userId, replacement, old),
  );
}
