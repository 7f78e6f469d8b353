// What the user is told about the places a token's value was put, during rotation and deletion
// (part of the places chunk: only a token used somewhere needs it).
import vscode = require('vscode');
import { l10n } from 'vscode';
import { describePlace, type Place, type PlaceFailure } from '../core/places';
import { inert } from '../domain/inertText';
import { nameOf } from '../ui/words';

// Button labels: one translated value each, so that the answer compares equal in every language.
export const RETRY_PLACES = l10n.t('Retry');
export const SKIP_PLACES = l10n.t('Skip and Delete the Old Token');
export const KEEP_BOTH = l10n.t('Keep Both');

function names(places: readonly Place[]): string {
  return places.map((place) => inert(describePlace(place))).join('; ');
}

/** For the rotation's confirmation. */
export function rotationWillUpdate(places: readonly Place[]): string {
  return l10n.t('Before that, the new value goes everywhere Vercel Tokens put this one: {0}.', names(places));
}

/** Per place: updated, or left with the old value. */
export function placesReport(updated: readonly Place[], skipped: readonly Place[]): string {
  const words = [];
  if (updated.length) words.push(l10n.t('Updated with the new value: {0}.', names(updated)));
  if (skipped.length) words.push(l10n.t('Skipped (they still hold the deleted token): {0}.', names(skipped)));
  return words.join(' ');
}

/** Some places kept the old value: retry them, skip them (and delete the old token), or keep both tokens. */
export async function askAboutFailedPlaces(name: string, oldId: string, updated: readonly Place[], failed: readonly PlaceFailure[]): Promise<'retry' | 'skip' | 'keep'> {
  const lines = [
    ...updated.map((place) => l10n.t('✓ {0}: updated', inert(describePlace(place)))),
    ...failed.map((failure) => `✗ ${inert(describePlace(failure.place))}: ${inert(failure.message)}`),
  ];
  const choice = await vscode.window.showWarningMessage(
    failed.length === 1
      ? l10n.t('Token "{0}" was rotated, but one place that uses it was not updated: the old token is kept for now.', name)
      : l10n.t('Token "{0}" was rotated, but {1} places that use it were not updated: the old token is kept for now.', name, failed.length),
    {
      modal: true,
      detail: l10n.t(
        '{0}\n\nRetry tries the failed places again. Skip deletes the old token anyway: those places stop working. Keep Both leaves the old token active.',
        lines.join('\n'),
      ),
    },
    RETRY_PLACES,
    SKIP_PLACES,
    KEEP_BOTH,
  );
  if (choice === RETRY_PLACES) return 'retry';
  if (choice === SKIP_PLACES) return 'skip';
  // Keep Both (or the dialog closed): both tokens work; each place holds the token it was given.
  void vscode.window.showInformationMessage(
    updated.length
      ? l10n.t(
          'Both tokens named "{0}" work: the new one is stored in VS Code and in {1} place(s); the old one ({2}) is still in: {3}. Delete it once those are updated.',
          name,
          updated.length,
          oldId,
          names(failed.map((failure) => failure.place)),
        )
      : l10n.t(
          'Both tokens named "{0}" work: the new one is stored in VS Code; the old one ({1}) is still in: {2}. Delete it once those are updated.',
          name,
          oldId,
          names(failed.map((failure) => failure.place)),
        ),
  );
  return 'keep';
}

/** For a delete's confirmation: the places that stop working, one token or several. */
export function usedInDetail(used: readonly { tokenName: string; place: Place }[], several: boolean, maxNamed: number): string {
  if (!used.length) return '';
  if (!several) {
    const places = used.map((entry) => entry.place);
    const stops =
      places.length === 1
        ? l10n.t('Vercel Tokens put its value in this place, which stops working: {0}. Rotate Token would update it instead.', names(places))
        : l10n.t('Vercel Tokens put its value in {0} places, which stop working: {1}. Rotate Token would update them instead.', places.length, names(places));
    return `\n\n${stops}`;
  }
  const lines = used.map((entry) => l10n.t('• {0} in {1}', inert(nameOf({ name: entry.tokenName })), inert(describePlace(entry.place))));
  const more = used.length > maxNamed ? `\n${l10n.t('…and {0} more', used.length - maxNamed)}` : '';
  return `\n\n${l10n.t('Vercel Tokens put their values in places that stop working:\n{0}', lines.slice(0, maxNamed).join('\n'))}${more}`;
}
