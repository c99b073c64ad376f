// What a loader or action answered, whichever way it answered: a returned or thrown Response
// (redirects, 403s, 404s), a Remix `data()` value with status and headers, or plain data.
export type Settled<T = unknown> = { status: number; headers: Headers; data: T; location: string | null; text: string | null };

function isDataWithInit(v: unknown): v is { type: string; data: unknown; init: ResponseInit | null } {
  return typeof v === "object" && v !== null && (v as { type?: unknown }).type === "DataWithResponseInit";
}

async function fromValue<T>(v: unknown): Promise<Settled<T>> {
  if (v instanceof Response) {
    const text = v.status >= 300 && v.status < 400 ? null : await v.text();
    return { status: v.status, headers: v.headers, data: undefined as T, location: v.headers.get("Location"), text };
  }
  if (isDataWithInit(v)) {
    const headers = new Headers(v.init?.headers);
    return { status: v.init?.status ?? 200, headers, data: v.data as T, location: headers.get("Location"), text: null };
  }
  return { status: 200, headers: new Headers(), data: v as T, location: null, text: null };
}

export async function settle<T = Record<string, unknown>>(p: Promise<unknown> | unknown): Promise<Settled<T>> {
  try {
    return await fromValue<T>(await p);
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return fromValue<T>(thrown);
    throw thrown;
  }
}

export const ctx = { context: {} };
