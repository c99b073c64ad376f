// The brief form's main part: what the video is (use case, summary, format, look) and the editable shot
// list. Cast, props, lines, sound and colours are in video-brief-extras.tsx.
import { ASPECTS, FRAMINGS, POLISH_LEVELS, USE_CASES } from "~/lib/video/brief.ts";
import { Field, ItemTools, ListButton, RowErrors, bind, highlightClass, setItem, type FormContext } from "./video-fields.tsx";

export const USE_CASE_LABEL: Record<string, string> = {
  "product-visualisation": "Product visualisation",
  "ugc-testimonial": "Customer testimonial (UGC)",
  "multi-shot-story": "Multi-shot story",
  "physics-previz": "Physics pre-visualisation",
  "training-safety": "Training / safety scenario",
  "dynamic-storyboard": "Dynamic storyboard",
  "style-exploration": "Style exploration",
  "brand-spokesperson": "Brand spokesperson",
};
const POLISH_LABEL: Record<string, string> = { polished: "Polished", handheld: "Handheld", "raw-ugc": "Raw phone footage" };
const ASPECT_LABEL: Record<string, string> = { "9:16": "Vertical 9:16 (reels, stories)", "16:9": "Landscape 16:9" };

/** Start and end second of each shot, for the shot headers ("0–4 s"). */
function shotTimes(seconds: string[]): string[] {
  let t = 0;
  return seconds.map((s) => {
    const n = Number(s.replace(",", "."));
    if (!Number.isFinite(n) || n <= 0) return "";
    const from = t;
    t += n;
    return `${+from.toFixed(1)}–${+t.toFixed(1)} s`;
  });
}

export function BriefBasics({ ctx, palette }: { ctx: FormContext; palette: { role: string; name: string }[] }) {
  const d = ctx.draft;
  const set = (key: keyof typeof d) => (v: string) => ctx.update({ ...d, [key]: v });
  return (
    <section className="card vsection" aria-labelledby="brief-basics">
      <h2 id="brief-basics">The video</h2>
      <div className="row">
        <Field ctx={ctx} path="useCase" label="Use case">
          <select {...bind(ctx, "useCase", d.useCase, set("useCase"))}>
            {USE_CASES.map((u) => (
              <option key={u} value={u}>
                {USE_CASE_LABEL[u]}
              </option>
            ))}
          </select>
        </Field>
        <Field ctx={ctx} path="aspect" label="Format">
          <select {...bind(ctx, "aspect", d.aspect, set("aspect"))}>
            {ASPECTS.map((a) => (
              <option key={a} value={a}>
                {ASPECT_LABEL[a]}
              </option>
            ))}
          </select>
        </Field>
        <Field ctx={ctx} path="polish" label="Finish">
          <select {...bind(ctx, "polish", d.polish, set("polish"))}>
            {POLISH_LEVELS.map((p) => (
              <option key={p} value={p}>
                {POLISH_LABEL[p]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field ctx={ctx} path="summary" label="Premise" hint="one or two sentences; becomes the scene description">
        <textarea rows={3} {...bind(ctx, "summary", d.summary, set("summary"))} />
      </Field>
      <details className="vmore" open={Boolean(d.lighting || d.look || d.paletteLead || (d.language && d.language !== "en"))}>
        <summary>Light, look and language</summary>
        <Field ctx={ctx} path="lighting" label="Lighting" hint="empty: the kit's lighting">
          <input type="text" placeholder="golden hour, low sun from camera left" {...bind(ctx, "lighting", d.lighting, set("lighting"))} />
        </Field>
        <Field ctx={ctx} path="look" label="Style to try" hint="on top of the kit">
          <input type="text" placeholder="high-contrast graphic novel look" {...bind(ctx, "look", d.look, set("look"))} />
        </Field>
        <div className="row">
          <Field ctx={ctx} path="paletteLead" label="Lead colour">
            <select {...bind(ctx, "paletteLead", d.paletteLead, set("paletteLead"))}>
              <option value="">Primary (default)</option>
              {palette.map((p) => (
                <option key={p.role} value={p.role}>
                  {p.role} · {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field ctx={ctx} path="language" label="Spoken language" hint="en, fr, pt-BR…">
            <input type="text" {...bind(ctx, "language", d.language, set("language"))} />
          </Field>
        </div>
      </details>
    </section>
  );
}

export function ShotList({ ctx }: { ctx: FormContext }) {
  const shots = ctx.draft.shots;
  const times = shotTimes(shots.map((s) => s.seconds));
  const total = shots.reduce((t, s) => t + (Number(s.seconds.replace(",", ".")) || 0), 0);
  return (
    <section className="vsection" aria-labelledby="shot-list">
      <div className="vsection-head">
        <h2 id="shot-list">Shot list</h2>
        <span className="muted small">
          {shots.length} shot{shots.length === 1 ? "" : "s"} · {+total.toFixed(1)} s
        </span>
      </div>
      {ctx.errors.shots ? <div className="field-error">{ctx.errors.shots}</div> : null}
      <ol className="shot-list">
        {shots.map((shot, i) => {
          const path = `shots.${i}`;
          return (
            <li key={i} className={`card shot${highlightClass(path, ctx.highlight)}`} data-path={path} data-testid="shot">
              <div className="shot-head">
                <strong>Shot {i + 1}</strong>
                <span className="muted small">{times[i]}</span>
                <ItemTools ctx={ctx} list="shots" index={i} count={shots.length} noun="shot" keepOne />
              </div>
              <div className="row shot-row">
                <Field errorBelow ctx={ctx} path={`${path}.framing`} label="Framing" className="narrow">
                  <select {...bind(ctx, `${path}.framing`, shot.framing, (v) => setItem(ctx, "shots", i, { framing: v }))}>
                    {FRAMINGS.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field errorBelow ctx={ctx} path={`${path}.camera`} label="Camera">
                  <input type="text" {...bind(ctx, `${path}.camera`, shot.camera, (v) => setItem(ctx, "shots", i, { camera: v }))} />
                </Field>
                <Field errorBelow ctx={ctx} path={`${path}.seconds`} label="Seconds" className="tiny">
                  <input
                    type="number"
                    min={1}
                    max={12}
                    step={0.5}
                    inputMode="decimal"
                    {...bind(ctx, `${path}.seconds`, shot.seconds, (v) => setItem(ctx, "shots", i, { seconds: v }))}
                  />
                </Field>
              </div>
              <RowErrors ctx={ctx} paths={[`${path}.framing`, `${path}.camera`, `${path}.seconds`]} />
              <Field ctx={ctx} path={`${path}.action`} label="Action" hint="one beat: what happens">
                <textarea rows={2} {...bind(ctx, `${path}.action`, shot.action, (v) => setItem(ctx, "shots", i, { action: v }))} />
              </Field>
              <Field ctx={ctx} path={`${path}.setting`} label="Setting">
                <input type="text" {...bind(ctx, `${path}.setting`, shot.setting, (v) => setItem(ctx, "shots", i, { setting: v }))} />
              </Field>
            </li>
          );
        })}
      </ol>
      <ListButton ctx={ctx} op={{ list: "shots", op: "add", index: shots.length }} label="Add a shot" className="btn">
        + Add shot
      </ListButton>
    </section>
  );
}
