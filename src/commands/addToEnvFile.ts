// "Add Token to .env File…": a `.env*` file of the workspace (or a new .env.local) → the variable's
// name → the line is written, only once git is known to ignore the file or the user chose otherwise.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { EnvFilePlace } from '../core/places';
import { validateEnvVariableName } from '../domain/envFile';
import { inert, inertLabel } from '../domain/inertText';
import { addToGitignore, ENV_VARIABLE, envFileLabel, findEnvFiles, NEW_ENV_FILE, writeEnvVariable } from '../integrations/envFiles';
import { askPick, askText, BACK, type PickItem } from '../ui/inputSteps';
import { resolveToken, storedValueFor, type Services, type TokenTarget } from './services';

const TITLE = l10n.t('Add Token to .env File');
// Button labels: one translated value each, so that the answer compares equal in every language.
export const ADD_TO_GITIGNORE = l10n.t('Add to .gitignore and Write');
export const WRITE_ANYWAY = l10n.t('Write Anyway');
const OPEN_FILE = l10n.t('Open File');

export interface AddToEnvFileResult {
  kind: 'written' | 'cancelled' | 'failed';
  place?: EnvFilePlace;
}

export async function addToEnvFile(services: Services, target: TokenTarget = {}): Promise<AddToEnvFileResult> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showInformationMessage(l10n.t('Open a folder first: the .env file goes into the workspace.'));
    return { kind: 'cancelled' };
  }
  const resolved = await resolveToken(services, target, l10n.t('Add which token to a .env file?'), (list, token) => list.isValueStored(token.id));
  if (!resolved) return { kind: 'cancelled' };
  const { token } = resolved;

  let file: vscode.Uri | undefined;
  let variable = ENV_VARIABLE;
  for (let step = 1; ; ) {
    if (step === 1) {
      file = await askFile(folders, file);
      if (!file) return { kind: 'cancelled' };
      step = 2;
      continue;
    }
    const answer = await askText({
      title: TITLE,
      step: 2,
      totalSteps: 2,
      value: variable,
      prompt: l10n.t("The variable's name in {0}", envFileLabel(file!)),
      check: (text) => ({ error: validateEnvVariableName(text.trim()) }),
      onBack: (text) => (variable = text),
    });
    if (answer === undefined) return { kind: 'cancelled' };
    if (answer === BACK) {
      step = 1;
      continue;
    }
    variable = answer.trim();
    break;
  }
  const chosen = file!;
  const label = envFileLabel(chosen);
  if (!(await protectedByGit(services, chosen, label))) return { kind: 'cancelled' };

  const value = await storedValueFor(services, token, { unreadable: l10n.t('{0} is unchanged.', label) });
  if (!value) return { kind: 'failed' };
  const written = await writeEnvVariable(chosen, variable, value);
  if (written.kind === 'failed') {
    void vscode.window.showErrorMessage(l10n.t('Token "{0}" was not written: {1}.', inert(token.name), inert(written.message)));
    return { kind: 'failed' };
  }
  const place: EnvFilePlace = { kind: 'envFile', file: chosen.toString(), label, variable };
  await services.places.add(token.id, place);
  services.log.info(`Wrote token ${token.id} to ${label} as ${variable}`);
  void vscode.window
    .showInformationMessage(
      written.replaced
        ? l10n.t('Replaced {0} in {1} with the value of "{2}".', variable, inert(label), inert(token.name))
        : l10n.t('Added {0} in {1} with the value of "{2}".', variable, inert(label), inert(token.name)),
      OPEN_FILE,
    )
    .then((choice) => {
      if (choice === OPEN_FILE) void vscode.window.showTextDocument(chosen);
    });
  return { kind: 'written', place };
}

async function askFile(folders: readonly vscode.WorkspaceFolder[], previous: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const existing = await findEnvFiles();
  const items: PickItem<vscode.Uri>[] = existing.map((uri) => ({ label: `$(file) ${inertLabel(envFileLabel(uri))}`, value: uri }));
  for (const folder of folders) {
    const uri = vscode.Uri.joinPath(folder.uri, NEW_ENV_FILE);
    if (existing.some((candidate) => candidate.toString() === uri.toString())) continue;
    items.push({
      label: l10n.t('$(new-file) Create {0}', NEW_ENV_FILE),
      description: folders.length > 1 ? inertLabel(folder.name) : undefined,
      value: uri,
    });
  }
  const picked = await askPick<vscode.Uri>({
    title: TITLE,
    step: 1,
    totalSteps: 2,
    placeholder: l10n.t('Write the token into which .env file?'),
    items,
    active: (item) => item.value.toString() === previous?.toString(),
  });
  return picked && picked !== BACK ? picked.value : undefined;
}

/**
 * True when git ignores the file, or the user chose to write anyway (or to add it to .gitignore
 * first, which is done here). A file git would commit is never written without asking.
 */
async function protectedByGit(services: Services, file: vscode.Uri, label: string): Promise<boolean> {
  let checkFailed = false;
  const ignored = await services.git.isIgnored(file).catch((error: unknown) => {
    services.log.warn(`git check-ignore failed for ${label}: ${error instanceof Error ? error.message : String(error)}`);
    checkFailed = true;
    return undefined;
  });
  if (ignored) return true;
  const gitThere = await services.git.available();
  const repository = gitThere ? await services.git.repositoryOf(file) : undefined;
  const message =
    ignored === false
      ? l10n.t('{0} is not ignored by git: the token could be committed and pushed with it.', label)
      : checkFailed
        ? l10n.t('Whether git ignores {0} could not be checked (see the Vercel Tokens log).', label)
        : gitThere
          ? l10n.t('{0} is not in a git repository, so nothing keeps it out of one later.', label)
          : l10n.t('Whether git ignores {0} cannot be checked here (the git extension is not available).', label);
  const choice = await vscode.window.showWarningMessage(
    message,
    { modal: true, detail: l10n.t('A token value belongs in a file git ignores. "{0}" adds this file to .gitignore first.', ADD_TO_GITIGNORE) },
    ADD_TO_GITIGNORE,
    WRITE_ANYWAY,
  );
  if (choice === WRITE_ANYWAY) return true;
  if (choice !== ADD_TO_GITIGNORE) return false;
  const root = repository?.rootUri ?? vscode.workspace.getWorkspaceFolder(file)?.uri;
  if (!root) return false;
  try {
    await addToGitignore(root, file);
  } catch (error) {
    void vscode.window.showErrorMessage(
      l10n.t('.gitignore could not be written ({0}); {1} is unchanged.', error instanceof Error ? error.message : String(error), label),
    );
    return false;
  }
  // A file git already tracks stays tracked whatever .gitignore says: its next commit would carry the value.
  if (repository && (await services.git.isIgnored(file).catch(() => undefined)) === false) {
    const again = await vscode.window.showWarningMessage(
      l10n.t('{0} is tracked by git: .gitignore does not keep a tracked file out of the next commit.', label),
      { modal: true, detail: l10n.t('Stop tracking it first (git rm --cached {0}), or write the token anyway.', label) },
      WRITE_ANYWAY,
    );
    return again === WRITE_ANYWAY;
  }
  return true;
}
