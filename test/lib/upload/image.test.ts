import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { expect, test } from "vitest";
import { UploadError } from "../../../app/lib/upload/errors.ts";
import { inspectImage, normaliseRasterLogo, sniffImage } from "../../../app/lib/upload/image.server.ts";

const limits = (fileName: string) => ({ fileName, maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000 });

async function refusal(run: () => Promise<unknown>): Promise<UploadError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UploadError) return error;
    throw error;
  }
  throw new Error("expected an UploadError");
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid-looking PNG whose IHDR claims width×height but whose data holds only a few rows. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = deflateSync(Buffer.alloc((1 + width * 3) * 4));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk("IHDR", ihdr), pngChunk("IDAT", rows), pngChunk("IEND", Buffer.alloc(0))]);
}

const solid = (format: "png" | "jpeg" | "webp", width = 64, height = 32) =>
  sharp({ create: { width, height, channels: 3, background: "#1f3a5f" } })[format]().toBuffer();
const noisy = (format: "png" | "jpeg") =>
  sharp({ create: { width: 256, height: 256, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } } })[format]().toBuffer();

test("PNG, JPEG and WebP are recognised by their bytes and report their size", async () => {
  expect(await inspectImage(await solid("png"), limits("a.png"))).toEqual({ mime: "image/png", width: 64, height: 32 });
  expect(await inspectImage(await solid("jpeg"), limits("a.jpg"))).toEqual({ mime: "image/jpeg", width: 64, height: 32 });
  expect(await inspectImage(await solid("webp"), limits("a.webp"))).toEqual({ mime: "image/webp", width: 64, height: 32 });
});

test("the extension is ignored: a JPEG named logo.png is a JPEG", async () => {
  const info = await inspectImage(await solid("jpeg"), limits("logo.png"));
  expect(info.mime).toBe("image/jpeg");
});

test("SVG is recognised after a prolog and comments, and sized through the sanitiser", async () => {
  const svg = Buffer.from('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40"/></svg>');
  expect(await inspectImage(svg, limits("logo.png"))).toEqual({ mime: "image/svg+xml", width: 120, height: 40 });
  const hostile = Buffer.from('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
  expect((await refusal(() => inspectImage(hostile, limits("logo.svg")))).message).toBe("logo.svg: SVG declares a DOCTYPE/entities; refused");
});

test("a text file named logo.png is refused and the message says it is text", async () => {
  const error = await refusal(() => inspectImage(Buffer.from("hello world, this is not a picture\n"), limits("logo.png")));
  expect(error.message).toBe('logo.png: not a PNG, JPEG, WebP or SVG image (it looks like text: "hello world, this is not...")');
  expect(error.file).toBe("logo.png");
  const html = await refusal(() => inspectImage(Buffer.from("<html><body>hi</body></html>"), limits("logo.png")));
  expect(html.message).toContain('it looks like text: "<html><body>hi</body></h..."');
});

test("other formats and binary junk are named, not just refused", async () => {
  const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
  expect((await refusal(() => inspectImage(gif, limits("logo.png")))).message).toBe("logo.png: not a PNG, JPEG, WebP or SVG image (it is a GIF image)");
  const pdf = Buffer.from("%PDF-1.7\n%\xe2\xe3", "latin1");
  expect((await refusal(() => inspectImage(pdf, limits("logo.png")))).message).toContain("it is a PDF document");
  const junk = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
  expect((await refusal(() => inspectImage(junk, limits("logo.webp")))).message).toContain("starts with bytes de ad be ef");
  expect((await refusal(() => inspectImage(new Uint8Array(0), limits("logo.png")))).message).toBe("logo.png: the file is empty");
});

test("a PNG whose header claims 30000×30000 is refused from the header, before decoding", async () => {
  const bomb = pngClaiming(30_000, 30_000);
  expect(bomb.length).toBeLessThan(10_000);
  const started = performance.now();
  const error = await refusal(() => inspectImage(bomb, limits("logo.png")));
  expect(error.message).toBe("logo.png: image is 30000×30000 pixels (900 megapixels); the limit is 40 megapixels");
  expect(performance.now() - started).toBeLessThan(500);
});

test("a PNG that is within the pixel limit but claims more rows than it holds is caught by decoding", async () => {
  const error = await refusal(() => inspectImage(pngClaiming(2000, 2000), limits("logo.png")));
  expect(error.message).toMatch(/^logo\.png: the PNG data is corrupt or truncated \(/);
});

test("truncated PNG, JPEG and WebP files are refused", async () => {
  const png = await noisy("png");
  expect((await refusal(() => inspectImage(png.subarray(0, png.length >> 1), limits("logo.png")))).message).toMatch(/^logo\.png: the PNG data is corrupt or truncated \(.*read error\)$/);
  const jpeg = await noisy("jpeg");
  expect((await refusal(() => inspectImage(jpeg.subarray(0, jpeg.length >> 1), limits("photo.jpg")))).message).toBe(
    "photo.jpg: the JPEG data is corrupt or truncated (premature end of JPEG image)",
  );
  const webp = await solid("webp");
  expect((await refusal(() => inspectImage(webp.subarray(0, 20), limits("logo.webp")))).message).toMatch(/^logo\.webp: the WEBP header is corrupt/);
  expect((await refusal(() => inspectImage(png.subarray(0, 12), limits("logo.png")))).message).toMatch(/^logo\.png: the PNG header is corrupt/);
});

test("a PNG with a flipped byte in its pixel data fails its checksum and is refused", async () => {
  const png = Buffer.from(await noisy("png"));
  png.writeUInt8((png.readUInt8(png.length - 40) ^ 0xff) & 0xff, png.length - 40);
  expect((await refusal(() => inspectImage(png, limits("logo.png")))).message).toMatch(/^logo\.png: the PNG data is corrupt or truncated/);
});

test("oversize files are refused on their byte count before their content is looked at", async () => {
  const big = Buffer.alloc(3 * 1024 * 1024, 0x41);
  const error = await refusal(() => inspectImage(big, { fileName: "huge.png", maxBytes: 2 * 1024 * 1024, maxPixels: 1e7 }));
  expect(error.message).toBe("huge.png: file is 3 MB; the limit is 2 MB");
});

test("file names are cleaned for messages: no path, no control characters", async () => {
  const error = await refusal(() => inspectImage(Buffer.from("nope"), limits("../../etc/evil\nname.png")));
  expect(error.message.startsWith("evilname.png: ")).toBe(true);
  expect(error.file).toBe("evilname.png");
});

test("sniffImage needs real magic bytes", () => {
  expect(sniffImage(Buffer.from("\x89PNG\r\n\x1a\n", "latin1"))).toBe("image/png");
  expect(sniffImage(Buffer.from("\x89PNG", "latin1"))).toBeNull();
  expect(sniffImage(Buffer.from("RIFF\0\0\0\0WAVE", "latin1"))).toBeNull();
  expect(sniffImage(Buffer.from("  <svg xmlns='http://www.w3.org/2000/svg'/>"))).toBe("image/svg+xml");
  expect(sniffImage(Buffer.from("<html><svg/></html>"))).toBeNull();
});

test("normaliseRasterLogo strips metadata, applies EXIF orientation and caps the size", async () => {
  const tagged = await sharp({ create: { width: 80, height: 40, channels: 3, background: "#e07a5f" } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Copyright: "Someone", Artist: "A camera" } })
    .jpeg()
    .toBuffer();
  const before = await sharp(tagged).metadata();
  expect(before.orientation).toBe(6);
  expect(before.exif).toBeDefined();
  const info = await inspectImage(tagged, limits("photo.jpg"));
  expect(info).toMatchObject({ width: 40, height: 80 });
  const out = await normaliseRasterLogo(tagged, limits("photo.jpg"));
  expect(out).toMatchObject({ mime: "image/jpeg", width: 40, height: 80 });
  const after = await sharp(out.bytes).metadata();
  expect(after.exif).toBeUndefined();
  expect(after.orientation).toBeUndefined();

  const wide = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: { r: 31, g: 58, b: 95, alpha: 0.5 } } }).webp({ lossless: true }).toBuffer();
  const png = await normaliseRasterLogo(wide, { ...limits("logo.webp"), maxSide: 600 });
  expect(png).toMatchObject({ mime: "image/png", width: 600, height: 200 });
  const meta = await sharp(png.bytes).metadata();
  expect(meta).toMatchObject({ format: "png", hasAlpha: true, width: 600 });
  const { data } = await sharp(png.bytes).raw().toBuffer({ resolveWithObject: true });
  // Resampling premultiplied alpha may round by a level or two.
  [31, 58, 95, 128].forEach((v, i) => expect(Math.abs((data[i] ?? 0) - v)).toBeLessThanOrEqual(2));
});
