#!/usr/bin/env node
// Writes assets/icon-{16,32,64,80,128}.png: a dark teal rounded square with a light "A" mark
// (aluminium) over a small base bar. Node built-ins only (zlib for deflate); output is deterministic.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.join(__dirname, "..", "assets");
const SS = 4; // supersampling per axis (16 samples per pixel)

const TEAL_TOP = [18, 94, 106]; // #125E6A
const TEAL_BOTTOM = [10, 62, 72]; // #0A3E48
const MARK = [232, 246, 243]; // #E8F6F3

// Shapes in unit coordinates (0..1, y down).
function insideRoundedSquare(x, y) {
  const m = 0.03; // margin
  const r = 0.2; // corner radius
  const lo = m + r;
  const hi = 1 - m - r;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// Strokes of the mark: the two legs and crossbar of an "A", and a base bar (ingot / ground line).
const STROKES = [
  { a: [0.5, 0.2], b: [0.27, 0.7], w: 0.064 },
  { a: [0.5, 0.2], b: [0.73, 0.7], w: 0.064 },
  { a: [0.37, 0.53], b: [0.63, 0.53], w: 0.05 },
  { a: [0.22, 0.81], b: [0.78, 0.81], w: 0.045 },
];

function insideMark(x, y) {
  return STROKES.some((s) => distToSegment(x, y, s.a[0], s.a[1], s.b[0], s.b[1]) <= s.w);
}

function render(size) {
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let mark = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (i + (sx + 0.5) / SS) / size;
          const y = (j + (sy + 0.5) / SS) / size;
          if (insideRoundedSquare(x, y)) {
            bg++;
            if (insideMark(x, y)) mark++;
          }
        }
      }
      const n = SS * SS;
      const t = (j + 0.5) / size;
      const teal = TEAL_TOP.map((c, k) => c + (TEAL_BOTTOM[k] - c) * t);
      const f = bg === 0 ? 0 : mark / bg; // mark share inside the square
      const o = (j * size + i) * 4;
      for (let k = 0; k < 3; k++) px[o + k] = Math.round(teal[k] + (MARK[k] - teal[k]) * f);
      px[o + 3] = Math.round((255 * bg) / n);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // compression, filter, interlace: 0
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) {
    raw[j * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = path.join(OUT_DIR, `icon-${size}.png`);
  const png = encodePng(size, render(size));
  fs.writeFileSync(file, png);
  process.stdout.write(`${path.relative(process.cwd(), file)}  ${size}x${size}  ${png.length} B\n`);
}
