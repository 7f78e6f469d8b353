// "Save Token as GitHub Actions Secret…": repository (from the workspace's remotes, or typed) →
// repository or one of its environments → secret name; the value is sealed with the repository's
// public key and never leaves the extension in the clear. The place is remembered (metadata only).
import vscode = require('vscode');
import { l10n } from 'vscode';
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
const TITLE = l10n.t('Save Token as GitHub Actions Secret');
// Button labels: one translated value each, so that the answer compares equal in every language.
const REPLACE = l10n.t('Replace');
const OPEN_ON_GITHUB = l10n.t('Open on GitHub');

type Repository = { host: string; owner: string; repo: string };
type Connected = Extract<GitHubConnection, { kind: 'client' }>;

export interface SaveToGitHubResult {
  kind: 'saved' | 'cancelled' | 'failed';
  place?: GitHubSecretPlace;
}

export async function saveToGitHubSecret(services: Services, target: TokenTarget = {}): Promise<SaveToGitHubResult> {
  const resolved = await resolveToken(services, target, l10n.t('Save which token as a GitHub Actions secret?'), (list, token) => list.isValueStored(token.id));
  if (!resolved) return { kind: 'cancelled' };
  const { token } = resolved;
  const value = await storedValueFor(services, token, {
    unreadable: l10n.t('Nothing was sent to GitHub.'),
    missing: (tokenName) => l10n.t('No value of "{0}" is stored in VS Code, so there is nothing to save to GitHub.', tokenName),
  });
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
        prompt: environment
          ? l10n.t("The secret's name in {0} (environment {1}): workflows read it as {2}", `${repository!.owner}/${repository!.repo}`, environment, '${{ secrets.NAME }}')
          : l10n.t("The secret's name in {0}: workflows read it as {1}", `${repository!.owner}/${repository!.repo}`, '${{ secrets.NAME }}'),
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
      // Whole sentences, one after another.
      const detail = [
        l10n.t('It was last updated {0}.', formatDateTimeAndRelative(existing.updatedAt, Date.now())),
        ...(holder === token.id
          ? [l10n.t('It already holds this token (saved by Vercel Tokens).')]
          : holderToken
            ? [l10n.t('It holds the token "{0}" (saved by Vercel Tokens).', inert(holderToken.name))]
            : []),
        l10n.t('Workflows that use it get the value of "{0}" from their next run.', inert(token.name)),
      ].join(' ');
      const repository = inert(`${place.owner}/${place.repo}`);
      const choice = await vscode.window.showWarningMessage(
        place.environment
          ? l10n.t('The secret {0} already exists in {1} (environment {2}). Replace it?', place.name, repository, inert(place.environment))
          : l10n.t('The secret {0} already exists in {1}. Replace it?', place.name, repository),
        { modal: true, detail },
        REPLACE,
      );
      if (choice !== REPLACE) return { kind: 'cancelled' };
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Saving "{0}" to GitHub as {1}…', inertLabel(token.name), place.name) },
      () => client.putSecret(target, place.name, value),
    );
  } catch (error) {
    services.log.error(`Saving token ${token.id} to GitHub (${where}) failed`, error);
    if (isGitHubFailure(error) && error.outcomeUnknown) {
      // GitHub may hold the value: remembered, so that a rotation updates it and a delete names it.
      await services.places.add(token.id, place);
      void vscode.window.showErrorMessage(
        l10n.t(
          'Saving "{0}" to GitHub did not finish: {1} It is listed under the token so that Rotate Token updates it; save it again to be sure.',
          inert(token.name),
          describeGitHubError(error),
        ),
      );
      return { kind: 'failed', place };
    }
    void vscode.window.showErrorMessage(l10n.t('Token "{0}" was not saved to GitHub: {1}', inert(token.name), describeGitHubError(error)));
    return { kind: 'failed' };
  }
  await services.places.add(token.id, place);
  services.log.info(`Saved token ${token.id} as the GitHub Actions secret ${where}`);
  void vscode.window
    .showInformationMessage(l10n.t('Saved "{0}" as the GitHub Actions secret {1}.', inert(token.name), inert(where)), OPEN_ON_GITHUB)
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
    void vscode.window.showInformationMessage(l10n.t('The GitHub sign-in was declined: nothing was sent to GitHub.'));
  } else {
    services.log.warn(`GitHub sign-in for ${host} failed: ${connection.message}`);
    void vscode.window.showErrorMessage(l10n.t('Could not sign in to GitHub ({0}): {1}. Nothing was sent.', host, inert(connection.message)));
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
      description: [parsed.host === 'github.com' ? undefined : parsed.host, l10n.t('remote {0}', inertLabel(remote.name)), inertLabel(vscode.workspace.asRelativePath(remote.root))]
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
      prompt:
        remotes.length || (await services.git.available())
          ? l10n.t('The GitHub repository, as owner/repo')
          : l10n.t('The GitHub repository, as owner/repo (no git repository with a GitHub remote is open)'),
      placeholder: l10n.t('owner/repo'),
      check: (text) => ({ error: parseRepositorySlug(text.trim()) ? undefined : l10n.t('Enter the repository as owner/repo, e.g. acme/web.') }),
    });
    if (answer === undefined || answer === BACK) return undefined;
    const slug = parseRepositorySlug(answer.trim())!;
    return { host: 'github.com', ...slug };
  };
  if (!seen.size) return typeIt();
  const items = [...seen.values(), { label: l10n.t('$(edit) Enter a Repository…'), description: l10n.t('owner/repo'), value: TYPE_REPOSITORY } as PickItem<Repository | typeof TYPE_REPOSITORY>];
  const picked = await askPick<Repository | typeof TYPE_REPOSITORY>({
    title: TITLE,
    step: 1,
    totalSteps: 3,
    placeholder: l10n.t('Save it in which GitHub repository?'),
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
      { location: vscode.ProgressLocation.Window, title: l10n.t('Reading the environments of {0}…', inertLabel(`${repository.owner}/${repository.repo}`)) },
      () => client.listEnvironments(repository.owner, repository.repo),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(
      l10n.t('Could not reach {0} on GitHub: {1} Nothing was sent.', inert(`${repository.owner}/${repository.repo}`), describeGitHubError(error)),
    );
    return FAILED;
  }
  const items: PickItem<string | undefined>[] = [
    {
      label: l10n.t('$(repo) Repository secret'),
      description: l10n.t('every workflow of {0}', inertLabel(`${repository.owner}/${repository.repo}`)),
      value: undefined,
    },
    ...names.map((name) => ({ label: `$(server-environment) ${inertLabel(name)}`, description: l10n.t('environment secret: jobs that use this environment'), value: name })),
  ];
  const picked = await askPick<string | undefined>({
    title: TITLE,
    step: 2,
    totalSteps: 3,
    placeholder: l10n.t('A repository secret, or a secret of one environment?'),
    items,
  });
  if (picked === BACK) return BACK;
  if (!picked) return CANCELLED;
  return picked.value;
}
