// The unit tests' fake of `vscode` checked against the real thing: the contract checks of
// test/shared/vscodeContract.ts (the same functions test/unit/extension/vscodeFake.test.ts runs against
// the fake) run here against the real `vscode` module of the extension host. SecretStorage and
// Memento checks use the extension's own context.secrets and context.globalState (found in the test
// API that activate() returns in ExtensionMode.Test), writing only keys of a throwaway namespace
// that is removed afterwards. Checks that can run against the fake only are listed as skipped.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { contractChecks, type ConfigScope, type ContractHost } from '../../shared/vscodeContract';

const KEY_PREFIX = 'vercelTokensContract.';

function extensionId(): string {
  // out/test/integration/suite → the repository root is four folders up (as for test/integration/suite/*.ts).
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
}

// --- Finding the extension's context.secrets and context.globalState ---------------------------

/** Source of every constructor on the prototype chain (VS Code's own classes are minified, their public names are not). */
function constructorSources(value: object): string[] {
  const sources: string[] = [];
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const ctor = (proto as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function') sources.push(Function.prototype.toString.call(ctor));
  }
  return sources;
}

/** VS Code's ExtensionSecrets (extHostSecrets.ts): built on ExtHostSecretState.onDidChangePassword. */
function isVscodeSecretStorage(value: object): value is vscode.SecretStorage {
  const candidate = value as Partial<Record<'get' | 'store' | 'delete' | 'onDidChange', unknown>>;
  return (
    typeof candidate.get === 'function' &&
    typeof candidate.store === 'function' &&
    typeof candidate.delete === 'function' &&
    typeof candidate.onDidChange === 'function' &&
    constructorSources(value).some((source) => source.includes('onDidChangePassword'))
  );
}

/** VS Code's ExtensionGlobalMemento (extHostMemento.ts): setKeysForSync, over ExtHostStorage.initializeExtensionStorage. */
function isVscodeGlobalMemento(value: object): value is vscode.Memento {
  const candidate = value as Partial<Record<'get' | 'update' | 'keys' | 'setKeysForSync', unknown>>;
  return (
    typeof candidate.get === 'function' &&
    typeof candidate.update === 'function' &&
    typeof candidate.keys === 'function' &&
    typeof candidate.setKeysForSync === 'function' &&
    constructorSources(value).some((source) => source.includes('initializeExtensionStorage'))
  );
}

/** Breadth-first through plain data properties (no getters run), from the extension's exports. */
function findIn<T extends object>(root: unknown, predicate: (value: object) => value is T, maxDepth = 5): { value: T; path: string } | undefined {
  const seen = new Set<object>();
  let level: { value: unknown; path: string }[] = [{ value: root, path: 'exports' }];
  for (let depth = 0; depth <= maxDepth && level.length; depth++) {
    const next: typeof level = [];
    for (const { value, path } of level) {
      if (typeof value !== 'object' || value === null || seen.has(value)) continue;
      seen.add(value);
      if (predicate(value)) return { value, path };
      for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
        if ('value' in descriptor && typeof descriptor.value === 'object' && descriptor.value !== null) {
          next.push({ value: descriptor.value, path: `${path}.${name}` });
        }
      }
    }
    level = next;
  }
  return undefined;
}

/** Stands in when the real object was not found: every use fails the check that needs it, with why. */
function unavailable<T extends object>(what: string, why: string): T {
  return new Proxy({} as T, {
    get: (_target, property) => {
      throw new Error(`${what} is not reachable from the extension's test API (${why}); needed for .${String(property)}`);
    },
  });
}

// --- The host ------------------------------------------------------------------------------------

async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function realHost(secrets: vscode.SecretStorage, memento: vscode.Memento, usedKeys: Set<string>): ContractHost {
  return {
    where: 'real',
    vscode,
    secrets,
    memento,
    key(name) {
      const key = `${KEY_PREFIX}${name}`;
      if (name) usedKeys.add(key);
      return key;
    },
    async setConfiguration(key: string, value: unknown, scope: ConfigScope) {
      const target = scope === 'global' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
      await vscode.workspace.getConfiguration().update(key, value, target);
      const field = scope === 'global' ? 'globalValue' : 'workspaceValue';
      await waitUntil(
        () => JSON.stringify(vscode.workspace.getConfiguration().inspect(key)?.[field]) === JSON.stringify(value),
        `${key} = ${JSON.stringify(value)} in the ${scope} settings`,
      );
    },
    async dismissNotifications() {
      await vscode.commands.executeCommand('notifications.clearAll');
    },
    async dismissQuickInput() {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    },
  };
}

describe('vscode contract: the fake’s self-checks against real VS Code (test/shared/vscodeContract.ts)', () => {
  const usedKeys = new Set<string>();
  let host: ContractHost;
  const outcomes: { name: string; state: string | undefined; fakeDiffers: boolean }[] = [];

  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId());
    assert.ok(extension, `${extensionId()} is not loaded`);
    const exports: unknown = await extension.activate();
    // The test API's `services` is a getter (it loads the extension's second bundle): read it once here.
    const services: unknown = (exports as { services?: unknown } | undefined)?.services;
    const secrets = findIn({ services }, isVscodeSecretStorage);
    const memento = findIn({ services }, isVscodeGlobalMemento);
    const why = exports === undefined ? 'activate() returned nothing: not ExtensionMode.Test?' : 'not found within 5 properties of the exports';
    console.log(
      `vscode contract: SecretStorage ${secrets ? `at ${secrets.path}` : 'NOT FOUND'}, globalState ${memento ? `at ${memento.path}` : 'NOT FOUND'}`,
    );
    host = realHost(
      secrets?.value ?? unavailable<vscode.SecretStorage>("the extension's context.secrets", why),
      memento?.value ?? unavailable<vscode.Memento>("the extension's context.globalState", why),
      usedKeys,
    );
  });

  afterEach(async function () {
    const test = this.currentTest;
    const check = contractChecks.find((candidate) => candidate.name === test?.title);
    if (check) outcomes.push({ name: check.name, state: test?.state, fakeDiffers: Boolean(check.fakeDiffers) });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    // The throwaway namespace goes, whatever the checks left behind.
    const quietly = async (remove: () => PromiseLike<void>) => {
      try {
        await remove();
      } catch {
        // Not reachable or already gone.
      }
    };
    for (const key of usedKeys) {
      await quietly(() => host.secrets.delete(key));
      await quietly(() => host.memento.update(key, undefined));
    }
    const confirmed = outcomes.filter((outcome) => outcome.fakeDiffers && outcome.state === 'passed').map((outcome) => outcome.name);
    const passed = outcomes.filter((outcome) => outcome.state === 'passed').length;
    const failed = outcomes.filter((outcome) => outcome.state === 'failed').length;
    console.log(`vscode contract: ${passed} checks passed and ${failed} failed against real VS Code ${vscode.version}`);
    console.log(`vscode contract: ${confirmed.length} of them pass here and are known to fail against the fake:`);
    for (const name of confirmed) console.log(`vscode contract:   drift: ${name}`);
  });

  for (const check of contractChecks) {
    if (check.only && check.only.where !== 'real') {
      it.skip(`[fake only, not run here] ${check.name} (${check.only.why})`);
    } else {
      it(check.name, async () => check.run(host));
    }
  }
});
