// Placement of images and logos inside their boxes, shared by the SVG and PDF backends so both
// crop and letterbox identically.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where to draw an image of intrinsic size iw×ih so it covers (cropping, clipped to the box) or is
 * contained in the box. `fx`/`fy` (0..1) choose which part stays in view or where the slack goes.
 */
export function fitRect(box: Rect, iw: number, ih: number, fit: "cover" | "contain", fx = 0.5, fy = 0.5): Rect {
  if (iw <= 0 || ih <= 0) return { ...box };
  const scale = fit === "cover" ? Math.max(box.w / iw, box.h / ih) : Math.min(box.w / iw, box.h / ih);
  const w = iw * scale;
  const h = ih * scale;
  return { x: box.x + (box.w - w) * fx, y: box.y + (box.h - h) * fy, w, h };
}

export const ALIGN_FRACTION = { left: 0, center: 0.5, right: 1, top: 0, middle: 0.5, bottom: 1 } as const;
