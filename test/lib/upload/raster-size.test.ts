import sharp from "sharp";
import { expect, test } from "vitest";
import { rasterSize } from "../../../app/lib/upload/raster-size.ts";

test("PNG, JPEG and every WebP flavour report the size sharp reports", async () => {
  const base = () => sharp({ create: { width: 321, height: 123, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 0.5 } } });
  const files = {
    png: await base().png().toBuffer(),
    jpeg: await base().jpeg().toBuffer(),
    progressiveJpeg: await base().jpeg({ progressive: true }).withMetadata({ density: 300 }).toBuffer(),
    lossyWebp: await base().removeAlpha().webp({ quality: 80 }).toBuffer(),
    alphaWebp: await base().webp({ quality: 80 }).toBuffer(),
    losslessWebp: await base().webp({ lossless: true }).toBuffer(),
  };
  for (const [name, bytes] of Object.entries(files)) {
    const meta = await sharp(bytes).metadata();
    expect(rasterSize(bytes), name).toEqual({ width: meta.width, height: meta.height });
    expect(meta).toMatchObject({ width: 321, height: 123 });
  }
});

test("headers that are cut off or not images give null", async () => {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).png().toBuffer();
  expect(rasterSize(png.subarray(0, 20))).toBeNull();
  expect(rasterSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
  expect(rasterSize(Buffer.from("GIF89a.........................", "latin1"))).toBeNull();
  expect(rasterSize(new Uint8Array(0))).toBeNull();
});
