// A render's files: the finished MP4 (`video.mp4`), its thumbnail (`thumbnail.jpg`), the brand reference
// frame the first clip started from (`reference.png`) and each raw clip (`clip-1.mp4`…). Byte ranges are
// honoured so the <video> element can seek; `?download=1` asks the browser to save the file.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { Scope } from "~/lib/auth/scope.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAsset } from "~/models/asset.server.ts";
import { getVideoJob, sniffImageMime } from "~/models/video-job.server.ts";
import { findVideoRender, type VideoRender } from "~/models/video-render.server.ts";
import { rangedFileResponse } from "~/lib/http/byte-range.ts";
import { getBlobStore } from "~/storage.server.ts";

const notFound = (message: string) => new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

function baseName(render: VideoRender) {
  const slug = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/[\s_-]+/g, "-").slice(0, 50);
  return [slug(render.briefTitle), render.label === "Original" ? "" : slug(render.label)].filter(Boolean).join("-") || "video";
}

/** The blob key and type the file name stands for, or a plain reason it is not there. */
async function locate(auth: Scope, render: VideoRender, file: string): Promise<{ key: string; mime: string; name: string } | string> {
  const name = baseName(render);
  if (file === "video.mp4") {
    if (render.status !== "completed" || !render.assetId) return "The video is not finished yet.";
    const asset = await getAsset(auth, render.assetId);
    if (!asset) return "The video was deleted from the library.";
    return { key: asset.storageKey, mime: "video/mp4", name: `${name}.mp4` };
  }
  if (file === "thumbnail.jpg") {
    if (!render.thumbnailKey) return "There is no thumbnail until the video is finished.";
    return { key: render.thumbnailKey, mime: "image/jpeg", name: `${name}-thumbnail.jpg` };
  }
  if (file === "reference.png") {
    const first = render.jobIds[0] ? await getVideoJob(render.jobIds[0]) : null;
    const ref = first?.outputs.reference;
    if (!ref) return "This render has no reference frame.";
    return { key: ref.slice("sha256:".length), mime: "image/png", name: `${name}-reference.png` };
  }
  const clip = /^clip-(\d{1,2})\.mp4$/.exec(file);
  if (clip) {
    const n = Number(clip[1]);
    const id = render.jobIds[n - 1];
    const job = id ? await getVideoJob(id) : null;
    if (!job) return `This render has no clip ${n}.`;
    if (!job.outputs.video) return `Clip ${n} is not finished yet.`;
    return { key: job.outputs.video.slice("sha256:".length), mime: "video/mp4", name: `${name}-clip-${n}.mp4` };
  }
  return `There is no file "${file.slice(0, 40)}" (try video.mp4, thumbnail.jpg, reference.png or clip-1.mp4).`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const render = await findVideoRender(auth, params.id ?? "");
  if (!render) return notFound("There is no such video job.");
  const found = await locate(auth, render, params.file ?? "");
  if (typeof found === "string") return notFound(found);
  const store = getBlobStore();
  if (!(await store.has(found.key))) return notFound("The file is missing from storage.");
  const bytes = await store.get(found.key);
  // The reference frame's type is whatever the provider was given: say what the bytes are.
  const mime = found.mime.startsWith("image/") && found.mime !== "image/jpeg" ? (sniffImageMime(bytes) ?? found.mime) : found.mime;
  return rangedFileResponse(request, bytes, {
    mime,
    fileName: found.name,
    download: new URL(request.url).searchParams.get("download") === "1",
    etag: found.key,
  });
}
