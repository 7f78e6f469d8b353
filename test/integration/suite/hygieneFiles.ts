// The server's files as the hygiene tests search them: the user-data dir of the VS Code server,
// the extension's log file, and every folder the server may have written to.
import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { findFiles } from '../../hygiene/scan';
import { EXTENSION_ID } from './helpers';

/** The user-data dir of the VS Code server: given by test/hygiene/run.ts, else where code-server keeps its session socket. */
export function userDataDir(): string {
  const fromRunner = process.env.VERCEL_TOKENS_HYGIENE_USER_DATA_DIR;
  if (fromRunner) return fromRunner;
  const socket = process.env.CODE_SERVER_SESSION_SOCKET;
  if (socket && existsSync(join(dirname(socket), 'User'))) return dirname(socket);
  assert.fail('cannot find the user-data dir (neither VERCEL_TOKENS_HYGIENE_USER_DATA_DIR nor CODE_SERVER_SESSION_SOCKET is set)');
}

/** The newest "Vercel Tokens.log" of this extension under the server's logs. */
export function extensionLogFile(userData: string): string {
  const files = findFiles(join(userData, 'logs'), 'Vercel Tokens.log').filter((file) => basename(dirname(file)) === EXTENSION_ID);
  assert.ok(files.length > 0, `no "Vercel Tokens.log" under ${join(userData, 'logs')}`);
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** Every folder the server may have written to during this session. */
export function scanRoots(userData: string): string[] {
  const fromRunner = process.env.VERCEL_TOKENS_HYGIENE_SCAN_DIRS;
  if (fromRunner) return JSON.parse(fromRunner) as string[];
  const roots = [userData];
  // code-server's runtime dir (TMPDIR and XDG_DATA_HOME of the server, set by test/host/codeServer.ts).
  const runtime = process.env.TMPDIR;
  if (runtime && /code-server-run-/.test(runtime)) roots.push(runtime);
  for (const folder of vscode.workspace.workspaceFolders ?? []) roots.push(folder.uri.fsPath);
  return roots;
}
