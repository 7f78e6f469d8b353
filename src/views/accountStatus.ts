// The account Create would use (and its team) in the status bar. The view's description says the
// same, but VS Code does not show it while the view is the only one in its container: the view's
// header is merged into the container's, which has no place for a description (microsoft/vscode#166000).
import vscode = require('vscode');
import { inert, inertLabel } from '../domain/inertText';

export interface ShownAccount {
  username: string;
  team?: { slug: string; name?: string };
  /** How many accounts are signed in. */
  accountCount: number;
  /** The tree's node of this account: a click chooses the team of this account, not of one asked for. */
  node?: unknown;
}

export class AccountStatus implements vscode.Disposable {
  /** Created on first sign-in: a signed-out window costs nothing. */
  private item: vscode.StatusBarItem | undefined;

  show(account: ShownAccount | undefined): void {
    if (!account) {
      this.item?.hide();
      return;
    }
    const { team, accountCount } = account;
    const username = inert(account.username);
    const slug = team ? inert(team.slug) : undefined;
    const teamName = team?.name ? inert(team.name) : undefined;
    const teamWords = slug ? `, team ${teamName && teamName !== slug ? `${teamName} (${slug})` : slug}` : '';
    const item = (this.item ??= vscode.window.createStatusBarItem('vercelTokens.account', vscode.StatusBarAlignment.Left, -100));
    item.name = 'Vercel Account';
    item.text = `$(account) ${inertLabel(account.username)}${team ? ` · ${inertLabel(team.slug)}` : ''}`;
    item.tooltip =
      accountCount > 1
        ? `Vercel Tokens: new tokens are created as ${username}${teamWords} (${accountCount} accounts signed in). Click to choose a team.`
        : `Vercel Tokens: signed in as ${username}${teamWords}. Click to choose a team.`;
    item.accessibilityInformation = { label: `Vercel account: ${username}${teamWords}` };
    item.command = { command: 'vercelTokens.selectTeam', title: 'Select Team', arguments: account.node ? [account.node] : [] };
    item.show();
  }

  dispose(): void {
    this.item?.dispose();
  }
}
