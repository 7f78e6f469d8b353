// The words for a feature the web build leaves out: which one, why, and where it is.
import vscode = require('vscode');
import { l10n } from 'vscode';

/** `feature` and `why` are translated parts of the sentence. */
export function notOnTheWeb(feature: string, why: string): string {
  return l10n.t(
    '{0} is not available in VS Code for the web: {1}. It works in VS Code desktop and in a remote window (SSH, a dev container, Codespaces).',
    feature,
    why,
  );
}

export function sayNotOnTheWeb(feature: string, why: string): void {
  void vscode.window.showInformationMessage(notOnTheWeb(feature, why));
}

export const github = (): string => l10n.t('Saving a token as a GitHub Actions secret');
export const githubWhy = (): string => l10n.t('the web build has neither the git remotes of the workspace nor the encryption GitHub requires');
export const envFile = (): string => l10n.t('Adding a token to a .env file');
export const envFileWhy = (): string => l10n.t('git does not run in the browser, and a value goes into a file only once git says it ignores it');
export const terminals = (): string => l10n.t('Using a token in new terminals');
export const terminalsWhy = (): string => l10n.t('a browser window has no integrated terminals of its own');
