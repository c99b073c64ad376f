// A local stand-in for the Responses API (POST /v1/responses) over real HTTP, so tests drive the real
// openai SDK: it checks the key and the structured-output request, records what it got, and answers
// with a response object whose output message holds the JSON text (or a refusal, an incomplete answer,
// or an HTTP error, as a test scripts it).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ResponsesRequest = {
  model: string;
  instructions?: string;
  input: unknown;
  text?: { format?: { type?: string; name?: string; strict?: boolean; schema?: Record<string, unknown> } };
};

export type FakeAnswer =
  | { json: unknown }
  | { text: string }
  | { refusal: string }
  | { incomplete: "max_output_tokens" | "content_filter" }
  | { status: number; body: unknown };

export type FakeResponsesOptions = {
  apiKey?: string;
  /** Model names served; others get the 404 the real service sends for unknown models. */
  models?: string[];
  /** What to answer, per request (default: an empty brief object, which fails validation). */
  answer?: (req: ResponsesRequest) => FakeAnswer;
};

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}

const errorBody = (message: string, code: string | null = null, param: string | null = null) => ({ error: { message, type: "invalid_request_error", param, code } });

export async function startFakeResponsesServer(options: FakeResponsesOptions = {}) {
  const apiKey = options.apiKey ?? "sk-fake-responses-0123456789abcdef";
  const requests: ResponsesRequest[] = [];
  let counter = 0;

  function responseObject(req: ResponsesRequest, content: unknown[], extra: Record<string, unknown> = {}) {
    counter += 1;
    return {
      id: `resp_fake${counter}`,
      object: "response",
      created_at: Math.floor(Date.now() / 1000),
      status: "completed",
      model: req.model,
      error: null,
      incomplete_details: null,
      instructions: req.instructions ?? null,
      output: [{ type: "message", id: `msg_fake${counter}`, status: "completed", role: "assistant", content }],
      parallel_tool_calls: true,
      tool_choice: "auto",
      tools: [],
      text: req.text ?? null,
      usage: { input_tokens: 100, output_tokens: 200, total_tokens: 300, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
      ...extra,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      const got = (req.headers.authorization ?? "").replace(/^Bearer\s+/, "");
      return send(res, 401, errorBody(`Incorrect API key provided: ${got}.`, "invalid_api_key"));
    }
    if (req.method !== "POST" || url.pathname !== "/v1/responses") return send(res, 404, errorBody(`Unknown route ${req.method} ${url.pathname}`));
    let body: ResponsesRequest;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ResponsesRequest;
    } catch {
      return send(res, 400, errorBody("We could not parse the JSON body of your request."));
    }
    requests.push(body);
    if (!body.model) return send(res, 400, errorBody("Missing required parameter: 'model'.", "missing_required_parameter", "model"));
    if (options.models && !options.models.includes(body.model)) {
      return send(res, 404, errorBody(`The model \`${body.model}\` does not exist or you do not have access to it.`, "model_not_found"));
    }
    const format = body.text?.format;
    if (format?.type === "json_schema" && format.strict && !isStrictSchema(format.schema)) {
      return send(res, 400, errorBody("Invalid schema for response_format 'video_brief': In context=(), 'required' is required to be supplied and to be an array including every key in properties.", "invalid_json_schema", "text.format.schema"));
    }
    const answer = options.answer?.(body) ?? { json: {} };
    if ("status" in answer) return send(res, answer.status, answer.body);
    if ("refusal" in answer) return send(res, 200, responseObject(body, [{ type: "refusal", refusal: answer.refusal }]));
    if ("incomplete" in answer) {
      return send(res, 200, responseObject(body, [{ type: "output_text", text: '{"useCase": "', annotations: [] }], { status: "incomplete", incomplete_details: { reason: answer.incomplete } }));
    }
    const text = "json" in answer ? JSON.stringify(answer.json) : answer.text;
    return send(res, 200, responseObject(body, [{ type: "output_text", text, annotations: [] }]));
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
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** What strict mode demands of every object: all properties required, no additional properties. */
export function isStrictSchema(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictSchema);
  if (!schema || typeof schema !== "object") return true;
  const node = schema as Record<string, unknown>;
  if (node.type === "object") {
    const keys = Object.keys((node.properties as Record<string, unknown>) ?? {});
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    if (node.additionalProperties !== false || keys.some((k) => !required.includes(k))) return false;
  }
  return Object.entries(node).every(([k, v]) => (k === "properties" ? Object.values(v as object).every(isStrictSchema) : isStrictSchema(v)));
}

export type FakeResponsesServer = Awaited<ReturnType<typeof startFakeResponsesServer>>;
