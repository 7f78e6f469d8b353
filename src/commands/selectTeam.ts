// "Vercel: Select Team": which team an account's new tokens are created for (`?teamId=`).
import vscode = require('vscode');
import { l10n } from 'vscode';
import { inertLabel } from '../domain/inertText';
import { reportError, requireSignIn, resolveAccount, type Services } from './services';

export async function selectTeam(services: Services, request: { userId?: string } = {}): Promise<void> {
  if (!(await requireSignIn(services))) return;
  const userId = await resolveAccount(services, request.userId, l10n.t('Select a team for which Vercel account?'));
  if (!userId) return;
  const current = services.accounts.team(userId);
  let client;
  try {
    client = services.accounts.client(userId);
  } catch (error) {
    await reportError(services, userId, l10n.t('Could not list the teams'), error);
    return;
  }
  const teams = vscode.window.withProgress({ location: { viewId: 'vercelTokens.tokens' } }, () => client.listTeams());
  const items = teams.then((list) => [
    { label: l10n.t('$(account) Personal Account'), description: current ? undefined : l10n.t('selected'), team: undefined },
    ...list.map((team) => ({
      label: `$(organization) ${inertLabel(team.name || team.slug)}`,
      description: current?.id === team.id ? l10n.t('{0} · selected', inertLabel(team.slug)) : inertLabel(team.slug),
      team,
    })),
  ]);
  try {
    const picked = await vscode.window.showQuickPick(items, { placeHolder: l10n.t('Create new tokens for which team?') });
    if (!picked) return;
    await services.accounts.selectTeam(
      userId,
      picked.team ? { id: picked.team.id, slug: picked.team.slug, name: picked.team.name ?? undefined } : undefined,
    );
  } catch (error) {
    await reportError(services, userId, l10n.t('Could not list the teams'), error);
  }
}
