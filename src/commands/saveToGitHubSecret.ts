// "Save Token as GitHub Actions Secret…": repository (from the workspace's remotes, or typed) →
// repository or one of its environments → secret name; the value is sealed with the repository's
// public key and never leaves the extension in the clear. The place is remembered (metadata only).
import vscode = require('vscode');
import type { AuthToken } from '../api/types';
import { describePlace, type GitHubSecretPlace } from '../core/places';
import { enterpriseHost, parseGitHubRemote, parseRepositorySlug, validateSecretName } from '../domain/github';
import { formatDateTimeAndRelative } from '../domain/format';
import { inert, inertLabel } from '../domain/inertText';
import { githubEnterpriseUri } from '../config';
import { isGitHubFailure, type GitHubConnection } from '../integrations/githubSecrets';
import type { GitHubClient } from '../integrations/github/client';
import { askPick, askText, BACK, type PickItem } from '../ui/inputSteps';
import { resolveToken, storedValueFor, type Services, type TokenTarget } from './services';

export const DEFAULT_SECRET_NAME = 'VERCEL_TOKEN';
const TITLE = 'Save Token as GitHub Actions Secret';
const REPLACE = 'Replace';
const OPEN_ON_GITHUB = 'Open on GitHub';

type Repository = { host: string; owner: string; repo: string };
type Connected = Extract<GitHubConnection, { kind: 'client' }>;

export interface SaveToGitHubResult {
  kind: 'saved' | 'cancelled' | 'failed';
  place?: GitHubSecretPlace;
}

export async function saveToGitHubSecret(services: Services, target: TokenTarget = {}): Promise<SaveToGitHubResult> {
  const resolved = await resolveToken(services, target, 'Save which token as a GitHub Actions secret?', (list, token) => list.isValueStored(token.id));
  if (!resolved) return { kind: 'cancelled' };
  const { token } = resolved;
  const value = await storedValueFor(services, token, { unreadable: 'Nothing was sent to GitHub.', missing: ', so there is nothing to save to GitHub.' });
  if (!value) return { kind: 'failed' };

  // Steps: repository → (sign-in) where → name. Back goes one step back; the sign-in is kept.
  let repository: Repository | undefined;
  let connection: (Connected & { host: string }) | undefined;
  let environment: string | undefined;
  let name = DEFAULT_SECRET_NAME;
  for (let step = 1; ; ) {
    if (step === 1) {
      repository = await askRepository(services, repository);
      if (!repository) return { kind: 'cancelled' };
      if (connection && connection.host !== repository.host) connection = undefined;
      if (!connection) {
        const connected = await signIn(services, repository.host);
        if (!connected) return { kind: 'failed' };
        connection = { ...connected, host: repository.host };
      }
      step = 2;
    } else if (step === 2) {
      const where = await askEnvironment(connection!.client, repository!);
      if (where === BACK) step = 1;
      else if (where === FAILED) return { kind: 'failed' };
      else if (where === CANCELLED) return { kind: 'cancelled' };
      else {
        environment = where;
        step = 3;
      }
    } else {
      const answer = await askText({
        title: TITLE,
        step: 3,
        totalSteps: 3,
        value: name,
        prompt: `The secret's name in ${repository!.owner}/${repository!.repo}${environment ? ` (environment ${environment})` : ''}: workflows read it as \${{ secrets.NAME }}`,
        check: (text) => ({ error: validateSecretName(text.trim()) }),
        onBack: (text) => (name = text),
      });
      if (answer === undefined) return { kind: 'cancelled' };
      if (answer === BACK) {
        step = 2;
        continue;
      }
      name = answer.trim();
      break;
    }
  }
  const place: GitHubSecretPlace = {
    kind: 'githubSecret',
    host: repository!.host,
    owner: repository!.owner,
    repo: repository!.repo,
    ...(typeof environment === 'string' ? { environment } : {}),
    name,
  };
  return save(services, connection!.client, token, value, place);
}

const FAILED = Symbol('failed');
const CANCELLED = Symbol('cancelled');

async function save(services: Services, client: GitHubClient, token: AuthToken, value: string, place: GitHubSecretPlace): Promise<SaveToGitHubResult> {
  const where = describePlace(place);
  const target = { owner: place.owner, repo: place.repo, environment: place.environment };
  try {
    const existing = await client.getSecret(target, place.name);
    if (existing) {
      const holder = services.places.holderOf(place);
      const holderToken = holder && holder !== token.id ? findListedToken(services, holder) : undefined;
      const holds = holder === token.id ? ' It already holds this token (saved by Vercel Tokens).' : holderToken ? ` It holds the token "${inert(holderToken.name)}" (saved by Vercel Tokens).` : '';
      const choice = await vscode.window.showWarningMessage(
        `The secret ${place.name} already exists in ${inert(`${place.owner}/${place.repo}`)}${place.environment ? ` (environment ${inert(place.environment)})` : ''}. Replace it?`,
        {
          modal: true,
          detail: `It was last updated ${formatDateTimeAndRelative(existing.updatedAt, Date.now())}.${holds} Workflows that use it get the value of "${inert(token.name)}" from their next run.`,
        },
        REPLACE,
      );
      if (choice !== REPLACE) return { kind: 'cancelled' };
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Saving "${inertLabel(token.name)}" to GitHub as ${place.name}…` },
      () => client.putSecret(target, place.name, value),
    );
  } catch (error) {
    services.log.error(`Saving token ${token.id} to GitHub (${where}) failed`, error);
    if (isGitHubFailure(error) && error.outcomeUnknown) {
      // GitHub may hold the value: remembered, so that a rotation updates it and a delete names it.
      await services.places.add(token.id, place);
      void vscode.window.showErrorMessage(
        `Saving "${inert(token.name)}" to GitHub did not finish: ${describeGitHubError(error)} It is listed under the token so that Rotate Token updates it; save it again to be sure.`,
      );
      return { kind: 'failed', place };
    }
    void vscode.window.showErrorMessage(`Token "${inert(token.name)}" was not saved to GitHub: ${describeGitHubError(error)}`);
    return { kind: 'failed' };
  }
  await services.places.add(token.id, place);
  services.log.info(`Saved token ${token.id} as the GitHub Actions secret ${where}`);
  void vscode.window
    .showInformationMessage(`Saved "${inert(token.name)}" as the GitHub Actions secret ${inert(where)}.`, OPEN_ON_GITHUB)
    .then((choice) => {
      if (choice === OPEN_ON_GITHUB) void vscode.env.openExternal(vscode.Uri.parse(secretsPage(place)));
    });
  return { kind: 'saved', place };
}

/** A token of any signed-in account, by id, from the lists as loaded. */
export function findListedToken(services: Services, tokenId: string): AuthToken | undefined {
  for (const { userId } of services.accounts.all) {
    const token = services.lists.get(userId)?.token(tokenId);
    if (token) return token;
  }
  return undefined;
}

function secretsPage(place: GitHubSecretPlace): string {
  const repo = `https://${place.host}/${encodeURIComponent(place.owner)}/${encodeURIComponent(place.repo)}`;
  return place.environment ? `${repo}/settings/environments` : `${repo}/settings/secrets/actions`;
}

export function describeGitHubError(error: unknown): string {
  if (isGitHubFailure(error)) return inert(error.message);
  return inert(error instanceof Error ? error.message : String(error));
}

async function signIn(services: Services, host: string): Promise<Omit<Connected, 'host'> | undefined> {
  const connection = await services.github.connect(host);
  if (connection.kind === 'client') return connection;
  if (connection.kind === 'declined') {
    void vscode.window.showInformationMessage('The GitHub sign-in was declined: nothing was sent to GitHub.');
  } else {
    services.log.warn(`GitHub sign-in for ${host} failed: ${connection.message}`);
    void vscode.window.showErrorMessage(`Could not sign in to GitHub (${host}): ${inert(connection.message)}. Nothing was sent.`);
  }
  return undefined;
}

const TYPE_REPOSITORY = Symbol('type');

/** The workspace's GitHub remotes to pick from (or a typed owner/repo). */
async function askRepository(services: Services, previous: Repository | undefined): Promise<Repository | undefined> {
  const enterprise = enterpriseHost(githubEnterpriseUri());
  const hosts = enterprise ? [enterprise] : [];
  const remotes = await services.git.remotes().catch(() => []);
  const seen = new Map<string, PickItem<Repository | typeof TYPE_REPOSITORY>>();
  for (const remote of remotes) {
    const parsed = parseGitHubRemote(remote.url, hosts);
    if (!parsed) continue;
    const key = `${parsed.host}/${parsed.owner}/${parsed.repo}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.set(key, {
      label: `$(repo) ${inertLabel(`${parsed.owner}/${parsed.repo}`)}`,
      description: [parsed.host === 'github.com' ? undefined : parsed.host, `remote ${inertLabel(remote.name)}`, inertLabel(vscode.workspace.asRelativePath(remote.root))]
        .filter(Boolean)
        .join(' · '),
      value: parsed,
    });
  }
  const typeIt = async (): Promise<Repository | undefined> => {
    const answer = await askText({
      title: TITLE,
      step: 1,
      totalSteps: 3,
      value: previous ? `${previous.owner}/${previous.repo}` : '',
      prompt: remotes.length || (await services.git.available()) ? 'The GitHub repository, as owner/repo' : 'The GitHub repository, as owner/repo (no git repository with a GitHub remote is open)',
      placeholder: 'owner/repo',
      check: (text) => ({ error: parseRepositorySlug(text.trim()) ? undefined : 'Enter the repository as owner/repo, e.g. acme/web.' }),
    });
    if (answer === undefined || answer === BACK) return undefined;
    const slug = parseRepositorySlug(answer.trim())!;
    return { host: 'github.com', ...slug };
  };
  if (!seen.size) return typeIt();
  const items = [...seen.values(), { label: '$(edit) Enter a Repository…', description: 'owner/repo', value: TYPE_REPOSITORY } as PickItem<Repository | typeof TYPE_REPOSITORY>];
  const picked = await askPick<Repository | typeof TYPE_REPOSITORY>({
    title: TITLE,
    step: 1,
    totalSteps: 3,
    placeholder: 'Save it in which GitHub repository?',
    items,
    active: (item) => previous !== undefined && item.value !== TYPE_REPOSITORY && sameRepository(item.value, previous),
  });
  if (!picked || picked === BACK) return undefined;
  return picked.value === TYPE_REPOSITORY ? typeIt() : picked.value;
}

function sameRepository(a: Repository, b: Repository): boolean {
  return `${a.host}/${a.owner}/${a.repo}`.toLowerCase() === `${b.host}/${b.owner}/${b.repo}`.toLowerCase();
}

/** The repository itself (undefined) or one of its environments. */
async function askEnvironment(client: GitHubClient, repository: Repository): Promise<string | undefined | typeof BACK | typeof FAILED | typeof CANCELLED> {
  let names: string[];
  try {
    names = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Reading the environments of ${inertLabel(`${repository.owner}/${repository.repo}`)}…` },
      () => client.listEnvironments(repository.owner, repository.repo),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not reach ${inert(`${repository.owner}/${repository.repo}`)} on GitHub: ${describeGitHubError(error)} Nothing was sent.`);
    return FAILED;
  }
  const items: PickItem<string | undefined>[] = [
    { label: '$(repo) Repository secret', description: `every workflow of ${inertLabel(`${repository.owner}/${repository.repo}`)}`, value: undefined },
    ...names.map((name) => ({ label: `$(server-environment) ${inertLabel(name)}`, description: 'environment secret: jobs that use this environment', value: name })),
  ];
  const picked = await askPick<string | undefined>({
    title: TITLE,
    step: 2,
    totalSteps: 3,
    placeholder: 'A repository secret, or a secret of one environment?',
    items,
  });
  if (picked === BACK) return BACK;
  if (!picked) return CANCELLED;
  return picked.value;
}
