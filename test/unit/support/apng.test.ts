// scripts/apng.mjs, which makes the README's animated capture of create → copy from the e2e run's
// frames: its output must be an APNG a browser plays (chunk order, sequence numbers, CRCs, frame
// count), with each frame's pixels as they were. Read back here by a parser of this test's own.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const root = join(__dirname, '..', '..', '..', '..');

interface ApngScript {
  assembleApng(frames: Buffer[], delaysMs: number[]): Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunkBytes(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A width×height 8-bit RGB PNG whose every pixel is `rgb`, its IDAT split in two chunks as encoders may do. */
function solidPng(width: number, height: number, rgb: [number, number, number]): { file: Buffer; raw: Buffer } {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(rgb, y * (1 + width * 3) + 1 + x * 3);
  const z = deflateSync(raw);
  const half = Math.floor(z.length / 2);
  const file = Buffer.concat([
    SIGNATURE,
    chunkBytes('IHDR', ihdr),
    chunkBytes('sRGB', Buffer.from([0])),
    chunkBytes('IDAT', z.subarray(0, half)),
    chunkBytes('IDAT', z.subarray(half)),
    chunkBytes('IEND', Buffer.alloc(0)),
  ]);
  return { file, raw };
}

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function readChunks(file: Buffer): Chunk[] {
  assert.ok(file.subarray(0, 8).equals(SIGNATURE), 'PNG signature');
  const chunks: Chunk[] = [];
  let at = 8;
  while (at < file.length) {
    const length = file.readUInt32BE(at);
    const type = file.toString('ascii', at + 4, at + 8);
    const data = file.subarray(at + 8, at + 8 + length);
    const crcOk = file.readUInt32BE(at + 8 + length) === crc32(file.subarray(at + 4, at + 8 + length));
    chunks.push({ type, data, crcOk });
    at += 12 + length;
  }
  assert.equal(at, file.length, 'the last chunk ends where the file ends');
  return chunks;
}

async function script(): Promise<ApngScript> {
  // A computed specifier: the script is plain JavaScript outside the TypeScript project.
  return (await import(pathToFileURL(join(root, 'scripts', 'apng.mjs')).href)) as ApngScript;
}

describe('scripts/apng.mjs', () => {
  test('three frames: IHDR, acTL, the first frame\'s other header chunks, then fcTL+IDAT, fcTL+fdAT, fcTL+fdAT, IEND', async () => {
    const { assembleApng } = await script();
    const frames = [solidPng(5, 3, [255, 0, 0]), solidPng(5, 3, [0, 255, 0]), solidPng(5, 3, [0, 0, 255])];
    const apng = assembleApng(frames.map((frame) => frame.file), [500, 750, 2000]);
    const chunks = readChunks(apng);
    assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'acTL', 'sRGB', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'IEND']);
    for (const c of chunks) assert.ok(c.crcOk, `CRC of ${c.type}`);

    const acTL = chunks[1].data;
    assert.equal(acTL.readUInt32BE(0), 3, 'acTL num_frames');
    assert.equal(acTL.readUInt32BE(4), 0, 'acTL num_plays: forever');
    assert.equal(chunks.filter((c) => c.type === 'fcTL').length, 3, 'one fcTL per frame');

    // Sequence numbers run 0, 1, 2… over fcTL and fdAT together, in file order.
    const sequence = chunks.filter((c) => c.type === 'fcTL' || c.type === 'fdAT').map((c) => c.data.readUInt32BE(0));
    assert.deepEqual(sequence, [0, 1, 2, 3, 4]);

    const fcTLs = chunks.filter((c) => c.type === 'fcTL').map((c) => c.data);
    for (const fcTL of fcTLs) {
      assert.equal(fcTL.length, 26);
      assert.deepEqual([fcTL.readUInt32BE(4), fcTL.readUInt32BE(8), fcTL.readUInt32BE(12), fcTL.readUInt32BE(16)], [5, 3, 0, 0], 'a whole frame at 0,0');
      assert.equal(fcTL.readUInt16BE(22), 1000, 'delay denominator');
    }
    assert.deepEqual(fcTLs.map((fcTL) => fcTL.readUInt16BE(20)), [500, 750, 2000], 'delays in ms');

    // Each frame's pixels are what that frame's PNG held.
    const pixelData = [chunks[4].data, chunks[6].data.subarray(4), chunks[8].data.subarray(4)];
    pixelData.forEach((data, i) => assert.ok(inflateSync(data).equals(frames[i].raw), `pixels of frame ${i + 1}`));
  });

  test('frames of another size are refused', async () => {
    const { assembleApng } = await script();
    assert.throws(() => assembleApng([solidPng(5, 3, [0, 0, 0]).file, solidPng(4, 3, [0, 0, 0]).file], [100, 100]), /frame 2 differs/);
    assert.throws(() => assembleApng([solidPng(5, 3, [0, 0, 0]).file], [100, 100]), /one delay per frame/);
  });
  test('frames whose palette or transparency differs from frame 1\'s are refused: only frame 1\'s is written', async () => {
    const { assembleApng } = await script();
    /** The frame with the `extra` chunks (PLTE, tRNS) inserted after its IHDR. */
    const withChunk = (file: Buffer, ...extra: [string, Buffer][]) => {
      const afterIhdr = 8 + 12 + 13;
      return Buffer.concat([file.subarray(0, afterIhdr), ...extra.map(([type, data]) => chunkBytes(type, data)), file.subarray(afterIhdr)]);
    };
    const frame = () => solidPng(5, 3, [1, 2, 3]).file;
    const red = Buffer.from([255, 0, 0]);
    const blue = Buffer.from([0, 0, 255]);
    const clear = Buffer.from([0, 0, 0, 0, 0, 0]);
    const same = assembleApng([withChunk(frame(), ['PLTE', red]), withChunk(frame(), ['PLTE', red])], [100, 100]);
    assert.deepEqual(readChunks(same).map((c) => c.type).slice(0, 4), ['IHDR', 'acTL', 'PLTE', 'sRGB'], 'the same palette: written once');
    assert.throws(() => assembleApng([withChunk(frame(), ['PLTE', red]), withChunk(frame(), ['PLTE', blue])], [100, 100]), /frame 2 has another PLTE chunk/);
    assert.throws(() => assembleApng([withChunk(frame(), ['PLTE', red]), frame()], [100, 100]), /frame 2 has another PLTE chunk/);
    assert.throws(
      () => assembleApng([frame(), frame(), withChunk(frame(), ['tRNS', clear])], [100, 100, 100]),
      /frame 3 has another tRNS chunk/,
    );
  });
});
