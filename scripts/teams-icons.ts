// Draws the Teams app icons into appPackage/: color.png (192×192, the symbol in white on the accent
// colour) and outline.png (32×32, the symbol in white on transparent), as Teams requires.
// The symbol is two opposed arrows, a switch. PNGs are written by hand with node:zlib: no image library.
//
//   npx tsx scripts/teams-icons.ts

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

/** Is the point (x, y), both in 0..1, on the symbol? `weight` thickens it for the small outline icon. */
function onSymbol(x: number, y: number, weight: number): boolean {
  const half = 0.035 * weight;
  // Upper arrow, pointing right.
  const upper = 0.38;
  if (x >= 0.2 && x <= 0.62 && Math.abs(y - upper) <= half) return true;
  if (x >= 0.6 && x <= 0.8 && Math.abs(y - upper) <= (0.8 - x) * (0.6 + 0.1 * weight)) return true;
  // Lower arrow, pointing left.
  const lower = 0.62;
  if (x >= 0.38 && x <= 0.8 && Math.abs(y - lower) <= half) return true;
  if (x >= 0.2 && x <= 0.4 && Math.abs(y - lower) <= (x - 0.2) * (0.6 + 0.1 * weight)) return true;
  return false;
}

/** The share of a pixel the symbol covers, from 4×4 samples: smooth edges without a rasteriser. */
function coverage(px: number, py: number, size: number, weight: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (onSymbol((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size, weight)) hits++;
  return hits / 16;
}

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method variants, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ACCENT: Rgba = [0x2f, 0x55, 0x97, 255];
const mix = (a: number, b: number, share: number) => Math.round(a + (b - a) * share);

export function colorIcon(): Buffer {
  return png(192, (x, y) => {
    const share = coverage(x, y, 192, 1);
    return [mix(ACCENT[0], 255, share), mix(ACCENT[1], 255, share), mix(ACCENT[2], 255, share), 255];
  });
}

export function outlineIcon(): Buffer {
  return png(32, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, 32, 1.6))]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  console.log('appPackage/color.png (192×192) and appPackage/outline.png (32×32) written');
}
