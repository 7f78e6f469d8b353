// One extension host, the packaged extension signed in to the loopback stand-in API: create
// overhead against bare node-fetch and the real Vercel CLI, memory over create/delete cycles, and
// the 10,000-token scale measures. Peers run interleaved with the extension in this same process.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import * as vscode from 'vscode';
import type { CreateTokenResult } from '../../src/commands/createToken';
import type { Services } from '../../src/commands/services';
import type { TokenList } from '../../src/core/tokenList';
import type { TestApi } from '../../src/extension';
import type { Node, TokenNode } from '../../src/views/tokenTreeProvider';
import type { CountSnapshot, CreateBreakdown, Endpoint, MainConfig, MainResult } from '../lib/protocol';
import { startProfiler, topFunctions, writeHeapSnapshot, type CpuProfile } from './profile';
import { gcMode, log, settle, settledHeap, sleep } from './util';

const DAY_MS = 24 * 60 * 60 * 1000;

type Fetch = typeof import('node-fetch', { with: { 'resolution-mode': 'import' } }).default;

export async function runMain(config: MainConfig): Promise<MainResult> {
  const notes: string[] = [];
  // V8 drops the bytecode of functions that stopped running (here: the create measures' code) a
  // while later; that would show up as the heap shrinking between memory checkpoints and hide growth.
  setFlagsFromString('--no-flush-bytecode');
  setFlagsFromString('--no-flush-baseline-code');
  const gc = gcMode();
  log(`extension host: node ${process.version}, VS Code ${vscode.version}, gc: ${gc}`);
  const extension = vscode.extensions.getExtension<TestApi>(config.extensionId);
  if (!extension) throw new Error(`bench: ${config.extensionId} is not loaded`);
  const api = await extension.activate();
  if (!api?.services) throw new Error('bench: activate() returned no services (not ExtensionMode.Test?)');
  if (typeof api.run !== 'function') throw new Error('bench: activate() returned no run() (not the test API?)');
  const fetch = (await import('node-fetch')).default;

  await useApi(api, config.small);
  log(`signed in to ${config.small.url}; ${signedInList(api.services).tokens.length} tokens`);

  const create = await measureCreate(config, api, fetch, notes);
  const memory = await measureMemory(config, api);
  const scale = await measureScale(config, api, fetch, notes);
  return { phase: 'main', nodeVersion: process.version, vscodeVersion: vscode.version, gc, create, memory, scale, notes };
}

// --- sign-in and API switching ---------------------------------------------------------------------

/**
 * Signed out of every account, then signed in to `endpoint` alone: the measures below act on one
 * account, whose tokens are the tree's roots.
 */
async function useApi(api: TestApi, endpoint: Endpoint, phases: Record<string, number> = {}): Promise<void> {
  const { services } = api;
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = now - mark;
    mark = now;
  };
  await services.accounts.restore();
  // The public command, run on an account node of this tree: no picker, whatever the number of accounts.
  for (const { userId } of services.accounts.all) {
    await vscode.commands.executeCommand('vercelTokens.signOut', services.provider.accountNode(userId));
  }
  if (services.accounts.signedIn) throw new Error('bench: sign-out left an account signed in');
  phase('signOut');
  const section = vscode.workspace.getConfiguration('vercelTokens');
  if (section.inspect<string>('apiUrl')?.globalValue !== endpoint.url) {
    await section.update('apiUrl', endpoint.url, vscode.ConfigurationTarget.Global);
    for (let i = 0; vscode.workspace.getConfiguration('vercelTokens').inspect<string>('apiUrl')?.globalValue !== endpoint.url; i++) {
      if (i > 100) throw new Error('bench: the apiUrl setting did not take effect');
      await sleep(50);
    }
  }
  phase('apiUrlSetting');
  // The test API's form of the command: the public one asks for the token in a box.
  const signedIn = await api.run('vercelTokens.signIn', endpoint.token);
  if (signedIn !== true) throw new Error(`bench: sign-in to ${endpoint.url} failed`);
  if (services.accounts.all.length !== 1) throw new Error(`bench: ${services.accounts.all.length} accounts signed in, expected 1`);
  phase('signInCommand');
  await modelIdle(services);
  phase('untilModelIdle');
}

/** The token list of the one signed-in account. */
function signedInList(services: Services): TokenList {
  const account = services.accounts.current;
  const list = account && services.lists.get(account.userId);
  if (!list) throw new Error('bench: no account is signed in');
  return list;
}

/** Waits until no list load is running or queued (the list's own in-flight and queued promises). */
async function modelIdle(services: Services): Promise<void> {
  const list = signedInList(services);
  const internals = list as unknown as { inFlight?: Promise<void>; queued?: Promise<void> };
  if (!('inFlight' in internals)) throw new Error('bench: TokenList has no inFlight field any more: modelIdle cannot tell when it is idle');
  const deadline = performance.now() + 120_000;
  for (let quiet = 0; quiet < 3; ) {
    if (performance.now() > deadline) throw new Error(`bench: the token list is still ${list.state} after 120 s`);
    const pending = internals.queued ?? internals.inFlight;
    if (pending || list.state === 'idle' || list.state === 'loading') {
      quiet = 0;
      await (pending ?? sleep(50)).catch(() => undefined);
    } else {
      quiet++;
    }
    await sleep(50);
  }
  if (list.state === 'error') throw new Error(`bench: the token list did not load: ${list.error}`);
}

// --- create ---------------------------------------------------------------------------------------

function bareClient(fetch: Fetch, endpoint: Endpoint) {
  const headers = (body: boolean) => ({
    Authorization: `Bearer ${endpoint.token}`,
    Accept: 'application/json',
    ...(body ? { 'Content-Type': 'application/json' } : {}),
  });
  return {
    /** The same POST the extension sends, with node-fetch and nothing else. */
    async create(name: string): Promise<{ ms: number; id: string }> {
      const started = performance.now();
      const response = await fetch(`${endpoint.url}/v3/user/tokens`, {
        method: 'POST',
        headers: headers(true),
        body: JSON.stringify({ name, expiresAt: Date.now() + 30 * DAY_MS }),
      });
      const body = JSON.parse(await response.text()) as { token: { id: string }; bearerToken: string };
      const ms = performance.now() - started;
      if (response.status !== 200 || !body.bearerToken) throw new Error(`bench: bare create answered ${response.status}`);
      return { ms, id: body.token.id };
    },
    async delete(id: string): Promise<void> {
      const response = await fetch(`${endpoint.url}/v3/user/tokens/${encodeURIComponent(id)}`, { method: 'DELETE', headers: headers(false) });
      await response.text();
      if (response.status !== 200) throw new Error(`bench: bare delete answered ${response.status}`);
    },
    /** Every page, like the extension's client: limit=100, until=<next>. */
    async listAll(): Promise<number> {
      let until: number | null = null;
      let count = 0;
      for (;;) {
        const query: string = `limit=100${until !== null ? `&until=${until}` : ''}`;
        const response = await fetch(`${endpoint.url}/v6/user/tokens?${query}`, { method: 'GET', headers: headers(false) });
        const page = JSON.parse(await response.text()) as { tokens: unknown[]; pagination: { next: number | null } };
        count += page.tokens.length;
        if (page.pagination.next === null) return count;
        until = page.pagination.next;
      }
    },
  };
}

/**
 * The create command (the test API's form, which takes name and expiry instead of asking) →
 * value stored and the tree provider showing the new token as stored.
 */
async function extensionCreate(api: TestApi, name: string): Promise<{ ms: number; id: string; changes: number }> {
  const { services } = api;
  let changes = 0;
  const subscription = services.provider.onDidChangeTreeData(() => changes++);
  const started = performance.now();
  const result = (await api.run('vercelTokens.createToken', { name, expiry: '30d' })) as CreateTokenResult | undefined;
  const node = result && services.provider.getChildren().find((candidate) => candidate.kind === 'token' && candidate.tokenId === result.tokenId);
  const item = node && services.provider.getTreeItem(node);
  const ms = performance.now() - started;
  subscription.dispose();
  if (!result?.stored || !node || !String(item?.description).includes('value stored') || changes === 0) {
    throw new Error(`bench: create of ${name} did not end stored and shown (${JSON.stringify({ result, changes })})`);
  }
  return { ms, id: result.tokenId, changes };
}

/** The test API's form of Rotate Token → the replacement stored and shown, the old token gone from the tree. */
async function extensionRotate(api: TestApi, oldId: string): Promise<{ ms: number; id: string }> {
  const { services } = api;
  const started = performance.now();
  const result = (await api.run('vercelTokens.rotateToken', oldId, { confirmed: true })) as { kind: string; replacementId?: string } | undefined;
  const roots = services.provider.getChildren();
  const node = roots.find((candidate) => candidate.kind === 'token' && candidate.tokenId === result?.replacementId);
  const item = node && services.provider.getTreeItem(node);
  const ms = performance.now() - started;
  const oldShown = roots.some((candidate) => candidate.kind === 'token' && candidate.tokenId === oldId);
  if (result?.kind !== 'rotated' || !result.replacementId || !String(item?.description).includes('value stored') || oldShown) {
    throw new Error(`bench: rotation of ${oldId} did not end rotated and shown (${JSON.stringify(result)})`);
  }
  return { ms, id: result.replacementId };
}

/** The test API's form of the delete command: this token id, the modal answered already. */
async function extensionDelete(api: TestApi, id: string): Promise<void> {
  const deleted = await api.run('vercelTokens.deleteToken', id, { confirmed: true });
  if (deleted !== true) throw new Error(`bench: delete of ${id} failed`);
}

function spawnTimed(file: string, args: string[]): Promise<{ ms: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, VERCEL_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1' };
  // The extension host's own NODE_OPTIONS (--expose-gc for the memory measure) is not the CLI's business.
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    execFile(file, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const ms = performance.now() - started;
      if (error) reject(new Error(`bench: ${args.slice(0, 3).join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve({ ms, output: `${stdout}${stderr}` });
    });
  });
}

async function cliCreate(config: MainConfig, name: string): Promise<{ ms: number; id: string }> {
  const { node, script, queueDir } = config.cli;
  const { ms, output } = await spawnTimed(node, [
    script, 'tokens', 'add', name, '--api', config.small.url, '--token', config.small.token, '-Q', queueDir,
  ]);
  const id = /\bid: (tok_[A-Za-z0-9]+)/.exec(output)?.[1];
  if (!id || !/vcp_[A-Za-z0-9]+/.test(output)) throw new Error(`bench: vercel tokens add printed no token:\n${output}`);
  return { ms, id };
}

async function measureCreate(config: MainConfig, api: TestApi, fetch: Fetch, notes: string[]): Promise<MainResult['create']> {
  const bare = bareClient(fetch, config.small);
  const result: MainResult['create'] = {
    extensionMs: [], bareMs: [], pairedDiffMs: [], cliMs: [], nodeSpawnMs: [], breakdown: [], secretGetMs: [], secretStoreMs: [], rpcMs: [], whatIf: null,
    rotateMs: [], createDeleteMs: [],
  };
  const secrets = keychainSecrets(api.services).secrets;
  const probe = async (into: number[], call: () => Thenable<unknown>) => {
    const started = performance.now();
    await call();
    into.push(performance.now() - started);
  };

  for (let i = 0; i < config.createWarmup; i++) {
    await extensionDelete(api, (await extensionCreate(api, `warmup-ext-${i}`)).id);
    await bare.delete((await bare.create(`warmup-bare-${i}`)).id);
  }
  await bare.delete((await cliCreate(config, 'warmup-cli')).id);
  await settle(config.settleMs);

  log(`create: ${config.createPairs} interleaved pairs, a CLI run every ${config.cliEvery}`);
  for (let i = 0; i < config.createPairs; i++) {
    let extensionRun!: { ms: number; id: string };
    let bareRun!: { ms: number; id: string };
    const runExtension = async () => (extensionRun = await extensionCreate(api, `bench-ext-${i}`));
    const runBare = async () => (bareRun = await bare.create(`bench-bare-${i}`));
    for (const step of i % 2 === 0 ? [runExtension, runBare] : [runBare, runExtension]) {
      await step();
      await settle(config.settleMs);
    }
    result.extensionMs.push(extensionRun.ms);
    result.bareMs.push(bareRun.ms);
    result.pairedDiffMs.push(extensionRun.ms - bareRun.ms);
    const cleanup = [() => extensionDelete(api, extensionRun.id), () => bare.delete(bareRun.id)];
    if (i % config.cliEvery === 0) {
      const cli = await cliCreate(config, `bench-cli-${i}`);
      result.cliMs.push(cli.ms);
      cleanup.push(() => bare.delete(cli.id));
      result.nodeSpawnMs.push((await spawnTimed(config.cli.node, ['-e', '0'])).ms);
    }
    for (const step of cleanup) await step();
    // Each create leaves a notification; closed here (untimed) so every sample starts alike.
    await vscode.commands.executeCommand('notifications.clearAll');
    await settle(config.settleMs);
    // What one SecretStorage call and one bare round trip to the workbench cost right now.
    await probe(result.secretGetMs, () => secrets.get('bench-probe-missing'));
    await probe(result.secretStoreMs, () => secrets.store('bench-probe', String(i)));
    await probe(result.rpcMs, () => vscode.commands.executeCommand('setContext', 'vercelTokensBench.probe', i));
    await settle(config.settleMs);
  }
  await secrets.delete('bench-probe');

  // Rotation against its two round trips done apart (a create, then a delete), alternating which
  // goes first; in a loop of its own, so its keychain traffic never overlaps the create samples.
  log(`rotate: ${Math.ceil(config.createPairs / 2)} rotations against a create then a delete`);
  for (let i = 0; i < Math.ceil(config.createPairs / 2); i++) {
    const old = await extensionCreate(api, `bench-rot-${i}`);
    await settle(config.settleMs);
    const runRotate = async () => {
      const rotated = await extensionRotate(api, old.id);
      result.rotateMs.push(rotated.ms);
      await settle(config.settleMs);
      await extensionDelete(api, rotated.id);
    };
    const runPair = async () => {
      const started = performance.now();
      const single = await extensionCreate(api, `bench-cd-${i}`);
      await extensionDelete(api, single.id);
      result.createDeleteMs.push(performance.now() - started);
    };
    for (const step of i % 2 === 0 ? [runRotate, runPair] : [runPair, runRotate]) {
      await step();
      await vscode.commands.executeCommand('notifications.clearAll');
      await settle(config.settleMs);
    }
  }

  // Where one create's time goes: SecretStorage calls and requests, counted and timed.
  for (let i = 0; i < 5; i++) {
    result.breakdown.push(await instrumentedCreate(api, `bench-breakdown-${i}`));
    await settle(config.settleMs);
  }
  result.whatIf = await createWhatIf(config, api, bare);
  const sample = result.breakdown[result.breakdown.length - 1];
  notes.push(
    `one create: ${sample.requests.length} request(s) (${sample.requests.map((r) => `${r.method} ${r.path}`).join(', ')}), ` +
      `${sample.secretOps.length} SecretStorage call(s) (${sample.secretOps.map((op) => `${op.op} ${op.key}`).join(', ')})`,
  );
  return result;
}

/**
 * What-if, not the shipped code: the same create with Keychain.storeTokenValue replaced at run
 * time by another sequence, interleaved with the unchanged create and the bare POST.
 *   sequential: write the value, then read it back and update the index together (two round
 *               trips to the keychain; what 0.1.0 shipped before the calls were issued at once).
 *   oneWrite:   write the value, update the index without waiting for it (no read-back): the floor.
 */
async function createWhatIf(
  config: MainConfig,
  api: TestApi,
  bare: ReturnType<typeof bareClient>,
): Promise<NonNullable<MainResult['create']['whatIf']>> {
  // The public methods typed from the source, so a change there fails to compile here; the two
  // private steps the variants reorder are reached by name.
  // The index bookkeeping is the shipped one (what this window added, so a merge with another
  // window's index never drops it); only the order and the waiting differ.
  type Own = { added: Set<string>; removed: Set<string> };
  type Internals = Pick<Services['keychain'], 'storeTokenValue' | 'getTokenValue'> & {
    write(key: string, value: string): Promise<{ stored: boolean; reason?: string }>;
    updateIndex(userId: string, change: (ids: Set<string>, own: Own) => void): Promise<{ stored: boolean; reason?: string }>;
  };
  const { services } = api;
  const store = services.keychain as unknown as Internals;
  for (const method of ['write', 'updateIndex', 'getTokenValue'] as const) {
    if (typeof store[method] !== 'function') throw new Error(`bench: the keychain has no ${method}() any more: the what-if variants need it`);
  }
  const addToIndex = (tokenId: string) => (ids: Set<string>, own: Own) => {
    ids.add(tokenId);
    own.added.add(tokenId);
    own.removed.delete(tokenId);
  };
  const variants: Record<'sequential' | 'oneWrite', Internals['storeTokenValue']> = {
    async sequential(userId, tokenId, value) {
      const written = await store.write(`value:${tokenId}`, value);
      if (!written.stored) return written as { stored: false; reason: string };
      const [readBack, indexed] = await Promise.all([store.getTokenValue(tokenId), store.updateIndex(userId, addToIndex(tokenId))]);
      if (readBack !== value) return { stored: false, reason: 'read-back mismatch' };
      if (!indexed.stored) return { stored: false, reason: indexed.reason ?? 'index not written' };
      return { stored: true };
    },
    async oneWrite(userId, tokenId, value) {
      const written = await store.write(`value:${tokenId}`, value);
      if (!written.stored) return written as { stored: false; reason: string };
      void store.updateIndex(userId, addToIndex(tokenId));
      return { stored: true };
    },
  };
  const samples = { current: [] as number[], sequential: [] as number[], oneWrite: [] as number[], bare: [] as number[] };
  const runs: [keyof typeof samples, (name: string) => Promise<{ ms: number; id: string }>][] = [
    ['current', (name) => extensionCreate(api, name)],
    ['sequential', (name) => withStoreVariant(store, variants.sequential, () => extensionCreate(api, name))],
    ['oneWrite', (name) => withStoreVariant(store, variants.oneWrite, () => extensionCreate(api, name))],
    ['bare', (name) => bare.create(name)],
  ];
  const iterations = Math.max(4, Math.round(config.createPairs * 0.375));
  for (let i = 0; i < iterations; i++) {
    const cleanup: (() => Promise<void>)[] = [];
    for (let k = 0; k < runs.length; k++) {
      const [label, run] = runs[(i + k) % runs.length];
      const { ms, id } = await run(`bench-whatif-${label}-${i}`);
      samples[label].push(ms);
      cleanup.push(label === 'bare' ? () => bare.delete(id) : () => extensionDelete(api, id));
      await settle(config.settleMs);
    }
    for (const step of cleanup) await step();
    // Each create leaves a notification; closed here (untimed) so every sample starts alike.
    await vscode.commands.executeCommand('notifications.clearAll');
    await settle(config.settleMs);
  }
  return samples;
}

type SecretStoreLike = Pick<Services['keychain'], 'storeTokenValue'>;

async function withStoreVariant<T>(store: SecretStoreLike, variant: SecretStoreLike['storeTokenValue'], run: () => Promise<T>): Promise<T> {
  store.storeTokenValue = variant;
  try {
    return await run();
  } finally {
    delete (store as { storeTokenValue?: unknown }).storeTokenValue;
  }
}

interface SecretsLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The keychain's SecretStorage (its private `secrets` field), which the probes call and the breakdown wraps. */
function keychainSecrets(services: Services): { secrets: SecretsLike } {
  const keychain = services.keychain as unknown as { secrets?: SecretsLike };
  if (typeof keychain.secrets?.get !== 'function') throw new Error('bench: the keychain has no `secrets` field any more');
  return keychain as { secrets: SecretsLike };
}

async function instrumentedCreate(api: TestApi, name: string): Promise<CreateBreakdown> {
  const { services } = api;
  const store = keychainSecrets(services);
  const real = store.secrets;
  const secretOps: CreateBreakdown['secretOps'] = [];
  const requests: CreateBreakdown['requests'] = [];
  const timed =
    <A extends unknown[], R>(op: string, call: (...args: A) => PromiseLike<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await call(...args);
      } finally {
        secretOps.push({ op, key: String(args[0]).replace(/:.*/, ':…'), ms: performance.now() - started });
      }
    };
  store.secrets = Object.assign(Object.create(real) as SecretsLike, {
    get: timed('get', (key: string) => real.get(key)),
    store: timed('store', (key: string, value: string) => real.store(key, value)),
    delete: timed('delete', (key: string) => real.delete(key)),
  });
  const unwatch = watchRequests(services, (entry) =>
    requests.push({ method: entry.method, path: entry.path.replace(/\?.*/, ''), durationMs: entry.durationMs }),
  );
  try {
    const created = await extensionCreate(api, name);
    // Background reads the create set off (SecretStorage change events) land here too.
    await settle(300);
    const breakdown: CreateBreakdown = {
      totalMs: created.ms,
      requests: [...requests],
      secretOps: [...secretOps],
      secretMsTotal: secretOps.reduce((sum, op) => sum + op.ms, 0),
      treeChangeEvents: created.changes,
    };
    await extensionDelete(api, created.id);
    return breakdown;
  } finally {
    store.secrets = real;
    unwatch();
  }
}

/**
 * Calls `record` with each request the extension's logger is told about, before the logger itself;
 * the returned function stops that (the wrapper is an own property over the logger's method).
 */
function watchRequests(services: Services, record: (entry: { method: string; path: string; durationMs: number }) => void): () => void {
  const logger = services.log as unknown as { request: (entry: { method: string; path: string; durationMs: number }) => void };
  const original = logger.request;
  logger.request = (entry) => {
    record(entry);
    original.call(services.log, entry);
  };
  return () => delete (logger as { request?: unknown }).request;
}

// --- memory ---------------------------------------------------------------------------------------

async function counts(services: Services): Promise<CountSnapshot> {
  const loggerSecrets = (services.log as unknown as { secrets?: Set<string> }).secrets?.size ?? null;
  const providerNodes = (services.provider as unknown as { tokenNodes?: Map<string, unknown> }).tokenNodes?.size ?? null;
  const account = services.accounts.current;
  const storedIds = account ? (await services.keychain.storedTokenIds(account.userId)).size : null;
  const modelTokens = account ? (services.lists.get(account.userId)?.tokens.length ?? 0) : 0;
  return { loggerSecrets, modelTokens, providerNodes, storedIds };
}

async function measureMemory(config: MainConfig, api: TestApi): Promise<MainResult['memory']> {
  const { services } = api;
  const checkpoints: MainResult['memory']['checkpoints'] = [];
  const cycleMs: number[] = [];
  const targets = [config.memoryBaselineCycles, ...config.memoryCheckpoints, config.memoryCycles].sort((a, b) => a - b);
  let done = 0;
  log(`memory: ${config.memoryCycles} create/delete cycles`);
  // Start from no open notifications: those of the create measures would otherwise be in the baseline.
  await vscode.commands.executeCommand('notifications.clearAll');
  await settle(1000);
  for (const target of targets) {
    for (; done < target; done++) {
      const started = performance.now();
      const { id } = await extensionCreate(api, `mem-${done}`);
      await extensionDelete(api, id);
      cycleMs.push(performance.now() - started);
    }
    await settle(1000);
    const heap = await settledHeap();
    checkpoints.push({ cycles: done, heapUsed: heap.heapUsed, heapUsedSamples: heap.samples, spaces: heap.spaces, counts: await counts(services) });
    if (config.heapSnapshotDir) {
      await writeHeapSnapshot(join(config.heapSnapshotDir, `cycles-${done}.heapsnapshot`));
    }
    log(`memory: ${done} cycles, heapUsed ${(heap.heapUsed / 1048576).toFixed(2)} MB`);
  }
  // Diagnosis: every create leaves a notification whose promise stays pending in the
  // extension host until the notification is closed. Close them all and read the heap again.
  await vscode.commands.executeCommand('notifications.clearAll');
  await settle(1000);
  const cleared = await settledHeap();
  const afterClearingNotifications = {
    cycles: done, heapUsed: cleared.heapUsed, heapUsedSamples: cleared.samples, spaces: cleared.spaces, counts: await counts(services),
  };
  log(`memory: after notifications.clearAll, heapUsed ${(cleared.heapUsed / 1048576).toFixed(2)} MB`);
  if (config.heapSnapshotDir) await writeHeapSnapshot(join(config.heapSnapshotDir, `cycles-${done}-cleared.heapsnapshot`));
  return { checkpoints, cycleMs, afterClearingNotifications };
}

// --- scale ----------------------------------------------------------------------------------------

async function measureScale(config: MainConfig, api: TestApi, fetch: Fetch, notes: string[]): Promise<MainResult['scale']> {
  const { services } = api;
  const { large } = config;
  // The view was shown by the creates (reveal); hidden, the workbench stops asking for items, so
  // only the calls below build tree items.
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await settle(500);
  notes.push(`scale: tree view visible during the scale measures: ${services.treeView.visible}`);

  log(`scale: signing in to the account with ${large.tokenCount} tokens`);
  const firstLoadRequests: Record<string, number> = {};
  const firstLoadPhases: Record<string, number> = {};
  const unwatch = watchRequests(services, (entry) => {
    const key = `${entry.method} ${entry.path.replace(/\?.*/, '')}`;
    firstLoadRequests[key] = (firstLoadRequests[key] ?? 0) + 1;
  });
  const loadStarted = performance.now();
  try {
    await useApi(api, large, firstLoadPhases);
  } finally {
    unwatch();
  }
  const firstModelLoadMs = performance.now() - loadStarted;
  const list = signedInList(services);
  if (list.tokens.length !== large.tokenCount) {
    throw new Error(`bench: the token list holds ${list.tokens.length} tokens, expected ${large.tokenCount}`);
  }

  const bare = bareClient(fetch, large);
  const client = services.accounts.client(list.userId);
  const listMs: number[] = [];
  const bareListMs: number[] = [];
  let listRequests = 0;
  for (let i = 0; i < config.listRepeats; i++) {
    const runExtension = async () => {
      let requests = 0;
      const unwatch = watchRequests(services, () => requests++);
      const started = performance.now();
      const tokens = await client.listTokens();
      listMs.push(performance.now() - started);
      unwatch();
      listRequests = requests;
      if (tokens.length !== large.tokenCount) throw new Error(`bench: listTokens returned ${tokens.length}`);
    };
    const runBare = async () => {
      const started = performance.now();
      const count = await bare.listAll();
      bareListMs.push(performance.now() - started);
      if (count !== large.tokenCount) throw new Error(`bench: bare list returned ${count}`);
    };
    for (const step of i % 2 === 0 ? [runExtension, runBare] : [runBare, runExtension]) {
      await step();
      await settle(200);
    }
  }
  log(`scale: list ${listMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);

  const { provider } = services;
  const buildMs: number[] = [];
  const getChildrenMs: number[] = [];
  const getTreeItemMs: number[] = [];
  let rootItems = 0;
  let nodes: Node[] = [];
  for (let i = 0; i < config.buildRepeats; i++) {
    const started = performance.now();
    nodes = provider.getChildren();
    const childrenDone = performance.now();
    for (const node of nodes) provider.getTreeItem(node);
    const done = performance.now();
    buildMs.push(done - started);
    getChildrenMs.push(childrenDone - started);
    getTreeItemMs.push(done - childrenDone);
    rootItems = nodes.length;
    await settle(20);
  }

  // A token with every usual row: expiry, scopes, prefix/suffix. With one account the roots are its tokens.
  const tokenNodes = nodes.filter((node): node is TokenNode => node.kind === 'token');
  if (tokenNodes.length !== nodes.length) throw new Error('bench: the root items are not all tokens (more than one account?)');
  const target = tokenNodes.find((node) => list.token(node.tokenId)?.expiresAt != null) ?? tokenNodes[0];
  const expandMs: number[] = [];
  let expandRows = 0;
  for (let i = 0; i < config.expandRepeats; i++) {
    const started = performance.now();
    const rows = provider.getChildren(target);
    for (const row of rows) provider.getTreeItem(row);
    expandMs.push(performance.now() - started);
    expandRows = rows.length;
    if (i % 20 === 19) await settle(5);
  }
  let profile: MainResult['scale']['profile'] = null;
  try {
    profile = await profileBuild(services, config.providerModule, config.profilePath);
  } catch (error) {
    notes.push(`scale: the CPU profile of the build could not be taken: ${(error as Error).message}`);
  }
  return {
    tokenCount: large.tokenCount, firstModelLoadMs, firstLoadRequests, firstLoadPhases, listMs, bareListMs, listRequests,
    buildMs, rootItems, expandMs, expandRows, getChildrenMs, getTreeItemMs, profile,
  };
}

// --- where the build time goes ----------------------------------------------------------------------

/**
 * The root-items build again, with the provider bundled unminified from src/ (same code as the
 * shipped bundle, readable names) over the extension's live accounts and token lists, under the
 * in-process V8 profiler.
 */
async function profileBuild(services: Services, providerModule: string, file: string): Promise<NonNullable<MainResult['scale']['profile']>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle built at run time, by path
  const { TokenTreeProvider } = require(providerModule) as typeof import('../../src/views/tokenTreeProvider');
  const provider = new TokenTreeProvider(services.accounts, services.lists);
  const sourceBuildMs: number[] = [];
  let cpu: CpuProfile;
  try {
    const build = () => {
      const started = performance.now();
      for (const node of provider.getChildren()) provider.getTreeItem(node);
      sourceBuildMs.push(performance.now() - started);
    };
    build(); // warm-up, not profiled
    sourceBuildMs.length = 0;
    const profiler = await startProfiler(100);
    for (let i = 0; i < 5; i++) build();
    cpu = await profiler.stop();
  } finally {
    provider.dispose();
  }
  writeFileSync(file, JSON.stringify(cpu));

  // What-if: every row's tooltip built with the row (what resolveTreeItem saves, as tooltips are
  // built only on hover), interleaved with the build as shipped.
  const subject = new TokenTreeProvider(services.accounts, services.lists);
  const builds = {
    unchanged: () => subject.getChildren().forEach((node) => subject.getTreeItem(node)),
    tooltipEager: () => subject.getChildren().forEach((node) => subject.resolveTreeItem(subject.getTreeItem(node), node)),
  };
  const whatIf = { unchangedMs: [] as number[], tooltipEagerMs: [] as number[] };
  try {
    for (let i = 0; i < 10; i++) {
      const order = i % 2 === 0 ? (['unchanged', 'tooltipEager'] as const) : (['tooltipEager', 'unchanged'] as const);
      for (const kind of order) {
        const started = performance.now();
        builds[kind]();
        whatIf[`${kind}Ms`].push(performance.now() - started);
        await settle(20);
      }
    }
  } finally {
    subject.dispose();
  }
  return { sourceBuildMs, top: topFunctions(cpu, 25), file, whatIf };
}
