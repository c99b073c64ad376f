// The compiled prompt beside the brief: variant tabs (each labelled with the one axis it changes), the
// warnings in plain words, and each clip's prompt line by line. Pointing at a line lights up the brief
// fields it came from and says which kit fields fed it; focusing a brief field lights up its lines.
import { useEffect, useRef } from "react";
import type { PromptView, VariantView } from "~/lib/video/studio-prompt.ts";
import { axisWords, describeSource, sourceField } from "~/lib/video/trace-words.ts";

export type LineKey = string; // `${clip}:${line}`

type Props = {
  prompt: PromptView | null;
  variants: VariantView[];
  /** -1: the original brief. */
  selected: number;
  onSelect: (index: number) => void;
  /** The brief has errors: what is shown is the last prompt that compiled. */
  stale: boolean;
  /** The brief's errors by field path, listed while stale (some have no input of their own). */
  errors: Record<string, string>;
  active: LineKey | null;
  pinned: boolean;
  onLine: (key: LineKey | null, sources: string[], pin: boolean) => void;
  focusField: string | null;
  swatches: { role: string; name: string; color: string }[];
  kitSlug: string;
  onShowField: (field: string) => void;
};

function related(sources: string[], field: string | null): boolean {
  if (!field) return false;
  return sources.some((s) => {
    const f = sourceField(s);
    return f !== null && (f === field || field.startsWith(`${f}.`) || f.startsWith(`${field}.`));
  });
}

export function PromptPanel(p: Props) {
  const variant = p.selected >= 0 ? p.variants[p.selected] : undefined;
  const shown = variant?.prompt ?? p.prompt;
  const clipsRef = useRef<HTMLDivElement>(null);
  // Picking a variant scrolls the prompt to its first changed line: the one difference worth seeing.
  useEffect(() => {
    const box = clipsRef.current;
    const changed = box?.querySelector<HTMLElement>("li.changed");
    if (box && changed) box.scrollTo({ top: Math.max(0, changed.offsetTop - 48), behavior: "smooth" });
  }, [p.selected]);
  const activeLine = (() => {
    if (!p.active || !shown) return null;
    const [c, l] = p.active.split(":").map(Number);
    return shown.clips[c ?? -1]?.lines[l ?? -1] ?? null;
  })();
  return (
    <section className="card prompt-panel" aria-labelledby="prompt-title" data-testid="prompt-panel">
      <div className="vsection-head">
        <h2 id="prompt-title">Prompt</h2>
        {shown ? (
          <span className="muted small">
            {shown.clips.length} clip{shown.clips.length === 1 ? "" : "s"} · {shown.clips.reduce((t, c) => t + c.seconds, 0)} s
          </span>
        ) : null}
      </div>
      {p.variants.length ? (
        <div className="variant-tabs" role="tablist" aria-label="Variants">
          <button type="button" role="tab" aria-selected={p.selected < 0} className={p.selected < 0 ? "on" : ""} onClick={() => p.onSelect(-1)}>
            Original
          </button>
          {p.variants.map((v, i) => (
            <button
              type="button"
              role="tab"
              key={v.label}
              aria-selected={p.selected === i}
              className={p.selected === i ? "on" : ""}
              onClick={() => p.onSelect(i)}
              data-variant={v.label}
            >
              <span className="variant-letter">{String.fromCharCode(65 + i)}</span> {v.label}
              <span className="axis">{axisWords(v.axis)}</span>
            </button>
          ))}
        </div>
      ) : null}
      {variant ? (
        <p className="variant-note small">
          Changes only the <b>{axisWords(variant.axis)}</b>: {variant.description} Changed lines are marked.
        </p>
      ) : null}
      {p.stale ? (
        <div className="notice warn small" role="alert" data-testid="brief-errors">
          {Object.keys(p.errors).length === 1 ? "One thing to fix" : `${Object.keys(p.errors).length} things to fix`}; the prompt below is the last one that compiled.
          <ul>
            {Object.entries(p.errors)
              .slice(0, 8)
              .map(([path, message]) => (
                <li key={path}>
                  <button type="button" className="linkish" onClick={() => p.onShowField(path)}>
                    {describeSource(`brief.${path}`).replace(/^Brief · /, "")}
                  </button>
                  : {message}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      {shown?.warnings.length ? (
        <ul className="prompt-warnings" aria-label="Warnings">
          {shown.warnings.map((w, i) => (
            <li key={i}>
              {w.field ? (
                <button type="button" className="linkish" onClick={() => p.onShowField(w.field ?? "")}>
                  {w.message}
                </button>
              ) : (
                w.message
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {!shown ? <p className="muted">Fix the marked fields to see the prompt.</p> : null}
      <div className={`prompt-clips${p.stale ? " stale" : ""}`} ref={clipsRef}>
        {shown?.clips.map((clip, c) => (
          <div key={c} className="prompt-clip" data-testid="prompt-clip">
            <div className="clip-head small">
              Clip {c + 1} of {shown.clips.length} · {clip.seconds} s · {clip.size} · shot{clip.shots.length === 1 ? "" : "s"} {clip.shots.map((s) => s + 1).join(", ")}
            </div>
            <ol className="prompt-lines">
              {clip.lines.map((line, l) => {
                const key = `${c}:${l}`;
                const original = variant ? p.prompt?.clips[c]?.lines[l]?.text : undefined;
                const changed = variant !== undefined && original !== line.text;
                const lit = p.active === key || related(line.sources, p.focusField);
                const heading = line.sources[0] === "marque.section";
                return (
                  <li
                    key={l}
                    tabIndex={0}
                    className={`${lit ? "lit" : ""}${changed ? " changed" : ""}${heading ? " heading" : ""}`}
                    data-sources={line.sources.join(" ")}
                    title={line.sources.map(describeSource).join("\n")}
                    onMouseEnter={() => !p.pinned && p.onLine(key, line.sources, false)}
                    onMouseLeave={() => !p.pinned && p.onLine(null, [], false)}
                    onFocus={() => p.onLine(key, line.sources, false)}
                    onClick={() => p.onLine(p.pinned && p.active === key ? null : key, line.sources, !(p.pinned && p.active === key))}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" || e.key === " ") {
                        e.preventDefault();
                        p.onLine(key, line.sources, true);
                      }
                    }}
                  >
                    {line.text}
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
      </div>
      <Why line={activeLine} swatches={p.swatches} kitSlug={p.kitSlug} onShowField={p.onShowField} pinned={p.pinned} />
    </section>
  );
}

function Why({
  line,
  swatches,
  kitSlug,
  onShowField,
  pinned,
}: {
  line: { text: string; sources: string[] } | null;
  swatches: Props["swatches"];
  kitSlug: string;
  onShowField: (f: string) => void;
  pinned: boolean;
}) {
  if (!line) return <p className="why muted small">Point at a line to see which brief and kit fields wrote it; click to keep it selected.</p>;
  const fromKit = line.sources.some((s) => s.startsWith("kit."));
  return (
    <div className="why small" aria-live="polite" data-testid="why">
      <span className="muted">{pinned ? "Selected line comes from" : "This line comes from"}</span>
      <ul>
        {line.sources.map((s) => {
          const field = sourceField(s);
          const role = /^kit\.palette\.([a-z0-9-]+)/.exec(s)?.[1];
          const swatch = role ? swatches.find((w) => w.role === role) : undefined;
          const content = (
            <>
              {swatch ? <span className="dot" style={{ background: swatch.color }} aria-hidden /> : null}
              {describeSource(s)}
              {swatch ? <b> {swatch.name}</b> : null}
            </>
          );
          return (
            <li key={s} data-source={s} title={s} className={field ? "from-brief" : s.startsWith("kit.") ? "from-kit" : "from-marque"}>
              {field ? (
                <button type="button" onClick={() => onShowField(field)} title={`${s}: show in the brief`}>
                  {content}
                </button>
              ) : (
                content
              )}
            </li>
          );
        })}
        {fromKit ? (
          <li className="edit-kit">
            <a href={`/kits/${kitSlug}/edit`}>Edit the kit</a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
