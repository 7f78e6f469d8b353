// The words for a feature the web build leaves out: which one, why, and where it is.
import vscode = require('vscode');
import { l10n } from 'vscode';

export type WebFeature = 'githubSecret' | 'envFile' | 'terminals' | 'leakChecks';

/** One whole message per feature, so that a translator words the feature and its reason together. */
export function notOnTheWeb(feature: WebFeature): string {
  switch (feature) {
    case 'githubSecret':
      return l10n.t(
        'Saving a token as a GitHub Actions secret is not available in VS Code for the web: the web build has neither the git remotes of the workspace nor the encryption GitHub requires. It works in VS Code desktop and in a remote window (SSH, a dev container, Codespaces).',
      );
    case 'envFile':
      return l10n.t(
        'Adding a token to a .env file is not available in VS Code for the web: git does not run in the browser, and a value goes into a file only once git says it ignores it. It works in VS Code desktop and in a remote window (SSH, a dev container, Codespaces).',
      );
    case 'terminals':
      return l10n.t(
        'Using a token in new terminals is not available in VS Code for the web: a browser window has no integrated terminals of its own. It works in VS Code desktop and in a remote window (SSH, a dev container, Codespaces).',
      );
    case 'leakChecks':
      return l10n.t(
        'Checking files for Vercel token values is not available in VS Code for the web: a value in a file git ignores belongs there, and git does not run in the browser to tell. It works in VS Code desktop and in a remote window (SSH, a dev container, Codespaces).',
      );
  }
}

export function sayNotOnTheWeb(feature: WebFeature): void {
  void vscode.window.showInformationMessage(notOnTheWeb(feature));
}
