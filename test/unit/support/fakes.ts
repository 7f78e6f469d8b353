// Fakes of what VS Code hands an extension: SecretStorage, Memento and ExtensionContext (in the
// spirit of the fakes in VS Code's built-in github-authentication tests).
import type * as vscode from 'vscode';
import { EventEmitter, ExtensionMode, Uri } from './vscode';

export type SecretOperation = { op: 'get' | 'store' | 'delete' | 'keys'; key?: string; ok: boolean };

type KeyMatcher = string | RegExp | ((key: string) => boolean);
const matches = (matcher: KeyMatcher | undefined, key: string) =>
  matcher === undefined ||
  (typeof matcher === 'string' ? key === matcher : matcher instanceof RegExp ? matcher.test(key) : matcher(key));

/**
 * SecretStorage over a Map shared by "windows". Like VS Code, onDidChange fires for every store and
 * delete, including this window's own, and fires before the store()/delete() promise resolves
 * (the main thread sends the change event ahead of the reply). `otherWindow` writes the same Map
 * the way another VS Code window of the same profile would.
 */
export class FakeSecretStorage implements vscode.SecretStorage {
  readonly calls: SecretOperation[] = [];
  private readonly changeEmitter = new EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changeEmitter.event as unknown as vscode.Event<vscode.SecretStorageChangeEvent>;

  private storeFailure: { error: Error | ((key: string, value: string) => Error); keys?: KeyMatcher } | undefined;
  private getFailure: { error: Error; keys?: KeyMatcher } | undefined;
  private readMangler: ((key: string, value: string | undefined) => string | undefined) | undefined;

  /** Called on every operation, e.g. to snapshot what else had happened by then. */
  onCall: ((call: SecretOperation) => void) | undefined;

  constructor(readonly data: Map<string, string> = new Map()) {}

  private record(call: SecretOperation): void {
    this.calls.push(call);
    this.onCall?.(call);
  }

  /**
   * store() rejects with `error` (for keys matching `keys`, or all) until cleared with undefined.
   * A function builds the error from the key and value (keychains have echoed what they refused).
   */
  failStore(error: Error | ((key: string, value: string) => Error) | undefined, keys?: KeyMatcher): void {
    this.storeFailure = error ? { error, keys } : undefined;
  }
  /** get() rejects with `error` (for keys matching `keys`, or all) until cleared with undefined. */
  failGet(error: Error | undefined, keys?: KeyMatcher): void {
    this.getFailure = error ? { error, keys } : undefined;
  }
  /** What get() returns is passed through `mangle` (e.g. to make a read-back differ from what was stored). */
  mangleReads(mangle: ((key: string, value: string | undefined) => string | undefined) | undefined): void {
    this.readMangler = mangle;
  }

  async get(key: string): Promise<string | undefined> {
    await Promise.resolve();
    if (this.getFailure && matches(this.getFailure.keys, key)) {
      this.record({ op: 'get', key, ok: false });
      throw this.getFailure.error;
    }
    this.record({ op: 'get', key, ok: true });
    const value = this.data.get(key);
    return this.readMangler ? this.readMangler(key, value) : value;
  }

  async store(key: string, value: string): Promise<void> {
    await Promise.resolve();
    if (typeof value !== 'string') throw new Error('Value must be a string');
    if (this.storeFailure && matches(this.storeFailure.keys, key)) {
      this.record({ op: 'store', key, ok: false });
      const { error } = this.storeFailure;
      throw typeof error === 'function' ? error(key, value) : error;
    }
    this.record({ op: 'store', key, ok: true });
    this.data.set(key, value);
    this.changeEmitter.fire({ key });
  }

  async delete(key: string): Promise<void> {
    await Promise.resolve();
    this.record({ op: 'delete', key, ok: true });
    this.data.delete(key);
    this.changeEmitter.fire({ key });
  }

  async keys(): Promise<string[]> {
    await Promise.resolve();
    this.record({ op: 'keys', ok: true });
    return [...this.data.keys()];
  }

  /** Another window of the same profile writing: same storage, change event delivered here. */
  readonly otherWindow = {
    store: async (key: string, value: string) => {
      await Promise.resolve();
      this.data.set(key, value);
      this.changeEmitter.fire({ key });
    },
    delete: async (key: string) => {
      await Promise.resolve();
      this.data.delete(key);
      this.changeEmitter.fire({ key });
    },
  };

  countOf(op: SecretOperation['op'], key?: string): number {
    return this.calls.filter((call) => call.op === op && (key === undefined || call.key === key)).length;
  }
}

/** Memento over a plain object. Values go through JSON like the persisted state does. */
export class FakeMemento implements vscode.Memento {
  readonly data: Record<string, unknown> = {};
  readonly syncedKeys: string[] = [];

  keys(): readonly string[] {
    return Object.keys(this.data);
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const value = this.data[key];
    return value === undefined ? defaultValue : (JSON.parse(JSON.stringify(value)) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    await Promise.resolve();
    if (value === undefined) delete this.data[key];
    else this.data[key] = JSON.parse(JSON.stringify(value));
  }

  setKeysForSync(keys: readonly string[]): void {
    this.syncedKeys.splice(0, this.syncedKeys.length, ...keys);
  }
}

/** environmentVariableCollection: what new terminals of the window would get. */
export class FakeEnvironmentVariableCollection {
  readonly values = new Map<string, string>();
  persistent = true;
  description: unknown;
  replace(variable: string, value: string): void {
    this.values.set(variable, value);
  }
  delete(variable: string): void {
    this.values.delete(variable);
  }
  clear(): void {
    this.values.clear();
  }
  get(variable: string): { value: string } | undefined {
    const value = this.values.get(variable);
    return value === undefined ? undefined : { value };
  }
}

export interface FakeExtensionContext {
  subscriptions: { dispose(): unknown }[];
  environmentVariableCollection: FakeEnvironmentVariableCollection;
  secrets: FakeSecretStorage;
  globalState: FakeMemento;
  workspaceState: FakeMemento;
  extensionUri: Uri;
  extensionPath: string;
  storageUri: Uri | undefined;
  globalStorageUri: Uri;
  logUri: Uri;
  extensionMode: ExtensionMode;
  asAbsolutePath(relativePath: string): string;
}

export function createExtensionContext(secrets = new FakeSecretStorage()): FakeExtensionContext {
  const extensionPath = '/fake/extensions/vercel-tokens';
  return {
    subscriptions: [],
    environmentVariableCollection: new FakeEnvironmentVariableCollection(),
    secrets,
    globalState: new FakeMemento(),
    workspaceState: new FakeMemento(),
    extensionUri: Uri.file(extensionPath),
    extensionPath,
    storageUri: Uri.file('/fake/storage/workspace'),
    globalStorageUri: Uri.file('/fake/storage/global'),
    logUri: Uri.file('/fake/logs'),
    extensionMode: ExtensionMode.Test,
    asAbsolutePath: (relativePath: string) => `${extensionPath}/${relativePath}`,
  };
}

/** As VS Code does on deactivation: dispose every subscription, in order, ignoring failures. */
export function disposeContext(context: FakeExtensionContext): unknown[] {
  const errors: unknown[] = [];
  for (const subscription of context.subscriptions.splice(0)) {
    try {
      subscription.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  return errors;
}

export function asVscodeContext(context: FakeExtensionContext): vscode.ExtensionContext {
  return context as unknown as vscode.ExtensionContext;
}
