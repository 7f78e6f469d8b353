// "Vercel: Rotate Token": after a modal that says the old token stops working, the core creates a
// replacement with the same name, scope and lifetime, stores its value, then deletes the old one.
// Every outcome leaves the user with one working token and says which exist.
import vscode = require('vscode');
import type { AuthToken } from '../api/types';
import type { Place, PlaceFailure } from '../core/places';
import { places } from '../placesChunk';
import type { RotateOutcome } from '../core/rotation';
import { inert, inertLabel } from '../domain/inertText';
import { describeError } from '../errorMessages';
import { cannotCreateTokens, explainCannotCreate, offerUnstoredValue, reconcileUnknownOutcome, reveal } from './createToken';
import { abortSignalOf, reportError, resolveToken, type Services, type TokenTarget } from './services';

const ROTATE = 'Rotate';
const RETRY = 'Retry';

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
  const resolved = await resolveToken(services, request, 'Rotate which token?');
  if (!resolved) return undefined;
  const { list, token } = resolved;
  const name = inert(token.name);
  if (!request.confirmed) {
    const signsInWithIt = list.isAccountToken(token.id) ? ' This is the token Vercel Tokens signs in with: it signs in with the new one instead.' : '';
    const used = services.places.of(token.id);
    const updatesPlaces = used.length ? ` ${places().rotationWillUpdate(used)}` : '';
    const choice = await vscode.window.showWarningMessage(
      `Rotate the Vercel token "${name}"?`,
      {
        modal: true,
        detail:
          `A new token with the same name, scope and lifetime is created and its value stored in VS Code; then "${name}" is deleted ` +
          `and stops working at once: update whatever else still uses it.${updatesPlaces}${signsInWithIt}`,
      },
      ROTATE,
    );
    if (choice !== ROTATE) return undefined;
  }
  let outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Rotating token "${inertLabel(token.name)}"…`, cancellable: true },
    (_progress, cancellation) => services.rotation.rotate(list.userId, token, abortSignalOf(cancellation)),
  );
  for (;;) {
    switch (outcome.kind) {
      case 'rotated':
        reveal(services, outcome.userId, outcome.replacement);
        if (outcome.updated.length || outcome.skipped.length) {
          void vscode.window.showInformationMessage(`Rotated token "${name}": the old one is deleted. ${places().placesReport(outcome.updated, outcome.skipped)}`);
        } else {
          vscode.window.setStatusBarMessage(`$(check) Rotated token "${inertLabel(outcome.replacement.name)}": the old one is deleted`, 5000);
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
          `Token "${name}" was rotated: the new token is stored in VS Code, but the old one (${token.id}) is still active on Vercel ` +
            `(${describeError(outcome.error)}). Both work until the old one is deleted.`,
          RETRY,
        );
        if (choice !== RETRY) return { kind: 'oldStillActive', replacementId: outcome.replacement.id };
        outcome = await retryDelete(services, outcome.userId, outcome.replacement, outcome.old);
        continue;
      }
      case 'oldMaybeDeleted': {
        reveal(services, outcome.userId, outcome.replacement);
        const choice = await vscode.window.showWarningMessage(
          `Token "${name}" was rotated: the new token is stored in VS Code, but whether the old one (${token.id}) was deleted is not known ` +
            `(${describeError(outcome.cause)}). Refresh the Auth Tokens view to see; Retry deletes it if it is still there.`,
          RETRY,
        );
        if (choice !== RETRY) return { kind: 'oldMaybeDeleted', replacementId: outcome.replacement.id };
        outcome = await retryDelete(services, outcome.userId, outcome.replacement, outcome.old);
        continue;
      }
      case 'replacementNotStored':
        reveal(services, outcome.userId, outcome.replacement);
        await offerUnstoredValue(services, outcome.userId, outcome.replacement, outcome.value, outcome.reason, `The old token "${name}" is untouched and still works.`);
        return { kind: 'replacementNotStored', replacementId: outcome.replacement.id };
      case 'createUnknown':
        await reconcileUnknownOutcome(
          services,
          outcome.pending,
          outcome.cause,
          undefined,
          `The old token "${name}" (${token.id}) is untouched and still works: rotate it again once this is settled.`,
        );
        return { kind: 'createUnknown' };
      case 'refused':
        if (cannotCreateTokens(outcome.error)) await explainCannotCreate(services, token.name, outcome.error);
        else await reportError(services, list.userId, `Token "${name}" was not rotated (it is untouched)`, outcome.error);
        return { kind: 'refused' };
    }
  }
}

function withRotationProgress<T>(name: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rotating token "${inertLabel(name)}"…` }, task);
}

function retryDelete(services: Services, userId: string, replacement: AuthToken, old: AuthToken): Thenable<RotateOutcome> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deleting the old token "${inertLabel(old.name)}"…` },
    () => services.rotation.deleteOld(userId, replacement, old),
  );
}
