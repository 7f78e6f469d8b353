// Quick picks for choosing an account or a token. Names from Vercel are shown inert: quick pick
// labels render `$(…)` as icons, so those are escaped too.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { AuthToken } from '../api/types';
import type { Accounts } from '../core/accounts';
import type { TokenList } from '../core/tokenList';
import { inertLabel } from '../domain/inertText';
import { describeStatus } from '../domain/tokenStatus';
import { nameOf } from './words';

/** The signed-in accounts, the one used last first (and pre-selected). */
export async function pickAccount(accounts: Accounts, placeHolder: string): Promise<string | undefined> {
  const items = accounts.all.map((account, index) => {
    const team = accounts.team(account.userId);
    return {
      label: `$(account) ${inertLabel(account.username)}`,
      description: [team ? l10n.t('team {0}', inertLabel(team.slug)) : l10n.t('personal account'), index === 0 ? l10n.t('used last') : undefined]
        .filter(Boolean)
        .join(' · '),
      userId: account.userId,
    };
  });
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.userId;
}

/** Tokens of one or more accounts; `preselectTokenId` goes first, so Enter picks it. */
export async function pickToken<T extends { list: TokenList; token: AuthToken }>(
  accounts: Accounts,
  candidates: T[],
  placeHolder: string,
  preselectTokenId?: string,
): Promise<T | undefined> {
  const now = Date.now();
  const several = new Set(candidates.map((candidate) => candidate.list.userId)).size > 1;
  const ordered = preselectTokenId
    ? [...candidates.filter((c) => c.token.id === preselectTokenId), ...candidates.filter((c) => c.token.id !== preselectTokenId)]
    : candidates;
  const items = ordered.map((candidate) => {
    const username = accounts.get(candidate.list.userId)?.username;
    const status = describeStatus(candidate.token, now);
    return {
      label: inertLabel(nameOf(candidate.token)),
      description: several && username ? `${status} · ${inertLabel(username)}` : status,
      detail: inertLabel(candidate.token.id),
      candidate,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.candidate;
}
