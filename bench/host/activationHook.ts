// Times what VS Code's own activation times call codeLoadingTime / activateCallTime /
// activateResolvedTime, but with performance.now() instead of Date.now(): the extension host
// require()s the extension's `main` through Node's CommonJS loader, so wrapping the `.js` loader
// for exactly those files sees the compile-and-run of the bundle and hands VS Code an `activate`
// that times the call. The module's own `require('vscode')` (VS Code builds that extension's API
// object on the first one) is timed separately. Other modules load through the original loader.
import Module = require('node:module');
import { resolve } from 'node:path';

export interface LoadTiming {
  loadMs: number;
  /** Part of loadMs: the module's first require('vscode'). */
  vscodeApiMs?: number;
  callMs?: number;
  resolveMs?: number;
}

export interface ModuleHook {
  timing(file: string): LoadTiming | undefined;
  dispose(): void;
}

type Loader = (module: NodeJS.Module, filename: string) => void;
type Load = (request: string, parent: NodeJS.Module | undefined, isMain: boolean) => unknown;

export function hookModuleLoads(files: string[]): ModuleHook {
  const targets = new Set(files.map((file) => resolve(file)));
  const timings = new Map<string, LoadTiming>();
  const internals = Module as unknown as { _extensions: Record<string, Loader>; _load: Load };
  const extensions = internals._extensions;
  const originalLoader = extensions['.js'];
  // Module._load as VS Code left it (it intercepts 'vscode' there).
  const originalLoad = internals._load;
  if (targets.size > 0) {
    internals._load = function (this: unknown, request, parent, isMain) {
      const timing = request === 'vscode' && parent?.filename ? timings.get(parent.filename) : undefined;
      if (!timing || timing.vscodeApiMs !== undefined) return originalLoad.call(this, request, parent, isMain);
      const started = performance.now();
      try {
        return originalLoad.call(this, request, parent, isMain);
      } finally {
        timing.vscodeApiMs = performance.now() - started;
      }
    };
    extensions['.js'] = function (this: unknown, module: NodeJS.Module, filename: string) {
      if (!targets.has(filename)) return originalLoader.call(this, module, filename);
      const timing: LoadTiming = { loadMs: Number.NaN };
      timings.set(filename, timing);
      const started = performance.now();
      originalLoader.call(this, module, filename);
      timing.loadMs = performance.now() - started;
      const exports = module.exports as { activate?: (...args: unknown[]) => unknown };
      if (typeof exports.activate === 'function') {
        const activate = exports.activate;
        // esbuild's CommonJS exports are getters that cannot be redefined: hand over a plain copy.
        module.exports = {
          ...exports,
          activate(...args: unknown[]) {
            const callStarted = performance.now();
            const value = activate(...args);
            const returned = performance.now();
            timing.callMs = returned - callStarted;
            if (value && typeof (value as Promise<unknown>).then === 'function') {
              return (value as Promise<unknown>).then((settled) => {
                timing.resolveMs = performance.now() - returned;
                return settled;
              });
            }
            timing.resolveMs = 0;
            return value;
          },
        };
      }
    };
  }
  return {
    timing: (file) => timings.get(resolve(file)),
    dispose: () => {
      if (extensions['.js'] !== originalLoader) extensions['.js'] = originalLoader;
      if (internals._load !== originalLoad) internals._load = originalLoad;
    },
  };
}
