// Searches every regular file under some folders for secret values, as UTF-8 and as UTF-16LE (how
// Chromium's and SQLite's stores may keep text), in the bytes of the file and in what Chromium's
// storage formats hold in decoded form (chromiumStorage.ts): IndexedDB values compressed with
// Snappy (ff 11 02 …, in any file), the records of LevelDB logs (joined across 32 KiB blocks) and
// the Snappy-compressed blocks of LevelDB tables. Symlinks are not followed; sockets and pipes are
// skipped. Used inside the extension host (test/integration/suite/hygiene.test.ts) and after a run
// (test/hygiene/run.ts).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeChromiumStorage, type Via } from './chromiumStorage';

export interface Secret {
  /** What the value is, for reports; never the value itself. */
  label: string;
  value: string;
}

export interface Finding {
  root: string;
  /** Relative to root. */
  file: string;
  label: string;
  encoding: 'utf8' | 'utf16le';
  /** Set when the value was not in the file's bytes as they are but in decoded content. */
  via?: Via;
}

export interface ScanReport {
  files: number;
  bytes: number;
  /** Bytes of decoded content searched besides the files' bytes. */
  decodedBytes: number;
  findings: Finding[];
  /** Files found but not read (too large, unreadable), relative paths with the reason. */
  skipped: string[];
  /** Every file read, relative to its root, prefixed with the root's index ("0:logs/…"). */
  scanned: string[];
}

const MAX_FILE_BYTES = 256 * 1024 * 1024;

export function scanForSecrets(roots: string[], secrets: Secret[], options: { exclude?: (path: string) => boolean } = {}): ScanReport {
  const needles = secrets.flatMap((secret) => [
    { label: secret.label, encoding: 'utf8' as const, bytes: Buffer.from(secret.value, 'utf8') },
    { label: secret.label, encoding: 'utf16le' as const, bytes: Buffer.from(secret.value, 'utf16le') },
  ]);
  const report: ScanReport = { files: 0, bytes: 0, decodedBytes: 0, findings: [], skipped: [], scanned: [] };
  roots.forEach((root, index) => {
    const visit = (path: string): void => {
      if (options.exclude?.(path)) return;
      let stat;
      try {
        stat = lstatSync(path);
      } catch {
        return; // gone meanwhile
      }
      if (stat.isDirectory()) {
        let names: string[] = [];
        try {
          names = readdirSync(path);
        } catch (error) {
          report.skipped.push(`${relative(root, path)}/ (${(error as Error).message})`);
        }
        for (const name of names) visit(join(path, name));
        return;
      }
      if (!stat.isFile()) return;
      const rel = relative(root, path);
      if (stat.size > MAX_FILE_BYTES) {
        report.skipped.push(`${rel} (${stat.size} bytes)`);
        return;
      }
      let content: Buffer;
      try {
        content = readFileSync(path);
      } catch (error) {
        report.skipped.push(`${rel} (${(error as Error).message})`);
        return;
      }
      report.files++;
      report.bytes += content.length;
      report.scanned.push(`${index}:${rel}`);
      const decoded = decodeChromiumStorage(path, content);
      for (const { bytes } of decoded) report.decodedBytes += bytes.length;
      // One finding per value and file: in the file's bytes if there, else where decoded.
      const sources: { via?: Via; bytes: Buffer }[] = [{ bytes: content }, ...decoded];
      for (const needle of needles) {
        const source = sources.find(({ bytes }) => bytes.includes(needle.bytes));
        if (source) report.findings.push({ root, file: rel, label: needle.label, encoding: needle.encoding, ...(source.via && { via: source.via }) });
      }
    };
    visit(root);
  });
  return report;
}

/** How a finding was found, for reports: "utf8" or e.g. "utf16le in leveldb-log+snappy". */
export function describeMatch(finding: Finding): string {
  return finding.via ? `${finding.encoding} in ${finding.via}` : finding.encoding;
}

/** Every file under `root` (relative paths) whose name is `name`. */
export function findFiles(root: string, name: string): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const child of readdirSync(path)) visit(join(path, child));
    } else if (stat.isFile() && path.endsWith(`/${name}`)) {
      found.push(path);
    }
  };
  visit(root);
  return found;
}
