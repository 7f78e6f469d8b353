// The secret search of the hygiene run (test/hygiene/scan.ts) and the decoders of Chromium's
// storage formats it relies on (test/hygiene/chromiumStorage.ts), on hand-built files: each file
// hides a value in a way only the decoder under test undoes (asserted before searching).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { decodeChromiumStorage, readLevelDbLog, readLevelDbTable, snappyDecompress } from '../../hygiene/chromiumStorage';
import { scanForSecrets, type Finding, type Secret } from '../../hygiene/scan';

const SECRET: Secret = { label: 'a token', value: 'vcp_9fK2mQ7xLw4tR8nB3zY6pH1d' };
const OTHER: Secret = { label: 'another token', value: 'vca_Zr5Tq8Wm2Kx7Pn4Bv1Lc6Hd3' };

const root = mkdtempSync(join(tmpdir(), 'hygiene-scan-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** Writes `files` (relative path → content) into a fresh folder and returns the folder. */
function writeFiles(files: Record<string, Buffer>): string {
  const folder = join(root, String(folders++));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

/** The findings in `folder`, as `file: label (encoding via)`, sorted. */
function places(folder: string, secrets: Secret[] = [SECRET]): string[] {
  return scanForSecrets([folder], secrets)
    .findings.map((finding: Finding) => `${finding.file}: ${finding.label} (${finding.encoding}${finding.via ? ` via ${finding.via}` : ''})`)
    .sort();
}

function assertHidden(content: Buffer, value: string): void {
  assert.ok(!content.includes(Buffer.from(value, 'utf8')), 'the value is in the raw bytes as UTF-8');
  assert.ok(!content.includes(Buffer.from(value, 'utf16le')), 'the value is in the raw bytes as UTF-16LE');
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  for (; value >= 0x80; value = Math.floor(value / 128)) bytes.push((value % 128) | 0x80);
  bytes.push(value);
  return Buffer.from(bytes);
}

/** A minimal Snappy compressor (test only): literals, and copies wherever 4 bytes repeat. */
function snappyCompress(input: Buffer): { compressed: Buffer; copies: number } {
  const parts: Buffer[] = [varint(input.length)];
  const lastSeen = new Map<number, number>();
  let literalStart = 0;
  let copies = 0;
  const emitLiteral = (end: number) => {
    const lengthMinusOne = end - literalStart - 1;
    if (lengthMinusOne < 0) return;
    if (lengthMinusOne < 60) {
      parts.push(Buffer.from([lengthMinusOne << 2]));
    } else {
      const lengthBytes = lengthMinusOne < 0x100 ? 1 : lengthMinusOne < 0x10000 ? 2 : lengthMinusOne < 0x1000000 ? 3 : 4;
      const header = Buffer.alloc(1 + lengthBytes);
      header[0] = (59 + lengthBytes) << 2;
      header.writeUIntLE(lengthMinusOne, 1, lengthBytes);
      parts.push(header);
    }
    parts.push(input.subarray(literalStart, end));
  };
  let pos = 0;
  while (pos + 4 <= input.length) {
    const key = input.readUInt32LE(pos);
    const earlier = lastSeen.get(key);
    lastSeen.set(key, pos);
    if (earlier === undefined || pos - earlier > 0xffff) {
      pos++;
      continue;
    }
    emitLiteral(pos);
    let length = 4;
    while (pos + length < input.length && input[earlier + length] === input[pos + length]) length++;
    for (let left = length; left > 0; left -= 64) {
      const chunk = Math.min(left, 64);
      const copy = Buffer.from([((chunk - 1) << 2) | 2, 0, 0]); // copy with a 2-byte offset
      copy.writeUInt16LE(pos - earlier, 1);
      parts.push(copy);
      copies++;
    }
    pos += length;
    literalStart = pos;
  }
  emitLiteral(input.length);
  return { compressed: Buffer.concat(parts), copies };
}

/** Text with `value` in it twice, the first time cut short: compressed, the second becomes a copy plus a literal. */
function textWith(value: string, filler = 'lorem ipsum dolor sit amet '): string {
  return `${filler.repeat(3)}${value.slice(0, 12)} ${filler.repeat(2)}${value}\n${filler}`;
}

/** An IndexedDB value as Blink stores it when compressed: ff 11 02, then Snappy. */
function compressedIndexedDbValue(payload: Buffer): Buffer {
  const { compressed, copies } = snappyCompress(payload);
  assert.ok(copies > 0, 'the test compressor emitted copies');
  return Buffer.concat([Buffer.from([0xff, 0x11, 0x02]), compressed]);
}

const LOG_BLOCK_SIZE = 32 * 1024;
const LOG_HEADER_SIZE = 7;
const [FULL, FIRST, MIDDLE, LAST] = [1, 2, 3, 4];

/** A LevelDB log holding `records`, written as LevelDB's log::Writer does (checksums made up: not checked). */
function levelDbLog(records: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  let blockOffset = 0;
  for (const record of records) {
    let left = record;
    let first = true;
    do {
      if (LOG_BLOCK_SIZE - blockOffset < LOG_HEADER_SIZE) {
        parts.push(Buffer.alloc(LOG_BLOCK_SIZE - blockOffset)); // zero padding
        blockOffset = 0;
      }
      const fragment = left.subarray(0, LOG_BLOCK_SIZE - blockOffset - LOG_HEADER_SIZE);
      left = left.subarray(fragment.length);
      const last = left.length === 0;
      const header = Buffer.alloc(LOG_HEADER_SIZE, 0xc5);
      header.writeUInt16LE(fragment.length, 4);
      header[6] = first && last ? FULL : first ? FIRST : last ? LAST : MIDDLE;
      parts.push(header, fragment);
      blockOffset += LOG_HEADER_SIZE + fragment.length;
      first = false;
    } while (left.length > 0);
  }
  return Buffer.concat(parts);
}

/** A LevelDB table block: entries with unshared keys, one restart point. */
function tableBlock(entries: [key: string, value: Buffer][]): Buffer {
  const restarts = Buffer.alloc(8); // restart offset 0, 1 restart
  restarts.writeUInt32LE(1, 4);
  return Buffer.concat([
    ...entries.flatMap(([key, value]) => [varint(0), varint(key.length), varint(value.length), Buffer.from(key), value]),
    restarts,
  ]);
}

/** A LevelDB table: a data block per entry (Snappy-compressed or not), the index block compressed. */
function levelDbTable(dataBlocks: { entries: [string, Buffer][]; compressed: boolean }[]): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const write = (block: Buffer, compressed: boolean): Buffer => {
    const stored = compressed ? snappyCompress(block).compressed : block;
    const handle = Buffer.concat([varint(size), varint(stored.length)]);
    parts.push(stored, Buffer.from([compressed ? 1 : 0, 0, 0, 0, 0])); // compression type, checksum
    size += stored.length + 5;
    return handle;
  };
  const indexEntries = dataBlocks.map(({ entries, compressed }, i): [string, Buffer] => [`k${i}`, write(tableBlock(entries), compressed)]);
  const metaindexHandle = write(tableBlock([]), false);
  const indexHandle = write(tableBlock(indexEntries), true);
  const footer = Buffer.alloc(48);
  Buffer.concat([metaindexHandle, indexHandle]).copy(footer);
  Buffer.from('57fb808b247547db', 'hex').copy(footer, 40);
  return Buffer.concat([...parts, footer]);
}

/** Deterministic bytes, so a failure reproduces. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('snappyDecompress', () => {
  const stream = (...parts: (number[] | string | Buffer)[]) =>
    Buffer.concat(parts.map((part) => (Array.isArray(part) ? Buffer.from(part) : Buffer.from(part))));
  const decoded = (input: Buffer, start?: number) => snappyDecompress(input, start)?.toString('latin1');

  test('literals, short and with 1- and 2-byte lengths', () => {
    assert.equal(decoded(stream([5, 4 << 2], 'hello')), 'hello');
    const hundred = 'x'.repeat(99) + 'y';
    assert.equal(decoded(stream([100, 60 << 2, 99], hundred)), hundred);
    const long = 'z'.repeat(299) + 'w';
    assert.equal(decoded(stream(varint(300), [61 << 2, 299 & 0xff, 299 >> 8], long)), long);
  });

  test('copies with 1-, 2- and 4-byte offsets', () => {
    // copy-1: length 4 + 0, offset 4
    assert.equal(decoded(stream([8, 3 << 2], 'abcd', [0b000_000_01, 4])), 'abcdabcd');
    // copy-1 with the offset's high bits in the tag: 300 literal bytes, then length 6 from offset 300
    const start = 'q'.repeat(6) + 'r'.repeat(294);
    assert.equal(decoded(stream(varint(306), [61 << 2, 299 & 0xff, 299 >> 8], start, [(1 << 5) | (2 << 2) | 1, 300 & 0xff])), start + 'qqqqqq');
    // copy-2: length 12, offset 12
    assert.equal(decoded(stream([24, 11 << 2], 'hello world ', [(11 << 2) | 2, 12, 0])), 'hello world hello world ');
    // copy-4: length 3, offset 5
    assert.equal(decoded(stream([8, 4 << 2], 'abcde', [(2 << 2) | 3, 5, 0, 0, 0])), 'abcdeabc');
  });

  test('overlapping copies repeat what they produce', () => {
    assert.equal(decoded(stream([8, 1 << 2], 'ab', [(2 << 2) | 1, 2])), 'abababab');
    assert.equal(decoded(stream([8, 0], 'a', [(6 << 2) | 2, 1, 0])), 'aaaaaaaa');
  });

  test('starts where told and ignores what follows the declared length', () => {
    assert.equal(decoded(stream('junk', [5, 4 << 2], 'hello', 'more junk'), 4), 'hello');
    assert.equal(decoded(stream([0])), '');
  });

  test('gives undefined for malformed streams', () => {
    const malformed: [string, Buffer][] = [
      ['offset 0', stream([8, 3 << 2], 'abcd', [1, 0])],
      ['offset past the output', stream([8, 3 << 2], 'abcd', [1, 5])],
      ['copy-2 offset past the output', stream([8, 3 << 2], 'abcd', [(3 << 2) | 2, 9, 0])],
      ['truncated literal', stream([10, 9 << 2], 'abc')],
      ['truncated literal length', stream([100, 61 << 2, 99])],
      ['truncated copy offset', stream([8, 3 << 2], 'abcd', [(3 << 2) | 2, 4])],
      ['fewer bytes than declared', stream([10, 4 << 2], 'hello')],
      ['more bytes than declared', stream([3, 4 << 2], 'hello')],
      ['a copy past the declared length', stream([6, 3 << 2], 'abcd', [1, 4])],
      ['a length varint over 5 bytes', stream([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
      ['no length', Buffer.alloc(0)],
    ];
    for (const [what, input] of malformed) assert.equal(snappyDecompress(input), undefined, what);
  });

  test('refuses a declared length over the limit, and every cut-short stream', () => {
    const payload = Buffer.from(textWith(SECRET.value).repeat(20));
    const { compressed } = snappyCompress(payload);
    assert.deepEqual(snappyDecompress(compressed), payload);
    assert.equal(snappyDecompress(compressed, 0, payload.length - 1), undefined);
    for (let length = 0; length < compressed.length; length++) assert.equal(snappyDecompress(compressed.subarray(0, length)), undefined, `cut at ${length}`);
  });
});

describe('scanForSecrets', () => {
  test('finds values in plain UTF-8 and UTF-16LE, once per file, nothing decoded', () => {
    const folder = writeFiles({
      'logs/main.log': Buffer.from(`line\n${SECRET.value}\n${SECRET.value}\n`),
      'state/store.sqlite': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`{"v":"${SECRET.value}"}`, 'utf16le')]),
      'other.txt': Buffer.from('nothing here'),
    });
    const report = scanForSecrets([folder], [SECRET, OTHER]);
    assert.deepEqual(report.findings, [
      { root: folder, file: 'logs/main.log', label: SECRET.label, encoding: 'utf8' },
      { root: folder, file: 'state/store.sqlite', label: SECRET.label, encoding: 'utf16le' },
    ]);
    assert.equal(report.files, 3);
    assert.equal(report.decodedBytes, 0);
  });

  test('finds a value in an IndexedDB value compressed with Snappy, as UTF-8 and UTF-16LE', () => {
    const prefix = Buffer.from([0x00, 0x07, 0x01, 0x01]); // stands for what LevelDB or Blink puts before the value
    const utf8 = Buffer.concat([prefix, compressedIndexedDbValue(Buffer.from(textWith(SECRET.value)))]);
    const utf16 = compressedIndexedDbValue(Buffer.from(textWith(OTHER.value), 'utf16le'));
    assertHidden(utf8, SECRET.value);
    assertHidden(utf16, OTHER.value);
    const folder = writeFiles({ 'IndexedDB/x.indexeddb.blob/1/00/3': utf8, 'IndexedDB/x.indexeddb.blob/1/00/4': utf16 });
    assert.deepEqual(places(folder, [SECRET, OTHER]), [
      'IndexedDB/x.indexeddb.blob/1/00/3: a token (utf8 via snappy)',
      'IndexedDB/x.indexeddb.blob/1/00/4: another token (utf16le via snappy)',
    ]);
  });

  test('decodes no more than the limit per file', () => {
    const value = compressedIndexedDbValue(Buffer.from(textWith(SECRET.value)));
    const decodedLength = Buffer.byteLength(textWith(SECRET.value));
    assert.equal(decodeChromiumStorage('3', value, decodedLength).length, 1);
    assert.equal(decodeChromiumStorage('3', value, decodedLength - 1).length, 0);
    assert.equal(decodeChromiumStorage('3', Buffer.concat([value, value]), 2 * decodedLength - 1).length, 1);
  });
});

describe('LevelDB logs', () => {
  // Record 1 leaves 3 bytes of block 0 (zero padding); record 2 starts block 1 and has the value
  // across the boundary to block 2, where it ends (FIRST + LAST).
  const firstBlockFiller = Buffer.alloc(LOG_BLOCK_SIZE - LOG_HEADER_SIZE - 3, 'a');
  const cutAt = LOG_BLOCK_SIZE - LOG_HEADER_SIZE - 10;
  const straddling = Buffer.concat([Buffer.alloc(cutAt, 'b'), Buffer.from(SECRET.value), Buffer.alloc(100, 'c')]);

  test('reassembles records cut by block boundaries', () => {
    const records = [Buffer.from('one'), Buffer.alloc(0), firstBlockFiller, straddling, pseudoRandomBytes(70_000, 1), Buffer.from('last')];
    const log = levelDbLog(records);
    assert.deepEqual(readLevelDbLog(log), records);
    // A torn tail (in the last record, in the 70 000-byte one): the records written in full before it.
    assert.deepEqual(readLevelDbLog(log.subarray(0, log.length - 3)), records.slice(0, -1));
    assert.deepEqual(readLevelDbLog(log.subarray(0, log.length - 40_000)), records.slice(0, 4));
    assert.deepEqual(readLevelDbLog(log, { remaining: 10 }), records.slice(0, 2), 'decodes no more than the limit');
  });

  test('finds a value cut by a 32 KiB block boundary', () => {
    const log = levelDbLog([firstBlockFiller, straddling]);
    assert.equal(log[LOG_BLOCK_SIZE - 1], 0, 'block 0 ends with padding');
    assert.equal(log[LOG_BLOCK_SIZE + 6], FIRST);
    assert.equal(log[2 * LOG_BLOCK_SIZE + 6], LAST);
    assertHidden(log, SECRET.value);
    const folder = writeFiles({ 'IndexedDB/x.indexeddb.leveldb/000003.log': log, 'Local Storage/leveldb/000005.log': log });
    assert.deepEqual(places(folder), [
      'IndexedDB/x.indexeddb.leveldb/000003.log: a token (utf8 via leveldb-log)',
      'Local Storage/leveldb/000005.log: a token (utf8 via leveldb-log)',
    ]);
  });

  test('finds a value in a compressed IndexedDB value cut by a block boundary', () => {
    const value = compressedIndexedDbValue(Buffer.from(textWith(SECRET.value, 'the quick brown fox jumps over the lazy dog, ')));
    const record = Buffer.concat([Buffer.alloc(LOG_BLOCK_SIZE - LOG_HEADER_SIZE - 20, 'k'), value]); // the block ends 20 bytes into the value
    const log = levelDbLog([record]);
    assertHidden(log, SECRET.value);
    assert.deepEqual(places(writeFiles({ 'x.leveldb/000003.log': log })), ['x.leveldb/000003.log: a token (utf8 via leveldb-log+snappy)']);
  });
});

describe('LevelDB tables', () => {
  test('finds values in Snappy-compressed data blocks', () => {
    const table = levelDbTable([
      { entries: [['key-a', Buffer.from(textWith(SECRET.value))]], compressed: true },
      { entries: [['key-b', Buffer.from(`plain ${OTHER.value}`)]], compressed: false },
    ]);
    assertHidden(table, SECRET.value);
    assert.equal(readLevelDbTable(table).length, 1, 'one compressed data block');
    assert.equal(readLevelDbTable(table, { remaining: 10 }).length, 0, 'decodes no more than the limit');
    assert.deepEqual(places(writeFiles({ 'x.leveldb/000004.ldb': table, 'Sync Data/LevelDB/000007.sst': table }), [SECRET, OTHER]), [
      'Sync Data/LevelDB/000007.sst: a token (utf8 via leveldb-table)',
      'Sync Data/LevelDB/000007.sst: another token (utf8)',
      'x.leveldb/000004.ldb: a token (utf8 via leveldb-table)',
      'x.leveldb/000004.ldb: another token (utf8)',
    ]);
  });

  test('unwraps compressed IndexedDB values in decompressed blocks', () => {
    const value = compressedIndexedDbValue(Buffer.from(textWith(SECRET.value)));
    const table = levelDbTable([{ entries: [['key', value]], compressed: true }]);
    const decoded = decodeChromiumStorage('x.leveldb/000004.ldb', table);
    assert.ok(decoded.some(({ via, bytes }) => via === 'leveldb-table+snappy' && bytes.includes(SECRET.value)));
  });
});

describe('malformed files', () => {
  test('neither throw nor yield findings', () => {
    const footer = (handles: number[]) => Buffer.concat([Buffer.from(handles), Buffer.alloc(40 - handles.length), Buffer.from('57fb808b247547db', 'hex')]);
    const validTable = levelDbTable([{ entries: [['key', Buffer.from(textWith(OTHER.value))]], compressed: true }]);
    const validLog = levelDbLog([Buffer.from(textWith(OTHER.value)), pseudoRandomBytes(40_000, 2)]);
    const files: Record<string, Buffer> = {
      'db.leveldb/000001.log': pseudoRandomBytes(100_000, 3),
      'db.leveldb/000002.ldb': pseudoRandomBytes(5_000, 4),
      'db.leveldb/000003.sst': Buffer.concat([pseudoRandomBytes(100, 5), footer([0, 0, 100, 200])]), // index past the end
      'db.leveldb/000004.ldb': footer([0, 0, 0, ...Array(9).fill(0x80), 0x01]), // index of 2^63 bytes
      'db.leveldb/000005.ldb': Buffer.concat([Buffer.alloc(4, 0xff), Buffer.alloc(5), footer([0, 0, 0, 4])]), // index: 2^32 - 1 restarts
      'db.leveldb/000006.ldb': Buffer.concat([tableBlock([['k', Buffer.from([0x80, 0x80])]]), Buffer.alloc(5), footer([0, 0, 0, 14])]), // data handle cut short
      'blob/1': Buffer.concat(Array.from({ length: 200 }, (_, i) => Buffer.concat([Buffer.from([0xff, 0x11, 0x02]), pseudoRandomBytes(i, 100 + i)]))),
      'blob/2': Buffer.from([0xff, 0x11, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xf0]), // declares 4 GB
      'blob/3': Buffer.from([0xff, 0x11, 0x02]),
      'logs/000009.log': Buffer.from('2026-01-01 [info] a text log named like a LevelDB log\n'),
    };
    // Valid files with bytes flipped or cut short.
    for (let i = 0; i < 30; i++) {
      const flipped = (valid: Buffer) => {
        const copy = Buffer.from(valid);
        const at = pseudoRandomBytes(4, 200 + i).readUInt32LE(0) % copy.length;
        copy[at] ^= 1 + (i % 255);
        return copy;
      };
      files[`mutated/t${i}.ldb`] = i % 2 ? flipped(validTable) : validTable.subarray(0, Math.floor((validTable.length * i) / 30));
      files[`mutated/${String(i).padStart(6, '0')}.log`] = i % 2 ? flipped(validLog) : validLog.subarray(0, Math.floor((validLog.length * i) / 30));
    }
    const folder = writeFiles(files);
    const report = scanForSecrets([folder], [SECRET]);
    assert.deepEqual(report.findings, []);
    assert.equal(report.files, Object.keys(files).length);
    assert.ok(report.decodedBytes < 10_000_000, `${report.decodedBytes} bytes decoded`);
  });
});
