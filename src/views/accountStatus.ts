// The account Create would use (and its team) in the status bar. The view's description says the
// same, but VS Code does not show it while the view is the only one in its container: the view's
// header is merged into the container's, which has no place for a description (microsoft/vscode#166000).
import vscode = require('vscode');
import { l10n } from 'vscode';
import { isSingular } from '../domain/format';
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
    // The team as "Name (slug)", or the slug when the name says nothing more.
    const teamShown = slug && (teamName && teamName !== slug ? `${teamName} (${slug})` : slug);
    const item = (this.item ??= vscode.window.createStatusBarItem('vercelTokens.account', vscode.StatusBarAlignment.Left, -100));
    item.name = l10n.t('Vercel Account');
    item.text = `$(account) ${inertLabel(account.username)}${team ? ` · ${inertLabel(team.slug)}` : ''}`;
    if (accountCount > 1) {
      // Two or more, yet the language's plural rules choose (in Russian, 21 takes the singular form).
      const one = isSingular(accountCount);
      if (teamShown) {
        item.tooltip = one
          ? l10n.t('Vercel Tokens: new tokens are created as {0}, team {1} ({2} account signed in). Click to choose a team.', username, teamShown, accountCount)
          : l10n.t('Vercel Tokens: new tokens are created as {0}, team {1} ({2} accounts signed in). Click to choose a team.', username, teamShown, accountCount);
      } else {
        item.tooltip = one
          ? l10n.t('Vercel Tokens: new tokens are created as {0} ({1} account signed in). Click to choose a team.', username, accountCount)
          : l10n.t('Vercel Tokens: new tokens are created as {0} ({1} accounts signed in). Click to choose a team.', username, accountCount);
      }
    } else {
      item.tooltip = teamShown
        ? l10n.t('Vercel Tokens: signed in as {0}, team {1}. Click to choose a team.', username, teamShown)
        : l10n.t('Vercel Tokens: signed in as {0}. Click to choose a team.', username);
    }
    item.accessibilityInformation = {
      label: teamShown ? l10n.t('Vercel account: {0}, team {1}', username, teamShown) : l10n.t('Vercel account: {0}', username),
    };
    item.command = { command: 'vercelTokens.selectTeam', title: l10n.t('Select Team'), arguments: account.node ? [account.node] : [] };
    item.show();
  }

  dispose(): void {
    this.item?.dispose();
  }
}
