// One fresh extension host: activate the packaged extension and a do-nothing extension (the peer
// that shows VS Code's own per-extension cost), in the order the runner chose.
import * as vscode from 'vscode';
import type { ActivationConfig, ActivationResult, ActivationSample } from '../lib/protocol';
import type { ModuleHook } from './activationHook';
import { writeFileSync } from 'node:fs';
import { startProfiler, topFunctions } from './profile';
import { gcMode, vscodeMarks, waitForQuiet } from './util';

export async function measureActivation(config: ActivationConfig, hook: ModuleHook): Promise<ActivationResult> {
  const samples: ActivationSample[] = [];
  let profile: ActivationResult['profile'];
  const machineBusy = (await waitForQuiet(config.quietMinMs, config.quietMaxMs, config.quietMaxBusy)) ?? null;
  for (const [position, target] of config.order.entries()) {
    const extension = vscode.extensions.getExtension(target.id);
    if (!extension) {
      const loaded = vscode.extensions.all.filter((candidate) => !candidate.extensionPath.includes('/code-server/'));
      throw new Error(`bench: extension ${target.id} is not loaded in this host; loaded: ${loaded.map((e) => `${e.id} (${e.extensionPath})`).join(', ')}`);
    }
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
    const timing = hook.timing(target.main);
    const marks = vscodeMarks();
    const span = (from: string, to: string) => {
      const a = marks.get(`code/extHost/${from}/${target.id}`);
      const b = marks.get(`code/extHost/${to}/${target.id}`);
      return a !== undefined && b !== undefined ? b - a : null;
    };
    samples.push({
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
    });
  }
  const loadProbes: Record<string, number> = {};
  for (const probe of config.loadProbes) {
    const started = performance.now();
    require(probe.file);
    loadProbes[probe.label] = performance.now() - started;
  }
  return { phase: 'activation', samples, loadProbes, profile, nodeVersion: process.version, vscodeVersion: vscode.version, gcExposed: gcMode() !== 'none' };
}
