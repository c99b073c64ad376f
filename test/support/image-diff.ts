// Image comparison for parity and golden tests: mean channel difference and the share of pixels that
// differ strongly. `blur` first when two rasterisers antialias glyph edges differently (poppler vs librsvg).
import sharp from "sharp";

export type ImageDiff = { width: number; height: number; mean: number; strong: number };

export async function imageDiff(a: Buffer, b: Buffer, opts: { blur?: boolean; strongAbove?: number } = {}): Promise<ImageDiff> {
  const raw = (img: Buffer) => {
    const s = sharp(img).removeAlpha();
    return (opts.blur ? s.blur(1) : s).raw().toBuffer({ resolveWithObject: true });
  };
  const [ra, rb] = await Promise.all([raw(a), raw(b)]);
  if (ra.info.width !== rb.info.width || ra.info.height !== rb.info.height) {
    throw new Error(`images differ in size: ${ra.info.width}×${ra.info.height} vs ${rb.info.width}×${rb.info.height}`);
  }
  const threshold = opts.strongAbove ?? 64;
  let sum = 0;
  let strong = 0;
  const pixels = ra.info.width * ra.info.height;
  for (let p = 0; p < pixels; p++) {
    let max = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs((ra.data[p * 3 + c] ?? 0) - (rb.data[p * 3 + c] ?? 0));
      sum += d;
      if (d > max) max = d;
    }
    if (max > threshold) strong++;
  }
  return { width: ra.info.width, height: ra.info.height, mean: sum / (pixels * 3), strong: strong / pixels };
}
