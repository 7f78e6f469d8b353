// What the user is told about the places a token's value was put, during rotation and deletion
// (part of the places chunk: only a token used somewhere needs it).
import vscode = require('vscode');
import { describePlace, type Place, type PlaceFailure } from '../core/places';
import { inert } from '../domain/inertText';

export const RETRY_PLACES = 'Retry';
export const SKIP_PLACES = 'Skip and Delete the Old Token';
export const KEEP_BOTH = 'Keep Both';

function names(places: readonly Place[]): string {
  return places.map((place) => inert(describePlace(place))).join('; ');
}

/** For the rotation's confirmation. */
export function rotationWillUpdate(places: readonly Place[]): string {
  return `Before that, the new value goes everywhere Vercel Tokens put this one: ${names(places)}.`;
}

/** Per place: updated, or left with the old value. */
export function placesReport(updated: readonly Place[], skipped: readonly Place[]): string {
  const words = [];
  if (updated.length) words.push(`Updated with the new value: ${names(updated)}.`);
  if (skipped.length) words.push(`Skipped (they still hold the deleted token): ${names(skipped)}.`);
  return words.join(' ');
}

/** Some places kept the old value: retry them, skip them (and delete the old token), or keep both tokens. */
export async function askAboutFailedPlaces(name: string, oldId: string, updated: readonly Place[], failed: readonly PlaceFailure[]): Promise<'retry' | 'skip' | 'keep'> {
  const lines = [
    ...updated.map((place) => `✓ ${inert(describePlace(place))}: updated`),
    ...failed.map((failure) => `✗ ${inert(describePlace(failure.place))}: ${inert(failure.message)}`),
  ];
  const choice = await vscode.window.showWarningMessage(
    `Token "${name}" was rotated, but ${failed.length === 1 ? 'one place that uses it was' : `${failed.length} places that use it were`} not updated: the old token is kept for now.`,
    {
      modal: true,
      detail: `${lines.join('\n')}\n\nRetry tries the failed places again. Skip deletes the old token anyway: those places stop working. Keep Both leaves the old token active.`,
    },
    RETRY_PLACES,
    SKIP_PLACES,
    KEEP_BOTH,
  );
  if (choice === RETRY_PLACES) return 'retry';
  if (choice === SKIP_PLACES) return 'skip';
  // Keep Both (or the dialog closed): both tokens work; each place holds the token it was given.
  void vscode.window.showInformationMessage(
    `Both tokens named "${name}" work: the new one is stored in VS Code${updated.length ? ` and in ${updated.length} place(s)` : ''}; ` +
      `the old one (${oldId}) is still in: ${names(failed.map((failure) => failure.place))}. Delete it once those are updated.`,
  );
  return 'keep';
}

/** For a delete's confirmation: the places that stop working, one token or several. */
export function usedInDetail(used: readonly { tokenName: string; place: Place }[], several: boolean, maxNamed: number): string {
  if (!used.length) return '';
  if (!several) {
    const places = used.map((entry) => entry.place);
    return (
      `\n\nVercel Tokens put its value in ${places.length === 1 ? 'this place, which stops working' : `${places.length} places, which stop working`}: ` +
      `${names(places)}. Rotate Token would update ${places.length === 1 ? 'it' : 'them'} instead.`
    );
  }
  const lines = used.map((entry) => `• ${inert(entry.tokenName || '(unnamed)')} in ${inert(describePlace(entry.place))}`);
  const more = used.length > maxNamed ? `\n…and ${used.length - maxNamed} more` : '';
  return `\n\nVercel Tokens put their values in places that stop working:\n${lines.slice(0, maxNamed).join('\n')}${more}`;
}
