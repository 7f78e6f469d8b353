// The places chunk of the web build (in place of ../places.ts, see esbuild.mjs). A web worker has
// no terminals and no git, which must say a .env file is ignored before a value goes in, and the
// GitHub client with its sealed box would not fit the browser bundle: each command says so. No
// place is ever put anywhere from here.
import { l10n } from 'vscode';
import type * as NodePlaces from '../places';
import { notOnTheWeb, sayNotOnTheWeb } from './unavailable';

export { useInTerminals } from './useInTerminals';
// Places remembered by another host of the same profile are still named, in rotation and deletion.
export { askAboutFailedPlaces, placesReport, rotationWillUpdate, usedInDetail } from '../commands/placesPrompts';

export const saveToGitHubSecret: typeof NodePlaces.saveToGitHubSecret = () => {
  sayNotOnTheWeb('githubSecret');
  return Promise.resolve({ kind: 'failed' });
};

export const addToEnvFile: typeof NodePlaces.addToEnvFile = () => {
  sayNotOnTheWeb('envFile');
  return Promise.resolve({ kind: 'failed' });
};

/** Rotation's writer: no place can be written from here. */
export class IntegrationPlaceWriter {
  write(place: { kind: string }): Promise<{ kind: 'failed'; message: string }> {
    const feature = place.kind === 'githubSecret' ? 'githubSecret' : place.kind === 'envFile' ? 'envFile' : 'terminals';
    return Promise.resolve({ kind: 'failed', message: notOnTheWeb(feature) });
  }
}

/** The git extension runs beside the workspace, never in the browser's worker. */
export class Git {
  available(): Promise<boolean> {
    return Promise.resolve(false);
  }
  isIgnored(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
}

// Constructed for rotation's writer above, which never connects.
export class GitHubSecrets {}
export const vscodeGitHubSessions: typeof NodePlaces.vscodeGitHubSessions = { get: () => Promise.resolve({ kind: 'declined' }) };

/** Never asked for: the web's leak diagnostics (./leakDiagnostics.ts) do not scan. */
export const createLeakReporter: typeof NodePlaces.createLeakReporter = () => {
  throw new Error(l10n.t('Leak reports are not part of the web build'));
};
