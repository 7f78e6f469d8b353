// package.json as VS Code shows it: every `%key%` string replaced by its English text from
// package.nls.json (VS Code's own rule: a whole string of that form, anywhere in the manifest).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const NLS_PLACEHOLDER = /^%([\w.-]+)%$/;

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** `value` with every `%key%` string replaced; calls `missing` for keys `messages` lacks. */
export function resolveNls<T>(value: T, messages: Record<string, string>, missing: (key: string) => void = () => {}): T {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const key = NLS_PLACEHOLDER.exec(node)?.[1];
      if (key === undefined) return node;
      if (!Object.hasOwn(messages, key)) {
        missing(key);
        return node;
      }
      return messages[key];
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([name, inner]) => [name, visit(inner)]));
    return node;
  };
  return visit(value) as T;
}

/** The repository's package.json with its English strings in place. */
export function resolvedManifest(root: string): any {
  return resolveNls(readJson(join(root, 'package.json')), readJson<Record<string, string>>(join(root, 'package.nls.json')));
}
