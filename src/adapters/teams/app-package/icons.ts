/**
 * Switchboard's placeholder icons, drawn in code (a toggle switch) so the package needs no image
 * tools: color.png (192×192, full colour) and outline.png (32×32, white on transparent), the two
 * Teams requires. `npm run teams:package -- --draw-icons` writes them to teams/; replace them with
 * real artwork of the same sizes at any time.
 */
import { encodePng } from "./png.js";

type Rgba = readonly [number, number, number, number];

const ACCENT: Rgba = [59, 91, 219, 255];
const WHITE: Rgba = [255, 255, 255, 255];
/** Samples per pixel side: smooth edges without an anti-aliasing library. */
const SUPERSAMPLE = 4;

/** Distance from (x, y) to a horizontal capsule centred at (cx, cy); negative inside. */
function capsule(x: number, y: number, cx: number, cy: number, halfLength: number, radius: number): number {
  const dx = Math.max(Math.abs(x - cx) - halfLength, 0);
  return Math.hypot(dx, y - cy) - radius;
}

function circle(x: number, y: number, cx: number, cy: number, radius: number): number {
  return Math.hypot(x - cx, y - cy) - radius;
}

/** Rasterises `paint` (unit coordinates 0–1 → colour or nothing) at `size`, averaging sub-samples. */
function draw(size: number, paint: (x: number, y: number) => Rgba | undefined): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = paint((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      // Colour un-premultiplied by the covered share, alpha by the share of samples covered.
      pixels[i] = a ? Math.round(r / a) : 0;
      pixels[i + 1] = a ? Math.round(g / a) : 0;
      pixels[i + 2] = a ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round((a / n) * 255);
    }
  }
  return encodePng(size, size, pixels);
}

/** 192×192: a white toggle, switched on, on the accent colour. */
export function drawColorIcon(): Buffer {
  return draw(192, (x, y) => {
    if (circle(x, y, 0.66, 0.5, 0.13) <= 0) return ACCENT;
    if (capsule(x, y, 0.5, 0.5, 0.16, 0.19) <= 0) return WHITE;
    return ACCENT;
  });
}

/** 32×32: the toggle's outline and knob in white, the rest transparent. */
export function drawOutlineIcon(): Buffer {
  return draw(32, (x, y) => {
    const d = capsule(x, y, 0.5, 0.5, 0.16, 0.3);
    if (d <= 0 && d >= -0.07) return WHITE;
    if (circle(x, y, 0.66, 0.5, 0.15) <= 0) return WHITE;
    return undefined;
  });
}
