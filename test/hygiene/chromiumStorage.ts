// Decoders for the storage formats a Chromium profile keeps data in, so that the secret search
// (scan.ts) also reads values that are not in the files byte for byte:
// - Snappy, raw format (github.com/google/snappy, format_description.txt);
// - IndexedDB values that Blink compressed: ff 11 02 then a Snappy stream (idb_value_wrapping.cc),
//   inline in LevelDB or in a blob file;
// - LevelDB write-ahead logs (NNNNNN.log): records cut into 32 KiB blocks (doc/log_format.md);
// - LevelDB tables (.ldb, .sst): data blocks compressed with Snappy (doc/table_format.md).
// The files are whatever the browser left, possibly half written: every decoder gives up on
// malformed input (undefined, or what it decoded so far) and never throws.

export type Container = 'leveldb-log' | 'leveldb-table';
/** Where in a file a decoded value was: 'snappy' is a compressed IndexedDB value. */
export type Via = 'snappy' | Container | `${Container}+snappy`;

export interface DecodedContent {
  via: Via;
  bytes: Buffer;
}

/** Per file: a file of stray `ff 11 02` or a crafted table must not exhaust memory. */
export const MAX_DECODED_BYTES = 512 * 1024 * 1024;

interface Budget {
  remaining: number;
}

/** Reads little-endian base-128 varints and byte ranges; undefined past the end. */
class Cursor {
  constructor(
    private readonly data: Buffer,
    public pos: number,
  ) {}

  varint(maxBytes: number): number | undefined {
    let value = 0;
    for (let shift = 0; shift < 7 * maxBytes; shift += 7) {
      if (this.pos >= this.data.length) return undefined;
      const byte = this.data[this.pos++];
      value += (byte & 0x7f) * 2 ** shift; // not `<<`: a 64-bit varint overflows 32-bit ints
      if (byte < 0x80) return value;
    }
    return undefined;
  }

  bytes(length: number): Buffer | undefined {
    if (this.pos + length > this.data.length) return undefined;
    this.pos += length;
    return this.data.subarray(this.pos - length, this.pos);
  }
}

/** By the low 2 bits of a Snappy element's tag: a literal, then copies with a 1-, 2- or 4-byte offset. */
const COPY_OFFSET_BYTES = [0, 1, 2, 4];

/**
 * Decompresses the raw Snappy stream at `input[start]`. Stops once the declared length is reached,
 * so a stream followed by other data (an IndexedDB value inside a LevelDB record) decodes too.
 */
export function snappyDecompress(input: Buffer, start = 0, maxLength = MAX_DECODED_BYTES): Buffer | undefined {
  const cursor = new Cursor(input, start);
  const length = cursor.varint(5);
  if (length === undefined || length > maxLength) return undefined;
  // Grown as needed rather than allocated at the declared length: most stray matches declare
  // some length and fail within a few bytes.
  let output = Buffer.allocUnsafe(Math.min(length, 64 * 1024));
  let out = 0;
  const reserve = (count: number): boolean => {
    if (out + count > length) return false;
    if (out + count > output.length) {
      const grown = Buffer.allocUnsafe(Math.min(length, Math.max(out + count, output.length * 2)));
      output.copy(grown, 0, 0, out);
      output = grown;
    }
    return true;
  };
  while (out < length) {
    const tag = cursor.bytes(1)?.[0];
    if (tag === undefined) return undefined;
    if ((tag & 3) === 0) {
      let literalLength = (tag >> 2) + 1;
      if (literalLength > 60) {
        const lengthBytes = cursor.bytes(literalLength - 60);
        if (!lengthBytes) return undefined;
        literalLength = lengthBytes.readUIntLE(0, lengthBytes.length) + 1;
      }
      const literal = cursor.bytes(literalLength);
      if (!literal || !reserve(literalLength)) return undefined;
      literal.copy(output, out);
      out += literalLength;
      continue;
    }
    const offsetBytes = cursor.bytes(COPY_OFFSET_BYTES[tag & 3]);
    if (!offsetBytes) return undefined;
    const [copyLength, offset] =
      (tag & 3) === 1 // 3 bits of length, 11 of offset
        ? [4 + ((tag >> 2) & 7), ((tag >> 5) << 8) | offsetBytes[0]]
        : [1 + (tag >> 2), offsetBytes.readUIntLE(0, offsetBytes.length)];
    if (offset === 0 || offset > out || !reserve(copyLength)) return undefined;
    // Byte by byte: a copy may overlap the bytes it produces ("ab" + copy(offset 2, length 6)).
    for (let i = 0; i < copyLength; i++, out++) output[out] = output[out - offset];
  }
  return output.subarray(0, out);
}

const IDB_SNAPPY_WRAPPER = Buffer.from([0xff, 0x11, 0x02]); // version tag, "requires processing", "compressed with Snappy"

/** The IndexedDB values Blink stored compressed, wherever they are in `data`. */
function unwrapIndexedDbValues(data: Buffer, budget: Budget): Buffer[] {
  const values: Buffer[] = [];
  for (let at = data.indexOf(IDB_SNAPPY_WRAPPER); at !== -1; at = data.indexOf(IDB_SNAPPY_WRAPPER, at + 1)) {
    const value = snappyDecompress(data, at + IDB_SNAPPY_WRAPPER.length, budget.remaining);
    if (value) {
      values.push(value);
      budget.remaining -= value.length;
    }
  }
  return values;
}

const LOG_BLOCK_SIZE = 32 * 1024;
const LOG_HEADER_SIZE = 7; // checksum (4), length (2), type (1)
const [FULL, FIRST, MIDDLE, LAST] = [1, 2, 3, 4];

/**
 * The logical records of a LevelDB log, fragments joined (a value cut by a block boundary becomes
 * contiguous). Checksums are not verified: a damaged record is still worth searching. Stops at
 * the first malformed header (a torn tail after a crash).
 */
export function readLevelDbLog(log: Buffer, budget: Budget = { remaining: MAX_DECODED_BYTES }): Buffer[] {
  const records: Buffer[] = [];
  let fragments: Buffer[] | undefined;
  const add = (record: Buffer): boolean => {
    if (record.length > budget.remaining) return false;
    budget.remaining -= record.length;
    records.push(record);
    return true;
  };
  for (let blockStart = 0; blockStart < log.length; blockStart += LOG_BLOCK_SIZE) {
    const blockEnd = Math.min(blockStart + LOG_BLOCK_SIZE, log.length);
    // A block tail shorter than a header is zero padding.
    for (let pos = blockStart; blockEnd - pos >= LOG_HEADER_SIZE; ) {
      const length = log.readUInt16LE(pos + 4);
      const type = log[pos + 6];
      const dataEnd = pos + LOG_HEADER_SIZE + length;
      if (type < FULL || type > LAST || dataEnd > blockEnd) return records;
      const data = log.subarray(pos + LOG_HEADER_SIZE, dataEnd);
      pos = dataEnd;
      switch (type) {
        case FULL:
          fragments = undefined;
          if (!add(data)) return records;
          break;
        case FIRST:
          fragments = [data];
          break;
        case MIDDLE:
          fragments?.push(data); // without a FIRST: the record's start is lost, skip it
          break;
        case LAST:
          if (fragments && !add(Buffer.concat([...fragments, data]))) return records;
          fragments = undefined;
          break;
      }
    }
  }
  return records;
}

const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
const TABLE_FOOTER_SIZE = 48;
const BLOCK_TRAILER_SIZE = 5; // compression type (1), checksum (4)
const [NO_COMPRESSION, SNAPPY_COMPRESSION] = [0, 1];

interface BlockHandle {
  offset: number;
  size: number;
}

function readBlockHandle(cursor: Cursor): BlockHandle | undefined {
  const offset = cursor.varint(10);
  const size = cursor.varint(10);
  return offset === undefined || size === undefined ? undefined : { offset, size };
}

/** A table block's contents, decompressed; undefined if malformed or compressed other than with Snappy. */
function readBlock(table: Buffer, { offset, size }: BlockHandle, budget: Budget): { contents: Buffer; decompressed: boolean } | undefined {
  const end = offset + size;
  if (end + BLOCK_TRAILER_SIZE > table.length) return undefined;
  const stored = table.subarray(offset, end);
  if (table[end] === NO_COMPRESSION) return { contents: stored, decompressed: false };
  if (table[end] !== SNAPPY_COMPRESSION) return undefined;
  const contents = snappyDecompress(stored, 0, budget.remaining);
  if (!contents) return undefined;
  budget.remaining -= contents.length;
  return { contents, decompressed: true };
}

/** The values of a block's entries (prefix-compressed keys skipped); undefined if malformed. */
function readBlockValues(block: Buffer): Buffer[] | undefined {
  if (block.length < 4) return undefined;
  const restarts = block.readUInt32LE(block.length - 4);
  const entriesEnd = block.length - 4 - 4 * restarts;
  if (entriesEnd < 0) return undefined;
  const entries = new Cursor(block.subarray(0, entriesEnd), 0);
  const values: Buffer[] = [];
  while (entries.pos < entriesEnd) {
    const shared = entries.varint(5);
    const nonShared = entries.varint(5);
    const valueLength = entries.varint(5);
    if (shared === undefined || nonShared === undefined || valueLength === undefined || !entries.bytes(nonShared)) return undefined;
    const value = entries.bytes(valueLength);
    if (!value) return undefined;
    values.push(value);
  }
  return values;
}

/**
 * The data blocks of a LevelDB table that were stored compressed, decompressed (the others are in
 * the file as they are). Empty if the file is not a table or its index is malformed.
 */
export function readLevelDbTable(table: Buffer, budget: Budget = { remaining: MAX_DECODED_BYTES }): Buffer[] {
  if (table.length < TABLE_FOOTER_SIZE || !table.subarray(-TABLE_MAGIC.length).equals(TABLE_MAGIC)) return [];
  const footer = new Cursor(table, table.length - TABLE_FOOTER_SIZE);
  const metaindexHandle = readBlockHandle(footer);
  const indexHandle = metaindexHandle && readBlockHandle(footer);
  const index = indexHandle && readBlock(table, indexHandle, budget);
  const dataHandles = index && readBlockValues(index.contents);
  if (!dataHandles) return [];
  const blocks: Buffer[] = [];
  for (const encodedHandle of dataHandles) {
    const handle = readBlockHandle(new Cursor(encodedHandle, 0));
    const block = handle && readBlock(table, handle, budget);
    if (block?.decompressed) blocks.push(block.contents);
  }
  return blocks;
}

/**
 * Which LevelDB file `path` is, by the names LevelDB gives its files (000003.log): in any folder,
 * as Chromium's databases are not all in *.leveldb folders (Local Storage/leveldb, Session Storage).
 */
function containerOf(path: string): Container | undefined {
  if (/(^|[\\/])\d+\.log$/.test(path)) return 'leveldb-log';
  if (/\.(ldb|sst)$/.test(path)) return 'leveldb-table';
  return undefined;
}

/**
 * What `content` (the file at `path`) holds in decoded form: the records of a LevelDB log or the
 * decompressed blocks of a table, and the compressed IndexedDB values in the file or in those.
 * Decodes at most `maxDecodedBytes` in all.
 */
export function decodeChromiumStorage(path: string, content: Buffer, maxDecodedBytes = MAX_DECODED_BYTES): DecodedContent[] {
  const budget: Budget = { remaining: maxDecodedBytes };
  const decoded: DecodedContent[] = [];
  const addValuesIn = (data: Buffer, via: Via) => {
    for (const bytes of unwrapIndexedDbValues(data, budget)) decoded.push({ via, bytes });
  };
  addValuesIn(content, 'snappy');
  const container = containerOf(path);
  if (!container) return decoded;
  const parts = container === 'leveldb-log' ? readLevelDbLog(content, budget) : readLevelDbTable(content, budget);
  for (const bytes of parts) {
    decoded.push({ via: container, bytes });
    addValuesIn(bytes, `${container}+snappy`);
  }
  return decoded;
}
