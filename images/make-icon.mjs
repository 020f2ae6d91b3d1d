// Draws images/icon.png (128×128): a lens over lines of text, on the extension's navy. Written by hand because it
// is a few shapes; 4×4 supersampling gives smooth edges. Run: node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128, SS = 4;
const navy = [31, 58, 95], paper = [236, 241, 247], gold = [242, 184, 75], line = [150, 170, 196];

function colourAt(x, y) {
  // Rounded square background (corner radius 22).
  const r = 22, cx = Math.min(Math.max(x, r), N - r), cy = Math.min(Math.max(y, r), N - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  // Lens: ring centred at (56,56), handle towards the bottom right.
  const d = Math.hypot(x - 56, y - 56);
  if (d >= 28 && d <= 36) return gold;
  const t = ((x - 80) + (y - 80)) / 2, off = Math.abs((x - 80) - (y - 80)) / Math.SQRT2;
  if (t >= 0 && t <= 30 && off <= 7) return gold;
  // Text lines visible through the lens (and faintly outside it).
  const inLens = d < 28;
  for (const ly of [40, 52, 64, 76]) {
    const len = ly === 76 ? 26 : 40;
    if (Math.abs(y - ly) <= 2.5 && x >= 36 && x <= 36 + len) return inLens ? paper : line;
  }
  return inLens ? [45, 84, 134] : navy;
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < SS; i++)
      for (let j = 0; j < SS; j++) {
        const c = colourAt(x + (i + 0.5) / SS, y + (j + 0.5) / SS);
        if (c) { acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255; }
      }
    const k = y * (N * 4 + 1) + 1 + x * 4, n = acc[3] / 255;
    raw[k] = n ? Math.round(acc[0] / n) : 0;
    raw[k + 1] = n ? Math.round(acc[1] / n) : 0;
    raw[k + 2] = n ? Math.round(acc[2] / n) : 0;
    raw[k + 3] = Math.round(acc[3] / (SS * SS));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4), crc = Buffer.alloc(4), td = Buffer.concat([Buffer.from(type), data]);
  len.writeUInt32BE(data.length);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
