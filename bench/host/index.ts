// Entry point the extension host loads as `extensionTestsPath` (code-server's payload route, see
// test/host/extensionTests.ts). Not a test suite: it measures and writes numbers. The runner
// (bench/run.ts) puts a config file into the workspace folder; the result goes to config.resultPath.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE, type BenchConfig, type BenchResult } from '../lib/protocol';
import { hookModuleLoads } from './activationHook';
import { measureActivation } from './activation';
import { runMain } from './main';

function readConfig(): BenchConfig {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('bench: the host opened no workspace folder');
  return JSON.parse(readFileSync(join(folder.uri.fsPath, CONFIG_FILE), 'utf8')) as BenchConfig;
}

const config = readConfig();
// Installed when VS Code loads this module, before anything activates the extensions under measure.
const hook = hookModuleLoads(config.phase === 'activation' ? config.order.map((target) => target.main) : []);

export async function run(): Promise<void> {
  try {
    const result: BenchResult = config.phase === 'activation' ? await measureActivation(config, hook) : await runMain(config);
    writeFileSync(config.resultPath, JSON.stringify(result));
  } finally {
    hook.dispose();
  }
}
