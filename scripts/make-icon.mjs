// Draws the marketplace icon, media/icon.png (128×128 RGBA): Vercel's white triangle on a black
// rounded square, with a black padlock cut out of the triangle. No image tools are needed: each
// shape is a distance function, every pixel is sampled 8×8 times for smooth edges, and the PNG is
// written with node's zlib.
//
//   node scripts/make-icon.mjs [output]   (default media/icon.png)
//
// The activity bar keeps media/vercel.svg: VS Code draws it in the theme's colour there.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chunk } from './pngChunk.mjs';

const SIZE = 128;
const SAMPLES = 8;

/** Signed distance to a rounded rectangle (negative inside). */
function roundedBox(x, y, cx, cy, halfWidth, halfHeight, radius) {
  const qx = Math.abs(x - cx) - halfWidth + radius;
  const qy = Math.abs(y - cy) - halfHeight + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

// An equilateral triangle pointing up, a little below the middle, where it looks centred.
const SIDE = 92;
const APEX = { x: 64, y: 22 };
const BASE_Y = APEX.y + (SIDE * Math.sqrt(3)) / 2;

function inTriangle(x, y) {
  if (y > BASE_Y) return false;
  const halfWidth = ((y - APEX.y) / (BASE_Y - APEX.y)) * (SIDE / 2);
  return Math.abs(x - APEX.x) <= halfWidth;
}

// The padlock: a body, and a shackle that is the upper half of a ring standing on it.
const LOCK = { cx: 64, top: 70, bottom: 92, halfWidth: 14, radius: 4 };
const SHACKLE = { outer: 10, inner: 5.5 };
const KEYHOLE = { cy: 79, radius: 3.5, slotHalfWidth: 1.5, slotBottom: 86 };

function inLock(x, y) {
  const body = roundedBox(x, y, LOCK.cx, (LOCK.top + LOCK.bottom) / 2, LOCK.halfWidth, (LOCK.bottom - LOCK.top) / 2, LOCK.radius);
  if (body <= 0) return !inKeyhole(x, y);
  const fromCentre = Math.hypot(x - LOCK.cx, y - LOCK.top);
  return y <= LOCK.top && fromCentre <= SHACKLE.outer && fromCentre >= SHACKLE.inner;
}

function inKeyhole(x, y) {
  if (Math.hypot(x - LOCK.cx, y - KEYHOLE.cy) <= KEYHOLE.radius) return true;
  return Math.abs(x - LOCK.cx) <= KEYHOLE.slotHalfWidth && y >= KEYHOLE.cy && y <= KEYHOLE.slotBottom;
}

/** Straight (not premultiplied) RGBA rows, as PNG stores them. */
function draw() {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          if (roundedBox(x, y, SIZE / 2, SIZE / 2, SIZE / 2, SIZE / 2, 24) > 0) continue;
          covered++;
          if (inTriangle(x, y) && !inLock(x, y)) white++;
        }
      }
      const at = (py * SIZE + px) * 4;
      const grey = covered ? Math.round((255 * white) / covered) : 0;
      pixels[at] = pixels[at + 1] = pixels[at + 2] = grey;
      pixels[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

function png(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  // 8 bits per channel, colour type 6 (RGBA), deflate, adaptive filtering, no interlace.
  header.set([8, 6, 0, 0, 0], 8);
  // Each row starts with its filter type: 0, none.
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const output = process.argv[2] ?? fileURLToPath(new URL('../media/icon.png', import.meta.url));
const file = png(draw());
writeFileSync(output, file);
console.log(`${output}: ${SIZE}×${SIZE}, ${file.length} bytes`);
