// Makes the walkthrough's images (media/walkthrough/) from the e2e screenshots (docs/screenshots/),
// which the VSIX does not ship: each is cropped to the part its step is about, and stored with a
// palette of at most 256 colours, so that the four keep the VSIX small. `npm run screenshots` runs
// it after refreshing the screenshots; the manifest test checks that the committed files are what
// it makes. No image tools are needed: PNG is read and written here with node's zlib.
//
//   node scripts/walkthrough-images.mjs [output folder]   (default media/walkthrough)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import { chunk } from './pngChunk.mjs';

/** Each step's screenshot and the part of it (x, y, width, height in pixels) the step is about. */
export const IMAGES = [
  // The sign-in box over the view's welcome.
  { name: '02-sign-in', crop: { x: 0, y: 0, width: 944, height: 176 } },
  // The name box over the token list.
  { name: '03-create-step1', crop: { x: 0, y: 0, width: 944, height: 136 } },
  // A new token's context menu in the view, with room for all its items.
  { name: '06-context-menu', crop: { x: 0, y: 36, width: 648, height: 324 } },
  // The view's rows in the colours of their state, and the badge on the Vercel icon.
  { name: '09-badge', crop: { x: 0, y: 36, width: 648, height: 324 } },
];

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads an 8-bit RGB or RGBA, non-interlaced PNG (what the e2e screenshots are) as RGB pixels. */
export function readPng(file) {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const data = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('ascii', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [bitDepth, colourType, , , interlace] = body.subarray(8);
      if (bitDepth !== 8 || ![2, 6].includes(colourType) || interlace !== 0) throw new Error('only 8-bit RGB or RGBA, non-interlaced');
      channels = colourType === 2 ? 3 : 4;
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const previous = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? out[i - channels] : 0;
      const up = previous[i];
      const upLeft = i >= channels ? previous[i - channels] : 0;
      out[i] = (line[i] + [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]) & 0xff;
    }
  }
  const rgb = Buffer.alloc(width * height * 3);
  for (let p = 0; p < width * height; p++) rows.copy(rgb, p * 3, p * channels, p * channels + 3);
  return { width, height, rgb };
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function crop({ width, rgb }, { x, y, width: w, height: h }) {
  const out = Buffer.alloc(w * h * 3);
  for (let row = 0; row < h; row++) rgb.copy(out, row * w * 3, ((y + row) * width + x) * 3, ((y + row) * width + x + w) * 3);
  return { width: w, height: h, rgb: out };
}

/**
 * The 256 most frequent colours; any other is drawn as the nearest of them. A screenshot of VS Code
 * is mostly flat colours, and its anti-aliased text needs few more.
 */
function toPalette({ width, height, rgb }) {
  const counts = new Map();
  for (let p = 0; p < width * height; p++) {
    const colour = rgb.readUIntBE(p * 3, 3);
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  // Ties broken by the colour itself, so the same screenshot always gives the same file.
  const palette = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 256).map(([colour]) => colour);
  const index = new Map(palette.map((colour, i) => [colour, i]));
  const nearest = (colour) => {
    let best = 0;
    let bestDistance = Infinity;
    palette.forEach((candidate, i) => {
      const distance = ((colour >> 16) - (candidate >> 16)) ** 2 + (((colour >> 8) & 0xff) - ((candidate >> 8) & 0xff)) ** 2 + ((colour & 0xff) - (candidate & 0xff)) ** 2;
      if (distance < bestDistance) [best, bestDistance] = [i, distance];
    });
    index.set(colour, best);
    return best;
  };
  const indices = Buffer.alloc(width * height);
  for (let p = 0; p < width * height; p++) {
    const colour = rgb.readUIntBE(p * 3, 3);
    indices[p] = index.get(colour) ?? nearest(colour);
  }
  return { width, height, palette, indices };
}

/** An 8-bit indexed-colour PNG; every row unfiltered, which suits indices best. */
function writeIndexedPng({ width, height, palette, indices }) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((colour, i) => plte.writeUIntBE(colour, i * 3, 3));
  const rows = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) indices.copy(rows, y * (width + 1) + 1, y * width, (y + 1) * width);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', plte), chunk('IDAT', deflateSync(rows, { level: 9, memLevel: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The walkthrough image made from one screenshot file. */
export function walkthroughImage(screenshot, region) {
  return writeIndexedPng(toPalette(crop(readPng(screenshot), region)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const output = process.argv[2] ?? join(root, 'media', 'walkthrough');
  mkdirSync(output, { recursive: true });
  for (const { name, crop: region } of IMAGES) {
    const file = walkthroughImage(readFileSync(join(root, 'docs', 'screenshots', `${name}.png`)), region);
    writeFileSync(join(output, `${name}.png`), file);
    console.log(`${join(output, `${name}.png`)}: ${region.width}×${region.height}, ${file.length} bytes`);
  }
}
