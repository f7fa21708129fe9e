// Draws the extension's icons (crates/wasm/extension/icons/icon-{16,32,48,128}.png): a dark
// teal rounded square with three lines of "text", one marked in the checker page's orange.
// Run once by hand (node crates/wasm/js/make-icons.mjs); the PNGs are committed.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "extension", "icons");
const TEAL = [18, 52, 59], WHITE = [255, 255, 255], ORANGE = [255, 170, 70], RUST = [154, 74, 0];

// The picture on a 128-unit square: [colour, x0, y0, x1, y1, radius], later shapes on top.
const shapes = [
  [TEAL, 0, 0, 128, 128, 26],
  [WHITE, 22, 28, 106, 40, 6],
  [ORANGE, 20, 54, 84, 76, 6],
  [WHITE, 24, 58, 80, 70, 5],
  [RUST, 20, 76, 84, 82, 3],
  [WHITE, 22, 94, 90, 106, 6],
];
function inside(x, y, [, x0, y0, x1, y1, r]) {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

for (const size of [16, 32, 48, 128]) {
  const ss = 4, raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) for (let sx = 0; sx < ss; sx++) {
        const ux = ((x + (sx + 0.5) / ss) * 128) / size, uy = ((y + (sy + 0.5) / ss) * 128) / size;
        let col = null;
        for (const s of shapes) if (inside(ux, uy, s)) col = s[0];
        if (col) { r += col[0]; g += col[1]; b += col[2]; a += 255; }
      }
      const n = ss * ss, o = y * (size * 4 + 1) + 1 + x * 4, cov = a / 255;
      raw[o] = cov ? Math.round(r / cov) : 0; raw[o + 1] = cov ? Math.round(g / cov) : 0;
      raw[o + 2] = cov ? Math.round(b / cov) : 0; raw[o + 3] = Math.round(a / n);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
  writeFileSync(join(out, `icon-${size}.png`), png);
  console.log(`icon-${size}.png ${png.length} bytes`);
}
