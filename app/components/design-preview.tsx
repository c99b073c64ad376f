// Live preview: 300 ms after the content stops changing, the preview route renders it (GET with the
// content in the URL, so the browser and server caches both hit; POST when it is too long for a URL).
// Overflow reports and validation issues come back with it and are shown next to their fields.
import { useEffect, useRef, useState } from "react";

export interface PreviewState {
  src: string | null;
  hash: string | null;
  pages: number;
  overflow: { field: string; message: string }[];
  issues: { path: string; message: string }[];
  loading: boolean;
  error: string | null;
}

// Node refuses request heads over 16 KB; keep the URL well under that and POST anything longer.
const MAX_GET_CONTENT = 6_000;

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

type Rendered = { src: string; hash: string | null; pages: number; overflow: PreviewState["overflow"] };

export function usePreview(opts: { designId: string; formatId: string; page: number; content: unknown; kitVersion: number; delayMs?: number }): PreviewState {
  const { designId, formatId, page, content, kitVersion, delayMs = 300 } = opts;
  const [state, setState] = useState<PreviewState>({ src: null, hash: null, pages: 1, overflow: [], issues: [], loading: true, error: null });
  // Object URLs of recent previews, so going back to earlier content shows instantly.
  const seen = useRef(new Map<string, Rendered>());
  const json = JSON.stringify(content);

  useEffect(() => {
    const controller = new AbortController();
    const encoded = base64url(json);
    const params = new URLSearchParams({ format: formatId, page: String(page + 1), kv: String(kitVersion) });
    const viaGet = encoded.length <= MAX_GET_CONTENT;
    if (viaGet) params.set("c", encoded);
    const url = `/designs/${designId}/preview?${params}`;
    const known = seen.current.get(url);
    if (known) {
      setState({ ...known, issues: [], loading: false, error: null });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(async () => {
      try {
        const request = () =>
          viaGet
            ? fetch(url, { signal: controller.signal })
            : fetch(`/designs/${designId}/preview`, { method: "POST", body: JSON.stringify({ format: formatId, page: page + 1, content: JSON.parse(json) }), headers: { "Content-Type": "application/json" }, signal: controller.signal });
        let res = await request();
        // 503: the server's render queue is full; try again when it says, a few times, unless the content moved on.
        for (let attempt = 0; res.status === 503 && attempt < 5; attempt++) {
          const seconds = Math.min(10, Math.max(1, Number(res.headers.get("Retry-After")) || 1));
          await new Promise((r) => setTimeout(r, seconds * 1000));
          if (controller.signal.aborted) return;
          res = await request();
        }
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: PreviewState["issues"] };
          setState((s) => ({ ...s, loading: false, issues: body.issues ?? [], error: body.error ?? `Preview failed (${res.status})` }));
          return;
        }
        const overflow = JSON.parse(decodeURIComponent(res.headers.get("X-Design-Overflow") ?? "%5B%5D")) as PreviewState["overflow"];
        const rendered: Rendered = { src: URL.createObjectURL(await res.blob()), hash: res.headers.get("X-Content-Hash"), pages: Number(res.headers.get("X-Design-Pages") ?? 1) || 1, overflow };
        seen.current.set(url, rendered);
        if (seen.current.size > 40) {
          const [oldest, entry] = seen.current.entries().next().value as [string, Rendered];
          seen.current.delete(oldest);
          URL.revokeObjectURL(entry.src);
        }
        setState({ ...rendered, issues: [], loading: false, error: null });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
      }
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [designId, formatId, page, json, kitVersion, delayMs]);

  return state;
}

export function PreviewPane({ preview, page, setPage, formatLabel }: { preview: PreviewState; page: number; setPage(p: number): void; formatLabel: string }) {
  return (
    <div className="design-preview">
      <div className={`design-preview-frame${preview.loading ? " loading" : ""}`} aria-busy={preview.loading}>
        {preview.src ? (
          <img src={preview.src} alt={`Preview, ${formatLabel}, page ${page + 1}`} data-testid="design-preview" data-content-hash={preview.hash ?? ""} />
        ) : (
          <div className="muted small design-preview-empty">{preview.error ? "No preview" : "Rendering preview…"}</div>
        )}
        {preview.loading && preview.src ? <span className="design-preview-badge">Updating…</span> : null}
      </div>
      {preview.pages > 1 ? (
        <div className="actions design-pages" aria-label="Pages">
          <button type="button" className="small-btn" disabled={page === 0} onClick={() => setPage(page - 1)}>← Page</button>
          <span className="small">Page {Math.min(page + 1, preview.pages)} of {preview.pages}</span>
          <button type="button" className="small-btn" disabled={page >= preview.pages - 1} onClick={() => setPage(page + 1)}>Page →</button>
        </div>
      ) : null}
      {preview.error ? (
        <div className="notice error small" role="alert">
          {preview.issues.length ? "The preview shows your last valid content: fix the field marked in red." : preview.error}
        </div>
      ) : null}
    </div>
  );
}
