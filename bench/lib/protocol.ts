// What the bench runner (a plain Node process) and the bench module inside the extension host
// exchange: a config file the runner writes into the host's workspace folder, and a result file the
// host writes back. Both sides are compiled from this one file so they cannot drift apart.

/** File name of the config, at the root of the workspace folder the host opens. */
export const CONFIG_FILE = 'bench-config.json';

export interface Endpoint {
  url: string;
  token: string;
}

export interface ActivationConfig {
  phase: 'activation';
  resultPath: string;
  /** Activated in this order, so neither always goes first. */
  order: ActivationTarget[];
  /**
   * Before the first activation: wait at least quietMinMs for the host's own startup work (the
   * workbench, built-in extensions) to pass, then until the CPUs are mostly idle, at most quietMaxMs.
   */
  quietMinMs: number;
  quietMaxMs: number;
  quietMaxBusy: number;
  /**
   * After the activations: require() these modules once each (order alternates per host), to
   * compare the load of bundle variants in the same host at the same moment.
   */
  loadProbes: { label: string; file: string }[];
  /** When set: the extension's activation runs under the CPU profiler (a diagnosis host, not a sample). */
  profilePath?: string;
  /**
   * How the targets are activated. 'api': `getExtension(id).activate()`, one after the other in
   * `order`. 'view': the activity bar container of our view is opened, and VS Code activates every
   * extension listening for `onView:<view>` (ours, and the peer declaring the same event) itself.
   */
  trigger: 'api' | 'view';
  /** With trigger 'view': the view container's id (`workbench.view.extension.<id>` opens it). */
  viewContainer?: string;
  /**
   * Set by the runner (bench/lib/host.ts) when it reads the workbench while the module runs: after
   * the activations the module opens "Developer: Show Running Extensions" and returns from run()
   * only once this file exists (the runner has read the editor; the host stops when run() returns).
   */
  releasePath?: string;
}

export interface ActivationTarget {
  label: 'extension' | 'null';
  id: string;
  /** Absolute path of the module VS Code loads (`main`), to time its loading precisely. */
  main: string;
}

export interface MainConfig {
  phase: 'main';
  resultPath: string;
  extensionId: string;
  /** The stand-in API with a small account, for create/delete and memory. */
  small: Endpoint;
  /** The stand-in API with the large account, for the scale measures. */
  large: Endpoint & { tokenCount: number };
  cli: { node: string; script: string; queueDir: string };
  createPairs: number;
  createWarmup: number;
  /** Every how many create pairs a `vercel tokens add` run is interleaved. */
  cliEvery: number;
  settleMs: number;
  memoryCycles: number;
  memoryBaselineCycles: number;
  memoryCheckpoints: number[];
  listRepeats: number;
  buildRepeats: number;
  expandRepeats: number;
  /** Where the CPU profile of building the root items is written. */
  profilePath: string;
  /** src/views/tokenTreeProvider.ts bundled unminified (readable names), profiled over the live model. */
  providerModule: string;
  /** When set (BENCH_HEAP_SNAPSHOTS=1): a heap snapshot at each memory checkpoint, for bench/tools/heapDiff.ts. */
  heapSnapshotDir?: string;
}

export type BenchConfig = ActivationConfig | MainConfig;

export interface ActivationSample {
  label: 'extension' | 'null';
  /** Position in this host's activation order (0 = first). */
  position: number;
  wasActive: boolean;
  /** `await vscode.extensions.getExtension(id).activate()`, performance.now() around it. */
  apiWallMs: number;
  /** CPU time (user + system) of the extension host process during that call. */
  apiCpuMs: number;
  /** Busy share of the machine's CPUs just before this host's activations (0..1). */
  machineBusy: number | null;
  /** require() of `main`: compiling and running the module (hooked, sub-millisecond). */
  loadMs: number | null;
  /** Part of loadMs: the module's first require('vscode'), where VS Code builds its API object. */
  vscodeApiMs: number | null;
  /** The synchronous `activate(context)` call. */
  callMs: number | null;
  /** From the call's return until its returned value settled (0 for a synchronous activate). */
  resolveMs: number | null;
  /** VS Code's own performance marks (Date.now(), whole milliseconds). */
  vscodeLoadMs: number | null;
  vscodeActivateMs: number | null;
}

export interface ActivationResult {
  phase: 'activation';
  samples: ActivationSample[];
  /** Ids in the order VS Code began loading their code (its willLoadExtensionCode marks). */
  loadOrder: string[];
  /** require() wall time of each load probe, by label. */
  loadProbes: Record<string, number>;
  /** With config.profilePath: the top of the activation's CPU profile, (program) and GC included. */
  profile?: ProfileEntry[];
  nodeVersion: string;
  vscodeVersion: string;
  gcExposed: boolean;
}

export interface HeapCheckpoint {
  cycles: number;
  heapUsed: number;
  heapUsedSamples: number[];
  /** V8 heap spaces' used bytes at the same reading (code and compiled data vs objects). */
  spaces: Record<string, number>;
  counts: CountSnapshot;
}

export interface CountSnapshot {
  loggerSecrets: number | null;
  modelTokens: number;
  providerNodes: number | null;
  storedIds: number | null;
}

export interface MainResult {
  phase: 'main';
  nodeVersion: string;
  vscodeVersion: string;
  gc: 'global.gc' | 'v8-flag' | 'none';
  create: {
    extensionMs: number[];
    bareMs: number[];
    /** extensionMs[i] - bareMs[i] of the same iteration. */
    pairedDiffMs: number[];
    cliMs: number[];
    /** `node -e 0` spawned the same way as the CLI: the part of the CLI time any Node CLI pays. */
    nodeSpawnMs: number[];
    /** One instrumented create (not among the timed samples): where its time goes. */
    breakdown: CreateBreakdown[];
    /** Peers for one SecretStorage call: get of a missing key, store of a scratch key. */
    secretGetMs: number[];
    secretStoreMs: number[];
    /** A bare extension-host → workbench round trip: executeCommand('setContext', …). */
    rpcMs: number[];
    /** Rotate Token (test API, modal answered): replacement created, stored and shown, old one deleted. */
    rotateMs: number[];
    /** In the same iterations: one create and one delete through the test API, one after the other. */
    createDeleteMs: number[];
    /** What-if (bench-patched at run time): shorter SecretStorage sequences, interleaved. */
    whatIf: { current: number[]; sequential: number[]; oneWrite: number[]; bare: number[] } | null;
  };
  memory: {
    checkpoints: HeapCheckpoint[];
    /** The last checkpoint again after `notifications.clearAll` (diagnosis of what holds the growth). */
    afterClearingNotifications: HeapCheckpoint;
    cycleMs: number[];
  };
  scale: {
    tokenCount: number;
    firstModelLoadMs: number;
    /** Requests the extension made from sign-in until its list was loaded, by method and path. */
    firstLoadRequests: Record<string, number>;
    /** Where that time went: sign-out, setting change, sign-in command, until the model was idle. */
    firstLoadPhases: Record<string, number>;
    listMs: number[];
    bareListMs: number[];
    listRequests: number;
    buildMs: number[];
    rootItems: number;
    expandMs: number[];
    expandRows: number;
    /** getTreeItem alone for all root nodes vs getChildren alone (to split build). */
    getChildrenMs: number[];
    getTreeItemMs: number[];
    /** The same build with the provider compiled from src/ (out/src, readable names), under the profiler. */
    profile: {
      sourceBuildMs: number[];
      top: ProfileEntry[];
      file: string;
      /** What-if: the same source build with every tooltip built too (resolveTreeItem per row), interleaved. */
      whatIf: { unchangedMs: number[]; tooltipEagerMs: number[] };
    } | null;
  };
  notes: string[];
}

export interface ProfileEntry {
  functionName: string;
  location: string;
  selfMs: number;
  /** Self time of this function and everything it called (inclusive). */
  totalMs: number;
}

export interface CreateBreakdown {
  totalMs: number;
  requests: { method: string; path: string; durationMs: number }[];
  secretOps: { op: string; key: string; ms: number }[];
  secretMsTotal: number;
  treeChangeEvents: number;
}

export type BenchResult = ActivationResult | MainResult;

/**
 * One row of the "Developer: Show Running Extensions" editor, as the workbench shows it: the
 * extension host's ActivationTimes codeLoadingTime + activateCallTime (Date.now(), whole ms).
 */
export interface RunningExtensionRow {
  /** The extension's id (its display name when the marketplace knows it). */
  name: string;
  /** The text shown, e.g. "Activation: 9ms" or "Startup Activation: 3ms". */
  text: string;
  /** The number in it; null while "Activating...". */
  ms: number | null;
}
