// The scope step of Create, in the dashboard's order: Full Account or a team; for a team, all of
// its projects or one of them. The current selection comes first and pre-selected, so Enter keeps
// what Select Team chose. Teams the account cannot act for are shown with the reason, not pickable.
import { l10n } from 'vscode';
import type { TeamRef, VercelProject, VercelTeam } from '../api/types';
import type { SelectedTeam } from '../core/accounts';
import type { VercelApi } from '../core/ports';
import { inertLabel } from '../domain/inertText';
import { describeError } from '../errorMessages';
import { askPick, BACK, type PickItem } from './inputSteps';

export interface CreateScope {
  /** Absent: the whole account. */
  team?: TeamRef & { name?: string };
  projectId?: string;
  projectName?: string;
}

type ScopeChoice = { kind: 'scope'; scope: CreateScope } | { kind: 'team'; team: VercelTeam };

/** Why the account cannot create tokens for this team, if it cannot. */
export function teamRefusal(team: VercelTeam): string | undefined {
  if (team.samlEnforced) return l10n.t('{0} requires SAML single sign-on: log in to the team on vercel.com first.', team.slug);
  if (team.limitedBy?.includes('mfa')) return l10n.t('{0} requires two-factor authentication for your account first.', team.slug);
  if (team.limitedBy?.length) return l10n.t('Your membership of {0} is limited: you cannot create tokens for it.', team.slug);
  return undefined;
}


/**
 * Asks for the scope; resolves with it, BACK, or undefined when cancelled. `teams` is started
 * before the name step, so the list is usually there when this step opens.
 */
export async function askScope(
  client: VercelApi,
  teams: Promise<VercelTeam[]>,
  selected: SelectedTeam | undefined,
  step: { title: string; step: number; totalSteps: number },
): Promise<CreateScope | typeof BACK | undefined> {
  for (;;) {
    const first = await askPick<ScopeChoice>({
      ...step,
      placeholder: l10n.t('Scope of the new token: what it may act for'),
      items: teams.then((list) => scopeItems(list, selected), (error: unknown) => scopeItems([], selected, describeError(error))),
      active: (item) => item.picked === true,
    });
    if (first === undefined || first === BACK) return first;
    if (first.value.kind === 'scope') return first.value.scope;
    const team = first.value.team;
    const second = await askPick<CreateScope>({
      ...step,
      placeholder: l10n.t('Scope within {0}: all projects, or type to find one', inertLabel(team.slug)),
      items: client.listProjects(team.id).then(
        (projects) => projectItems(team, projects),
        (error: unknown) => projectItems(team, [], describeError(error)),
      ),
    });
    if (second === undefined) return undefined;
    if (second !== BACK) return second.value;
  }
}

function scopeItems(teams: readonly VercelTeam[], selected: SelectedTeam | undefined, failure?: string): PickItem<ScopeChoice>[] {
  // A selected team the account can no longer act for is shown with why, and Full Account is pre-selected instead.
  const selectedTeam = selected && teams.find((team) => team.id === selected.id);
  const selectedRefusal = selectedTeam && teamRefusal(selectedTeam);
  const current: PickItem<ScopeChoice> = selected
    ? {
        label: `${selectedRefusal ? '$(lock)' : '$(organization)'} ${inertLabel(selected.name || selected.slug)}`,
        description: selectedRefusal ? inertLabel(selectedRefusal) : l10n.t('{0} · all projects · the selected team', inertLabel(selected.slug)),
        picked: !selectedRefusal,
        value: { kind: 'scope', scope: { team: { id: selected.id, slug: selected.slug, name: selected.name } } },
        refusal: selectedRefusal && inertLabel(selectedRefusal),
      }
    : {
        label: l10n.t('$(account) Full Account'),
        description: l10n.t('the whole account · the current selection'),
        picked: true,
        value: { kind: 'scope', scope: {} },
      };
  const items: PickItem<ScopeChoice>[] = [current];
  if (selected) {
    items.push({
      label: l10n.t('$(account) Full Account'),
      description: l10n.t('the whole account'),
      picked: Boolean(selectedRefusal),
      value: { kind: 'scope', scope: {} },
    });
  }
  for (const team of teams) {
    const refusal = teamRefusal(team);
    items.push({
      label: `${refusal ? '$(lock)' : '$(organization)'} ${inertLabel(team.name || team.slug)}`,
      description: refusal ? inertLabel(refusal) : l10n.t('{0} · choose all projects or one', inertLabel(team.slug)),
      value: { kind: 'team', team },
      refusal: refusal && inertLabel(refusal),
    });
  }
  if (failure) {
    items.push({
      label: l10n.t('$(warning) The teams could not be loaded'),
      detail: failure,
      value: { kind: 'scope', scope: {} },
      refusal: l10n.t('The teams could not be loaded: {0}', failure),
    });
  }
  return items;
}

function projectItems(team: VercelTeam, projects: readonly VercelProject[], failure?: string): PickItem<CreateScope>[] {
  const ref = { id: team.id, slug: team.slug, name: team.name ?? undefined };
  const items: PickItem<CreateScope>[] = [
    { label: l10n.t('$(organization) All projects of {0}', inertLabel(team.slug)), description: l10n.t('a team-scoped token'), value: { team: ref } },
    ...projects.map((project) => ({
      label: `$(project) ${inertLabel(project.name)}`,
      description: project.id,
      value: { team: ref, projectId: project.id, projectName: project.name },
    })),
  ];
  if (failure) {
    items.push({
      label: l10n.t('$(warning) The projects could not be loaded'),
      detail: failure,
      value: { team: ref },
      refusal: l10n.t('The projects could not be loaded: {0}', failure),
    });
  }
  return items;
}
