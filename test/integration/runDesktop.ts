// Runs the same extension-host suite in VS Code desktop via @vscode/test-electron (`npm run test:desktop`).
// It downloads VS Code unless VSCODE_EXECUTABLE_PATH names an installed `code` binary; that download is
// impossible on the project's machines, where `npm run test:integration` (code-server) is the way.
// Headless Linux needs a display: `xvfb-run -a npm run test:desktop`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../host/codeServer';

async function main(): Promise<void> {
  const workspaceFolder = await mkdtemp(join(tmpdir(), 'vercel-tokens-ws-'));
  try {
    // Rejects with TestRunFailedError when VS Code exits non-zero, i.e. when run() threw.
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      extensionDevelopmentPath: repoRoot(),
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspaceFolder, '--disable-extensions', '--use-inmemory-secretstorage'],
    });
  } finally {
    await rm(workspaceFolder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
