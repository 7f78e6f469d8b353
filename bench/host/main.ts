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
import type { TestApi } from '../../src/extension';
import type { Node } from '../../src/views/tokenTreeProvider';
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
  const { services } = api;
  const fetch = (await import('node-fetch')).default;

  await useApi(services, config.small);
  log(`signed in to ${config.small.url}; ${services.model.tokens.length} tokens`);

  const create = await measureCreate(config, services, fetch, notes);
  const memory = await measureMemory(config, services);
  const scale = await measureScale(config, services, fetch, notes);
  return { phase: 'main', nodeVersion: process.version, vscodeVersion: vscode.version, gc, create, memory, scale, notes };
}

// --- sign-in and API switching ---------------------------------------------------------------------

async function useApi(services: Services, endpoint: Endpoint, phases: Record<string, number> = {}): Promise<void> {
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = now - mark;
    mark = now;
  };
  if (services.session.signedIn) await vscode.commands.executeCommand('vercelTokens.signOut');
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
  const signedIn = await vscode.commands.executeCommand<boolean>('vercelTokens.signIn', endpoint.token);
  if (!signedIn) throw new Error(`bench: sign-in to ${endpoint.url} failed`);
  phase('signInCommand');
  await modelIdle(services);
  phase('untilModelIdle');
}

/** Waits until no list load is running or queued (the model's own in-flight promise). */
async function modelIdle(services: Services): Promise<void> {
  const model = services.model as unknown as { inFlight?: Promise<void>; reloadRequested?: boolean };
  for (let quiet = 0; quiet < 3; ) {
    if (model.inFlight) {
      quiet = 0;
      await model.inFlight.catch(() => undefined);
    } else {
      quiet++;
    }
    await sleep(50);
  }
  if (services.model.state === 'error') throw new Error(`bench: the token list did not load: ${services.model.error}`);
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

/** executeCommand → value stored and the tree provider showing the new token as stored. */
async function extensionCreate(services: Services, name: string): Promise<{ ms: number; id: string; changes: number }> {
  let changes = 0;
  const subscription = services.provider.onDidChangeTreeData(() => changes++);
  const started = performance.now();
  const result = await vscode.commands.executeCommand<CreateTokenResult | undefined>('vercelTokens.createToken', { name, expiry: '30d' });
  const node = result && services.provider.getChildren().find((candidate) => candidate.tokenId === result.tokenId);
  const item = node && services.provider.getTreeItem(node);
  const ms = performance.now() - started;
  subscription.dispose();
  if (!result?.stored || !node || !String(item?.description).includes('value stored') || changes === 0) {
    throw new Error(`bench: create of ${name} did not end stored and shown (${JSON.stringify({ result, changes })})`);
  }
  return { ms, id: result.tokenId, changes };
}

async function extensionDelete(id: string): Promise<void> {
  const deleted = await vscode.commands.executeCommand<boolean>('vercelTokens.deleteToken', id, { confirmed: true });
  if (!deleted) throw new Error(`bench: delete of ${id} failed`);
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

async function measureCreate(config: MainConfig, services: Services, fetch: Fetch, notes: string[]): Promise<MainResult['create']> {
  const bare = bareClient(fetch, config.small);
  const result: MainResult['create'] = {
    extensionMs: [], bareMs: [], pairedDiffMs: [], cliMs: [], nodeSpawnMs: [], breakdown: [], secretGetMs: [], secretStoreMs: [], rpcMs: [], whatIf: null,
  };
  const secrets = (services.store as unknown as { secrets: SecretsLike }).secrets;
  const probe = async (into: number[], call: () => Thenable<unknown>) => {
    const started = performance.now();
    await call();
    into.push(performance.now() - started);
  };

  for (let i = 0; i < config.createWarmup; i++) {
    await extensionDelete((await extensionCreate(services, `warmup-ext-${i}`)).id);
    await bare.delete((await bare.create(`warmup-bare-${i}`)).id);
  }
  await bare.delete((await cliCreate(config, 'warmup-cli')).id);
  await settle(config.settleMs);

  log(`create: ${config.createPairs} interleaved pairs, a CLI run every ${config.cliEvery}`);
  for (let i = 0; i < config.createPairs; i++) {
    let extensionRun!: { ms: number; id: string };
    let bareRun!: { ms: number; id: string };
    const runExtension = async () => (extensionRun = await extensionCreate(services, `bench-ext-${i}`));
    const runBare = async () => (bareRun = await bare.create(`bench-bare-${i}`));
    for (const step of i % 2 === 0 ? [runExtension, runBare] : [runBare, runExtension]) {
      await step();
      await settle(config.settleMs);
    }
    result.extensionMs.push(extensionRun.ms);
    result.bareMs.push(bareRun.ms);
    result.pairedDiffMs.push(extensionRun.ms - bareRun.ms);
    const cleanup = [() => extensionDelete(extensionRun.id), () => bare.delete(bareRun.id)];
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

  // Where one create's time goes: SecretStorage calls and requests, counted and timed.
  for (let i = 0; i < 5; i++) {
    result.breakdown.push(await instrumentedCreate(services, `bench-breakdown-${i}`));
    await settle(config.settleMs);
  }
  result.whatIf = await createWhatIf(config, services, bare);
  const sample = result.breakdown[result.breakdown.length - 1];
  notes.push(
    `one create: ${sample.requests.length} request(s) (${sample.requests.map((r) => `${r.method} ${r.path}`).join(', ')}), ` +
      `${sample.secretOps.length} SecretStorage call(s) (${sample.secretOps.map((op) => `${op.op} ${op.key}`).join(', ')})`,
  );
  return result;
}

/**
 * What-if, not the shipped code: the same create with SecretStore.storeTokenValue replaced at run
 * time by another sequence, interleaved with the unchanged create and the bare POST.
 *   sequential: write the value, then read it back and update the index together (two round
 *               trips to the keychain; what 0.1.0 shipped before the calls were issued at once).
 *   oneWrite:   write the value, update the index without waiting for it (no read-back): the floor.
 */
async function createWhatIf(
  config: MainConfig,
  services: Services,
  bare: ReturnType<typeof bareClient>,
): Promise<NonNullable<MainResult['create']['whatIf']>> {
  // The public methods typed from the source, so a change there fails to compile here; the two
  // private steps the variants reorder are reached by name.
  type Internals = Pick<Services['store'], 'storeTokenValue' | 'getTokenValue'> & {
    write(key: string, value: string): Promise<{ stored: boolean; reason?: string }>;
    updateIndex(userId: string, change: (ids: Set<string>) => void): Promise<void>;
  };
  const store = services.store as unknown as Internals;
  const variants: Record<'sequential' | 'oneWrite', Internals['storeTokenValue']> = {
    async sequential(userId, tokenId, value) {
      const written = await store.write(`value:${tokenId}`, value);
      if (!written.stored) return written as { stored: false; reason: string };
      const [readBack] = await Promise.all([store.getTokenValue(tokenId), store.updateIndex(userId, (ids) => ids.add(tokenId))]);
      if (readBack !== value) return { stored: false, reason: 'read-back mismatch' };
      return { stored: true };
    },
    async oneWrite(userId, tokenId, value) {
      const written = await store.write(`value:${tokenId}`, value);
      if (!written.stored) return written as { stored: false; reason: string };
      void store.updateIndex(userId, (ids) => ids.add(tokenId));
      return { stored: true };
    },
  };
  const samples = { current: [] as number[], sequential: [] as number[], oneWrite: [] as number[], bare: [] as number[] };
  const runs: [keyof typeof samples, (name: string) => Promise<{ ms: number; id: string }>][] = [
    ['current', (name) => extensionCreate(services, name)],
    ['sequential', (name) => withStoreVariant(store, variants.sequential, () => extensionCreate(services, name))],
    ['oneWrite', (name) => withStoreVariant(store, variants.oneWrite, () => extensionCreate(services, name))],
    ['bare', (name) => bare.create(name)],
  ];
  const iterations = Math.max(4, Math.round(config.createPairs * 0.375));
  for (let i = 0; i < iterations; i++) {
    const cleanup: (() => Promise<void>)[] = [];
    for (let k = 0; k < runs.length; k++) {
      const [label, run] = runs[(i + k) % runs.length];
      const { ms, id } = await run(`bench-whatif-${label}-${i}`);
      samples[label].push(ms);
      cleanup.push(label === 'bare' ? () => bare.delete(id) : () => extensionDelete(id));
      await settle(config.settleMs);
    }
    for (const step of cleanup) await step();
    // Each create leaves a notification; closed here (untimed) so every sample starts alike.
    await vscode.commands.executeCommand('notifications.clearAll');
    await settle(config.settleMs);
  }
  return samples;
}

type SecretStoreLike = Pick<Services['store'], 'storeTokenValue'>;

async function withStoreVariant<T>(store: SecretStoreLike, variant: SecretStoreLike['storeTokenValue'], run: () => Promise<T>): Promise<T> {
  store.storeTokenValue = variant;
  try {
    return await run();
  } finally {
    delete (store as { storeTokenValue?: unknown }).storeTokenValue;
  }
}

interface SecretsLike {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

async function instrumentedCreate(services: Services, name: string): Promise<CreateBreakdown> {
  const store = services.store as unknown as { secrets: SecretsLike };
  const real = store.secrets;
  const secretOps: CreateBreakdown['secretOps'] = [];
  const requests: CreateBreakdown['requests'] = [];
  const timed =
    <A extends unknown[], R>(op: string, call: (...args: A) => Thenable<R>) =>
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
    const created = await extensionCreate(services, name);
    // Background reads the create set off (SecretStorage change events) land here too.
    await settle(300);
    const breakdown: CreateBreakdown = {
      totalMs: created.ms,
      requests: [...requests],
      secretOps: [...secretOps],
      secretMsTotal: secretOps.reduce((sum, op) => sum + op.ms, 0),
      treeChangeEvents: created.changes,
    };
    await extensionDelete(created.id);
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
  const profile = services.session.profile;
  const storedIds = profile ? (await services.store.storedTokenIds(profile.userId)).size : null;
  return { loggerSecrets, modelTokens: services.model.tokens.length, providerNodes, storedIds };
}

async function measureMemory(config: MainConfig, services: Services): Promise<MainResult['memory']> {
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
      const { id } = await extensionCreate(services, `mem-${done}`);
      await extensionDelete(id);
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

async function measureScale(config: MainConfig, services: Services, fetch: Fetch, notes: string[]): Promise<MainResult['scale']> {
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
    await useApi(services, large, firstLoadPhases);
  } finally {
    unwatch();
  }
  const firstModelLoadMs = performance.now() - loadStarted;
  if (services.model.tokens.length !== large.tokenCount) {
    throw new Error(`bench: the model holds ${services.model.tokens.length} tokens, expected ${large.tokenCount}`);
  }

  const bare = bareClient(fetch, large);
  const client = services.session.client();
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

  // A token with every usual row: expiry, scopes, prefix/suffix.
  const model = services.model;
  const target = nodes.find((node) => model.token(node.tokenId)?.expiresAt != null) ?? nodes[0];
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
 * shipped bundle, readable names) over the extension's live model, under the in-process V8 profiler.
 */
async function profileBuild(services: Services, providerModule: string, file: string): Promise<NonNullable<MainResult['scale']['profile']>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle built at run time, by path
  const { TokenTreeProvider } = require(providerModule) as typeof import('../../src/views/tokenTreeProvider');
  const provider = new TokenTreeProvider(services.model);
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
  const subject = new TokenTreeProvider(services.model);
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
