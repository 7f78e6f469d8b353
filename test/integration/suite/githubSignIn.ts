// The extension's GitHub requests go to a stand-in GitHub, signed with a session of the stand-in
// authentication provider (test/host/github-auth-standin).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeGitHub } from '../../fake-github/server';
import { EXTENSION_ID, githubStandin, waitFor } from './helpers';

/**
 * vercelTokens.githubApiUrl = the stand-in, and a session the extension may use. VS Code's Allow
 * dialog cannot show in a test host: the stand-in accepts the extension's sign-in request instead,
 * as a click in the Accounts menu would (the e2e run presses the dialog's Allow button).
 */
export async function useStandInGitHub(github: FakeGitHub): Promise<void> {
  await vscode.workspace.getConfiguration('vercelTokens').update('githubApiUrl', github.url, vscode.ConfigurationTarget.Global);
  await waitFor(() => vscode.workspace.getConfiguration('vercelTokens').get('githubApiUrl') === github.url, 'githubApiUrl');
  const standin = await githubStandin();
  standin.reset();
  standin.setAccessToken(github.acceptedToken);
  await vscode.authentication.getSession('github', ['repo'], { createIfNone: false });
  assert.equal(await standin.acceptSignInRequests(EXTENSION_ID, 'github'), 1);
}
