// The in-process V8 CPU profiler (node:inspector) and a summary of a profile by function.
import { Session } from 'node:inspector';
import type { ProfileEntry } from '../lib/protocol';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts sampling every `intervalUs` microseconds; stop() returns the profile. */
export async function startProfiler(intervalUs: number): Promise<{ stop(): Promise<CpuProfile> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: intervalUs });
    await post('Profiler.start');
  } catch (error) {
    session.disconnect();
    throw error;
  }
  return {
    async stop() {
      try {
        return (await post<{ profile: CpuProfile }>('Profiler.stop')).profile;
      } finally {
        session.disconnect();
      }
    },
  };
}

export function topFunctions(profile: CpuProfile, count: number, keepSpecial = false): ProfileEntry[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  // Computed once per node: the recursion check below looks up the key of every ancestor.
  const keys = new Map(
    profile.nodes.map((node) => {
      const file = node.callFrame.url.replace(/^.*\/(out|dist|node_modules|variants)\//, '$1/');
      return [node.id, `${node.callFrame.functionName || '(anonymous)'}\u0000${file}:${node.callFrame.lineNumber + 1}`];
    }),
  );
  const inclusive = new Map<number, number>();
  const inclusiveOf = (node: CpuProfileNode): number => {
    let total = selfUs.get(node.id) ?? 0;
    for (const child of node.children ?? []) total += inclusiveOf(byId.get(child)!);
    inclusive.set(node.id, total);
    return total;
  };
  const root = profile.nodes.find((node) => !parent.has(node.id));
  if (root) inclusiveOf(root);
  const entries = new Map<string, { self: number; total: number }>();
  for (const node of profile.nodes) {
    const key = keys.get(node.id)!;
    const entry = entries.get(key) ?? { self: 0, total: 0 };
    entry.self += selfUs.get(node.id) ?? 0;
    // Inclusive time counts a function once per stack, not again under its own recursion.
    let ancestor = parent.get(node.id);
    let recursive = false;
    for (; ancestor !== undefined && !recursive; ancestor = parent.get(ancestor)) recursive = keys.get(ancestor) === key;
    if (!recursive) entry.total += inclusive.get(node.id) ?? 0;
    entries.set(key, entry);
  }
  return [...entries.entries()]
    .map(([key, { self, total }]) => {
      const [functionName, location] = key.split('\u0000');
      return { functionName, location, selfMs: self / 1000, totalMs: total / 1000 };
    })
    .filter((entry) => entry.functionName !== '(root)' && (keepSpecial || !['(program)', '(idle)'].includes(entry.functionName)))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count);
}

/** Writes a V8 heap snapshot of this process (after the caller's GC) to `file`. */
export async function writeHeapSnapshot(file: string): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(file);
  const session = new Session();
  session.connect();
  try {
    session.on('HeapProfiler.addHeapSnapshotChunk', (message) => out.write(message.params.chunk));
    await new Promise<void>((resolve, reject) =>
      session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    session.disconnect();
    await new Promise<void>((resolve) => out.end(resolve));
  }
}
