// What a new integrated terminal of this window has in its environment, read by the shell itself.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { sleep, waitFor } from './helpers';

/** VERCEL_TOKEN as a new terminal's shell sees it ('' when unset); `probe` is a scratch file, removed after. */
export async function terminalSees(probe: string): Promise<string> {
  rmSync(probe, { force: true });
  const terminal = vscode.window.createTerminal({ name: 'probe', shellPath: '/bin/sh', shellArgs: ['-c', `printf '%s' "\${VERCEL_TOKEN:-}" > '${probe}'`] });
  try {
    await waitFor(() => existsSync(probe), 'the terminal to write its environment', 15_000);
    await sleep(100);
    return readFileSync(probe, 'utf8');
  } finally {
    terminal.dispose();
    rmSync(probe, { force: true });
  }
}
