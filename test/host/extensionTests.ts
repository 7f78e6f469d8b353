// Runs an `extensionTestsPath` module in the extension host of a code-server (test/host/codeServer.ts)
// through its payload route, opened in a browser page: what `npm run test:integration`,
// `npm run test:hygiene` and `npm run bench` share.
import type { Page } from 'playwright-core';
import type { CodeServerHost } from './codeServer';

export interface ExtensionTestsRun {
  /** Folders loaded as extensions under development. */
  developmentPaths: string[];
  /** Compiled module exporting `run()`. */
  testsPath: string;
  /** The workbench's and the extension host's log level, e.g. 'trace'; VS Code's default without it. */
  logLevel?: string;
  /** Each line the workbench logs (its log service carries the extension host's console too). */
  onLog?: (type: string, line: string) => void;
  /** Without it the run waits as long as the module runs. */
  timeoutMs?: number;
}

/**
 * Opens the page on the workbench that runs `testsPath` and resolves to the exit code the extension
 * host reports: 0 when `run()` resolved; -1 when nothing was reported within `timeoutMs`.
 */
export async function runExtensionTests(page: Page, host: CodeServerHost, run: ExtensionTestsRun): Promise<number> {
  let reportExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  // The workbench calls these when the page defines them (IAutomatedWindow in VS Code). Its log
  // service arrives in codeAutomationLog as plain text; the page console has the same lines wrapped
  // in %c styling.
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => run.onLog?.(type, args.map(String).join(' ')));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    if (run.timeoutMs !== undefined) timer = setTimeout(() => resolve(-1), run.timeoutMs);
  });
  try {
    await page.goto(payloadUrl(host, run));
    return await Promise.race([exited, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function payloadUrl(host: CodeServerHost, run: ExtensionTestsRun): string {
  // The extension host runs in the server: paths are URIs of the server's file system.
  const remote = (path: string) => `vscode-remote://127.0.0.1:${host.port}${path}`;
  const payload = [
    ...run.developmentPaths.map((path) => ['extensionDevelopmentPath', remote(path)]),
    ['extensionTestsPath', remote(run.testsPath)],
    ['skipWelcome', 'true'],
    ...(run.logLevel ? [['logLevel', run.logLevel]] : []),
  ];
  return `${host.url}?folder=${encodeURIComponent(host.workspaceFolder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
