// .env files of the workspace: finding them and putting one variable's line in place, through
// VS Code's file system (so it works for remote workspaces too). The rest of the file is untouched.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { readEnvVariable, setEnvVariable } from '../domain/envFile';

export const ENV_VARIABLE = 'VERCEL_TOKEN';
export const NEW_ENV_FILE = '.env.local';

export type EnvWriteOutcome =
  | { kind: 'written'; replaced: boolean }
  | { kind: 'failed'; message: string };

/** The workspace's `.env*` files, nearest the folder root first. */
export async function findEnvFiles(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles('**/.env*', '**/{node_modules,.git}/**', 200);
  return found
    .filter((uri) => /^\.env(\..+)?$/.test(basename(uri)))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
}

/** The path to show: relative to its workspace folder. */
export function envFileLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/**
 * Sets `variable` in the file (creating the file when it does not exist). With `expectedPrevious`,
 * the file must still hold that value for the variable: a line someone changed is not overwritten.
 */
export async function writeEnvVariable(file: vscode.Uri, variable: string, value: string, expectedPrevious?: string): Promise<EnvWriteOutcome> {
  const label = envFileLabel(file);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === file.toString());
  if (open?.isDirty) return { kind: 'failed', message: l10n.t('{0} has unsaved changes in the editor: save or revert them first', label) };
  let text = '';
  try {
    // A byte order mark is kept: the file is written back as it was.
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) return { kind: 'failed', message: l10n.t('{0} could not be read ({1})', label, describe(error)) };
    if (expectedPrevious !== undefined) return { kind: 'failed', message: l10n.t('{0} no longer exists', label) };
  }
  if (expectedPrevious !== undefined) {
    const current = readEnvVariable(text, variable);
    if (current === undefined) return { kind: 'failed', message: l10n.t('{0} no longer sets {1}', label, variable) };
    if (current !== expectedPrevious && current !== value) return { kind: 'failed', message: l10n.t('{0} in {1} holds another value now: it was left as it is', variable, label) };
  }
  let edited: { text: string; replaced: boolean };
  try {
    edited = setEnvVariable(text, variable, value);
  } catch (error) {
    // The edit would change how another line reads: nothing is written.
    return { kind: 'failed', message: l10n.t('{0} was left as it is: {1}', label, describe(error)) };
  }
  try {
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(edited.text));
  } catch (error) {
    return { kind: 'failed', message: l10n.t('{0} could not be written ({1})', label, describe(error)) };
  }
  return { kind: 'written', replaced: edited.replaced };
}

/** Adds a line for the file to the .gitignore beside the repository root (or the folder). */
export async function addToGitignore(root: vscode.Uri, file: vscode.Uri): Promise<void> {
  const gitignore = vscode.Uri.joinPath(root, '.gitignore');
  let text = '';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore));
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
  }
  const relative = file.path.startsWith(`${root.path}/`) ? file.path.slice(root.path.length + 1) : basename(file);
  // A leading slash: this file only, not every file of that name below.
  const line = `/${relative.replace(/([*?[\]!#\\ ])/g, '\\$1')}`;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(`${text}${separator}${line}${eol}`));
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
