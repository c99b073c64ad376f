// A local stand-in for an OpenAI-compatible /v1/videos service, speaking the documented protocol over
// real HTTP so tests exercise the real SDK: multipart create, status polls that advance a job, binary
// content, delete. Tests script failures per endpoint (429 with Retry-After, 500, dropped connections).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const FIXTURES = fileURLToPath(new URL("../fixtures/video/", import.meta.url));
/** 1 s H.264 MP4 (72x128) and its first frame, made by test/support/make-video-fixtures.sh. */
export const TINY_MP4 = readFileSync(path.join(FIXTURES, "tiny.mp4"));
export const TINY_THUMBNAIL = readFileSync(path.join(FIXTURES, "tiny-thumbnail.jpg"));

const SECONDS = ["4", "8", "12"];
const SIZES = ["720x1280", "1280x720", "1024x1792", "1792x1024"];

export type Endpoint = "create" | "retrieve" | "content" | "delete";
export type ScriptedResponse = {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Close the connection without answering (after reading the request). */
  drop?: boolean;
};
export type FakeJob = {
  id: string;
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  createdAt: number;
  polls: number;
  status: "queued" | "in_progress" | "completed" | "failed";
  progress: number;
  error: { code: string; message: string } | null;
  failWith?: { code: string; message: string; afterPolls: number };
  reference?: { name: string; type: string; bytes: Buffer };
};
export type RequestLog = { method: string; path: string; status: number; at: number; idempotencyKey?: string };

export type FakeVideosServerOptions = {
  apiKey?: string;
  /** Polls a job needs to complete; progress climbs evenly on the way. */
  pollsToComplete?: number;
  /** When set, other model names get a 400 naming the parameter. */
  models?: string[];
  /** Answer thumbnail requests with 404 (a service without stills). */
  noThumbnails?: boolean;
  /** The MP4 served for a finished job (default: the 1 s fixture), e.g. one of the job's seconds and size. */
  video?: (job: FakeJob) => Buffer | Promise<Buffer>;
};

function videoObject(job: FakeJob) {
  return {
    id: job.id,
    object: "video",
    status: job.status,
    progress: job.progress,
    model: job.model,
    seconds: job.seconds,
    size: job.size,
    prompt: job.prompt,
    created_at: job.createdAt,
    completed_at: job.status === "completed" ? job.createdAt + 1 : null,
    expires_at: null,
    remixed_from_video_id: null,
    error: job.error,
  };
}

function errorBody(message: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type: "invalid_request_error", param, code } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeVideosServer(options: FakeVideosServerOptions = {}) {
  const apiKey = options.apiKey ?? "sk-fake-videos-0123456789abcdef";
  const pollsToComplete = Math.max(1, options.pollsToComplete ?? 4);
  const jobs = new Map<string, FakeJob>();
  const scripts: Record<Endpoint, ScriptedResponse[]> = { create: [], retrieve: [], content: [], delete: [] };
  const requests: RequestLog[] = [];
  const createForms: Record<string, string | { name: string; type: string; size: number }>[] = [];
  const failNext: { code: string; message: string; afterPolls: number }[] = [];
  const deleted: string[] = [];
  let counter = 0;
  let active = 0;
  let maxActive = 0;

  const settle = () => {
    active -= 1;
  };

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    if (Buffer.isBuffer(body)) {
      res.writeHead(status, { "content-length": String(body.length), ...headers });
      res.end(body);
      return;
    }
    const text = JSON.stringify(body ?? {});
    res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  }

  async function create(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("multipart/form-data")) return send(res, 400, errorBody(`Expected multipart/form-data, got "${type}"`));
    const form = await new Request("http://fake/v1/videos", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(body) }).formData();
    const record: Record<string, string | { name: string; type: string; size: number }> = {};
    for (const [key, value] of form.entries()) {
      record[key] = typeof value === "string" ? value : { name: value.name, type: value.type, size: value.size };
    }
    createForms.push(record);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : null;
    };
    const model = field("model");
    const prompt = field("prompt");
    const seconds = field("seconds") ?? "4";
    const size = field("size") ?? "720x1280";
    if (!model) return send(res, 400, errorBody("Missing required parameter: 'model'.", "missing_required_parameter", "model"));
    if (options.models && !options.models.includes(model)) {
      return send(res, 400, errorBody(`Invalid value: '${model}'. Supported values are: ${options.models.join(", ")}.`, "invalid_value", "model"));
    }
    if (!prompt || !prompt.trim()) return send(res, 400, errorBody("Missing required parameter: 'prompt'.", "missing_required_parameter", "prompt"));
    if (!SECONDS.includes(seconds)) return send(res, 400, errorBody(`Invalid value: '${seconds}'.`, "invalid_value", "seconds"));
    if (!SIZES.includes(size)) return send(res, 400, errorBody(`Invalid value: '${size}'.`, "invalid_value", "size"));
    let reference: FakeJob["reference"];
    const file = form.get("input_reference");
    if (file !== null) {
      if (typeof file === "string") return send(res, 400, errorBody("Invalid type for 'input_reference': expected a file, but got a string instead.", "invalid_type", "input_reference"));
      const bytes = Buffer.from(await file.arrayBuffer());
      if (!/^image\/(png|jpeg|webp)$/.test(file.type) || bytes.length === 0) {
        return send(res, 400, errorBody(`Unsupported input_reference type "${file.type}"`, "invalid_value", "input_reference"));
      }
      const meta = await sharp(bytes).metadata();
      if (`${meta.width}x${meta.height}` !== size) return send(res, 400, errorBody("Inpaint image must match the requested width and height"));
      reference = { name: file.name, type: file.type, bytes };
    }
    counter += 1;
    const job: FakeJob = {
      id: `video_fake${String(counter).padStart(4, "0")}`,
      model,
      prompt,
      seconds,
      size,
      createdAt: Math.floor(Date.now() / 1000),
      polls: 0,
      status: "queued",
      progress: 0,
      error: null,
      failWith: failNext.shift(),
      reference,
    };
    jobs.set(job.id, job);
    active += 1;
    maxActive = Math.max(maxActive, active);
    send(res, 200, videoObject(job));
  }

  function advance(job: FakeJob) {
    if (job.status === "completed" || job.status === "failed") return;
    job.polls += 1;
    if (job.failWith && job.polls >= job.failWith.afterPolls) {
      job.status = "failed";
      job.error = { code: job.failWith.code, message: job.failWith.message };
      settle();
      return;
    }
    if (job.polls >= pollsToComplete) {
      job.status = "completed";
      job.progress = 100;
      settle();
      return;
    }
    job.status = "in_progress";
    job.progress = Math.round((100 * job.polls) / pollsToComplete);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readBody(req);
    const match = /^\/v1\/videos(?:\/([^/]+))?(\/content)?$/.exec(url.pathname);
    const endpoint: Endpoint | null = !match
      ? null
      : req.method === "POST" && !match[1]
        ? "create"
        : req.method === "GET" && match[1] && match[2]
          ? "content"
          : req.method === "GET" && match[1]
            ? "retrieve"
            : req.method === "DELETE" && match[1] && !match[2]
              ? "delete"
              : null;
    const log = (status: number) => {
      const key = req.headers["idempotency-key"];
      requests.push({ method: req.method ?? "", path: url.pathname + url.search, status, at: Date.now(), ...(typeof key === "string" ? { idempotencyKey: key } : {}) });
    };
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      log(401);
      // Like the real service, the message echoes the key it got: the client must not pass that on.
      const got = (req.headers.authorization ?? "").replace(/^Bearer\s+/, "");
      return send(res, 401, errorBody(`Incorrect API key provided: ${got}.`, "invalid_api_key"));
    }
    if (!endpoint) {
      log(404);
      return send(res, 404, errorBody(`Unknown route ${req.method} ${url.pathname}`));
    }
    const scripted = scripts[endpoint].shift();
    if (scripted) {
      log(scripted.drop ? 0 : (scripted.status ?? 500));
      if (scripted.drop) return req.socket.destroy();
      return send(res, scripted.status ?? 500, scripted.body ?? errorBody("Scripted failure", "server_error"), scripted.headers);
    }
    const id = decodeURIComponent(match?.[1] ?? "");
    const job = jobs.get(id);
    if (endpoint === "create") {
      await create(req, res, body);
      return log(res.statusCode);
    }
    if (!job) {
      log(404);
      return send(res, 404, errorBody(`Video with id '${id}' not found.`, "not_found", "video_id"));
    }
    if (endpoint === "retrieve") {
      advance(job);
      log(200);
      return send(res, 200, videoObject(job));
    }
    if (endpoint === "delete") {
      if (job.status === "queued" || job.status === "in_progress") settle();
      jobs.delete(id);
      deleted.push(id);
      log(200);
      return send(res, 200, { id, object: "video.deleted", deleted: true });
    }
    const variant = url.searchParams.get("variant") ?? "video";
    if (job.status !== "completed") {
      log(400);
      return send(res, 400, errorBody("Video is not ready yet, use GET /v1/videos/{video_id} to check status.", "video_not_ready"));
    }
    if (variant === "video") {
      log(200);
      return send(res, 200, options.video ? await options.video(job) : TINY_MP4, { "content-type": "video/mp4" });
    }
    if ((variant === "thumbnail" || variant === "spritesheet") && !options.noThumbnails) {
      log(200);
      return send(res, 200, TINY_THUMBNAIL, { "content-type": "image/jpeg" });
    }
    log(404);
    return send(res, 404, errorBody(`No ${variant} for this video.`, "not_found", "variant"));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(`Fake server error: ${String(error)}`, "server_error"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiKey,
    baseURL: `http://127.0.0.1:${port}/v1`,
    jobs,
    requests,
    /** Multipart fields of every create request received (files as name/type/size). */
    createForms,
    deleted,
    /** Jobs actually created (scripted refusals excluded). */
    get creates() {
      return jobs.size + deleted.length;
    },
    get createAttempts() {
      return requests.filter((r) => r.method === "POST").length;
    },
    /** Most jobs queued or in progress at the same moment. */
    get maxActive() {
      return maxActive;
    },
    /** Queues canned answers for the next `times` requests to an endpoint. */
    script(endpoint: Endpoint, response: ScriptedResponse, times = 1) {
      for (let i = 0; i < times; i++) scripts[endpoint].push(response);
    },
    /** The next created job fails with this code after `afterPolls` polls. */
    failNextJob(code: string, message: string, afterPolls = 2) {
      failNext.push({ code, message, afterPolls });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type FakeVideosServer = Awaited<ReturnType<typeof startFakeVideosServer>>;
