// The small picture of a photo in a design's image slot that the editor shows beside it, so people see
// which photo they chose: a JPEG at most 240 px a side, from the stored (already checked) photo.
import sharp from "sharp";

export const PHOTO_THUMB_PX = 240;

export function photoThumbnail(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes).resize(PHOTO_THUMB_PX, PHOTO_THUMB_PX, { fit: "inside", withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: 80 }).toBuffer();
}

/** The thumbnail as a data: URL, for the answer to an upload (the photo is not in the saved design yet). */
export async function photoThumbnailDataUrl(bytes: Uint8Array): Promise<string> {
  return `data:image/jpeg;base64,${(await photoThumbnail(bytes)).toString("base64")}`;
}
