// Assembles PNG frames of one size into an animated PNG (APNG) with node alone: the README's short
// capture of create → copy, whose frames the e2e run takes in the real VS Code. The frames' pixel
// data is kept as it is (no re-encoding): the first frame's IDAT is the default image, the others
// become fdAT chunks, each frame preceded by its fcTL.
//
//   node scripts/apng.mjs OUT.png DELAY_MS FRAME.png…   (the last frame is shown three times as long)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chunk } from './pngChunk.mjs';

export const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a PNG file, in order: `{ type, data }`. */
export function pngChunks(file) {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const chunks = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    chunks.push({ type: file.toString('ascii', at + 4, at + 8), data: file.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

function uint32(...values) {
  const buffer = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => buffer.writeUInt32BE(value, 4 * i));
  return buffer;
}

/**
 * frames: PNG files (Buffers) with the same IHDR; delaysMs: one per frame. Plays forever.
 * Chunks before the first IDAT other than IHDR (sRGB, gAMA, a palette…) come from the first frame;
 * frames whose IHDR, PLTE or tRNS differs are refused, since they would be decoded with frame 1's.
 */
export function assembleApng(frames, delaysMs) {
  if (frames.length === 0) throw new Error('no frames');
  if (delaysMs.length !== frames.length) throw new Error('one delay per frame');
  const parsed = frames.map(pngChunks);
  const header = parsed[0].find((c) => c.type === 'IHDR');
  if (!header) throw new Error('frame 1 has no IHDR');
  parsed.forEach((chunks, i) => {
    const ihdr = chunks.find((c) => c.type === 'IHDR');
    if (!ihdr || !ihdr.data.equals(header.data)) throw new Error(`frame ${i + 1} differs in size or pixel format from frame 1`);
  });
  // Only frame 1's palette and transparency are written, so a frame with others would show wrong colours.
  const paletteOf = (chunks) => ['PLTE', 'tRNS'].map((type) => chunks.slice(0, chunks.findIndex((c) => c.type === 'IDAT')).find((c) => c.type === type)?.data);
  const palette = paletteOf(parsed[0]);
  parsed.forEach((chunks, i) => {
    paletteOf(chunks).forEach((data, j) => {
      const first = palette[j];
      if ((data === undefined) !== (first === undefined) || (data && first && !data.equals(first))) {
        throw new Error(`frame ${i + 1} has another ${['PLTE', 'tRNS'][j]} chunk than frame 1 (its palette or transparency differs)`);
      }
    });
  });
  const width = header.data.readUInt32BE(0);
  const height = header.data.readUInt32BE(4);
  const firstIdat = parsed[0].findIndex((c) => c.type === 'IDAT');
  const before = parsed[0].slice(0, firstIdat).filter((c) => !['IHDR', 'acTL', 'fcTL'].includes(c.type));
  const out = [SIGNATURE, chunk('IHDR', header.data), chunk('acTL', uint32(frames.length, 0)), ...before.map((c) => chunk(c.type, c.data))];
  let sequence = 0;
  parsed.forEach((chunks, i) => {
    const delay = Math.max(0, Math.min(0xffff, Math.round(delaysMs[i])));
    // Whole frame at 0,0; delay as delay/1000 s; dispose none, blend source: each frame replaces the last.
    const fcTL = Buffer.concat([uint32(sequence++, width, height, 0, 0), Buffer.from([delay >> 8, delay & 0xff, 0x03, 0xe8, 0, 0])]);
    out.push(chunk('fcTL', fcTL));
    const data = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
    out.push(i === 0 ? chunk('IDAT', data) : chunk('fdAT', Buffer.concat([uint32(sequence++), data])));
  });
  out.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [output, delay, ...inputs] = process.argv.slice(2);
  if (!output || !Number(delay) || inputs.length === 0) {
    console.error('usage: node scripts/apng.mjs OUT.png DELAY_MS FRAME.png…');
    process.exit(2);
  }
  const delays = inputs.map((_, i) => Number(delay) * (i === inputs.length - 1 ? 3 : 1));
  const apng = assembleApng(inputs.map((file) => readFileSync(file)), delays);
  writeFileSync(output, apng);
  console.log(`${output}: ${inputs.length} frames, ${(apng.length / 1024).toFixed(1)} KB`);
}
