// "Vercel: Select Team": which team new tokens are created for (`?teamId=`).
import vscode = require('vscode');
import { reportError, requireSignIn, type Services } from './services';

export async function selectTeam(services: Services): Promise<void> {
  if (!(await requireSignIn(services))) return;
  const current = services.session.team;
  const teams = vscode.window.withProgress({ location: { viewId: 'vercelTokens.tokens' } }, () =>
    services.session.client().listTeams(),
  );
  const items = teams.then((list) => [
    { label: '$(account) Personal Account', description: current ? undefined : 'selected', team: undefined },
    ...list.map((team) => ({
      label: `$(organization) ${team.name || team.slug}`,
      description: `${team.slug}${current?.id === team.id ? ' · selected' : ''}`,
      team,
    })),
  ]);
  try {
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Create new tokens for which team?' });
    if (!picked) return;
    await services.session.selectTeam(
      picked.team ? { id: picked.team.id, slug: picked.team.slug, name: picked.team.name ?? undefined } : undefined,
    );
  } catch (error) {
    await reportError(services, 'Could not list the teams', error);
  }
}
