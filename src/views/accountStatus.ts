// The signed-in account (and team) in the status bar. The view's description says the same, but
// VS Code does not show it while the view is the only one in its container: the view's header is
// merged into the container's, which has no place for a description (microsoft/vscode#166000).
import vscode = require('vscode');

export interface ShownAccount {
  username: string;
  team?: { slug: string; name?: string };
}

export class AccountStatus implements vscode.Disposable {
  /** Created on first sign-in: a signed-out window costs nothing. */
  private item: vscode.StatusBarItem | undefined;

  show(account: ShownAccount | undefined): void {
    if (!account) {
      this.item?.hide();
      return;
    }
    const { username, team } = account;
    const teamWords = team ? `, team ${team.name && team.name !== team.slug ? `${team.name} (${team.slug})` : team.slug}` : '';
    const item = (this.item ??= vscode.window.createStatusBarItem('vercelTokens.account', vscode.StatusBarAlignment.Left, -100));
    item.name = 'Vercel Account';
    item.text = `$(account) ${username}${team ? ` · ${team.slug}` : ''}`;
    item.tooltip = `Vercel Tokens: signed in as ${username}${teamWords}. Click to choose a team.`;
    item.accessibilityInformation = { label: `Vercel account: ${username}${teamWords}` };
    item.command = 'vercelTokens.selectTeam';
    item.show();
  }

  dispose(): void {
    this.item?.dispose();
  }
}
