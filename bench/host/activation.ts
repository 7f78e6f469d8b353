// One fresh extension host: activate the packaged extension and a do-nothing extension (the peer
// that shows VS Code's own per-extension cost), either one after the other through the API in the
// order the runner chose, or both at once by VS Code itself when our view opens (trigger 'view').
// Then, when the runner reads the workbench (config.releasePath), open "Developer: Show Running
// Extensions" and wait until the runner has read it: the host stops when run() returns.
import * as vscode from 'vscode';
import type { ActivationConfig, ActivationResult, ActivationSample, ActivationTarget } from '../lib/protocol';
import type { ModuleHook } from './activationHook';
import { existsSync, writeFileSync } from 'node:fs';
import { startProfiler, topFunctions } from './profile';
import { gcMode, sleep, vscodeMarks, waitForQuiet } from './util';

export async function measureActivation(config: ActivationConfig, hook: ModuleHook): Promise<ActivationResult> {
  const samples: ActivationSample[] = [];
  let profile: ActivationResult['profile'];
  const extensionOf = (target: ActivationTarget) => {
    const extension = vscode.extensions.getExtension(target.id);
    if (!extension) {
      const loaded = vscode.extensions.all.filter((candidate) => !candidate.extensionPath.includes('/code-server/'));
      throw new Error(`bench: extension ${target.id} is not loaded in this host; loaded: ${loaded.map((e) => `${e.id} (${e.extensionPath})`).join(', ')}`);
    }
    return extension;
  };
  const machineBusy = (await waitForQuiet(config.quietMinMs, config.quietMaxMs, config.quietMaxBusy)) ?? null;
  const sample = (target: ActivationTarget, position: number, wasActive: boolean, apiWallMs: number, cpu: NodeJS.CpuUsage): ActivationSample => {
    const timing = hook.timing(target.main);
    const marks = vscodeMarks();
    const span = (from: string, to: string) => {
      const a = marks.get(`code/extHost/${from}/${target.id}`);
      const b = marks.get(`code/extHost/${to}/${target.id}`);
      return a !== undefined && b !== undefined ? b - a : null;
    };
    return {
      label: target.label,
      position,
      wasActive,
      apiWallMs,
      apiCpuMs: (cpu.user + cpu.system) / 1000,
      machineBusy,
      loadMs: timing?.loadMs ?? null,
      vscodeApiMs: timing?.vscodeApiMs ?? null,
      callMs: timing?.callMs ?? null,
      resolveMs: timing?.resolveMs ?? null,
      vscodeLoadMs: span('willLoadExtensionCode', 'didLoadExtensionCode'),
      vscodeActivateMs: span('willActivateExtension', 'didActivateExtension'),
    };
  };

  if (config.trigger === 'view') {
    // VS Code activates everything listening for onView:<our view> when the container opens.
    const extensions = config.order.map(extensionOf);
    const wasActive = extensions.map((extension) => extension.isActive);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const activeAt: (number | undefined)[] = extensions.map(() => undefined);
    await vscode.commands.executeCommand(`workbench.view.extension.${config.viewContainer}`);
    while (activeAt.some((at) => at === undefined)) {
      extensions.forEach((extension, k) => {
        if (activeAt[k] === undefined && extension.isActive) activeAt[k] = performance.now() - started;
      });
      if (performance.now() - started > 30_000) {
        throw new Error(`bench: opening the view did not activate ${config.order.filter((_, k) => activeAt[k] === undefined).map((t) => t.id).join(', ')} within 30 s`);
      }
      await sleep(1);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const order = loadOrder(config.order.map((target) => target.id));
    config.order.forEach((target, k) => samples.push(sample(target, order.indexOf(target.id), wasActive[k], activeAt[k]!, cpu)));
  } else {
    for (const [position, target] of config.order.entries()) {
      const extension = extensionOf(target);
      const wasActive = extension.isActive;
      const profiler = config.profilePath && target.label === 'extension' ? await startProfiler(50) : undefined;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await extension.activate();
      const apiWallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      if (profiler && config.profilePath) {
        const cpuProfile = await profiler.stop();
        writeFileSync(config.profilePath, JSON.stringify(cpuProfile));
        profile = topFunctions(cpuProfile, 15, true);
      }
      samples.push(sample(target, position, wasActive, apiWallMs, cpu));
    }
  }
  const loadProbes: Record<string, number> = {};
  for (const probe of config.loadProbes) {
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- timing a plain require() is the point
    require(probe.file);
    loadProbes[probe.label] = performance.now() - started;
  }
  if (config.releasePath) {
    // What VS Code itself shows: the runner reads this editor in the page.
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
    const started = Date.now();
    while (!existsSync(config.releasePath)) {
      if (Date.now() - started > 60_000) throw new Error('bench: the runner did not read "Show Running Extensions" within 60 s');
      await sleep(50);
    }
  }
  return {
    phase: 'activation',
    samples,
    loadOrder: loadOrder(config.order.map((target) => target.id)),
    loadProbes,
    profile,
    nodeVersion: process.version,
    vscodeVersion: vscode.version,
    gcExposed: gcMode() !== 'none',
  };
}

/** `ids` in the order VS Code began loading their code (willLoadExtensionCode marks); unloaded ones left out. */
function loadOrder(ids: string[]): string[] {
  const marks = vscodeMarks();
  return ids
    .map((id) => ({ id, at: marks.get(`code/extHost/willLoadExtensionCode/${id}`) }))
    .filter((entry): entry is { id: string; at: number } => entry.at !== undefined)
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.id);
}
