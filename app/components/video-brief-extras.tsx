// The rest of the brief form: cast and props (described once, repeated verbatim in every shot they are
// in), spoken lines, sound, and colours that must appear. Each list folds away when empty.
import { Field, ItemTools, ListButton, ShotOptions, bind, highlightClass, setItem, type FormContext } from "./video-fields.tsx";
import type { ListName } from "~/lib/video/brief-form.ts";

function ShotChecks({ ctx, list, index, shots }: { ctx: FormContext; list: "characters" | "props"; index: number; shots: number[] }) {
  const path = `${list}.${index}.shots`;
  const count = ctx.draft.shots.length;
  // "shots" itself, or one of its entries ("characters.0.shots.1: there is no shot 5").
  const error = Object.entries(ctx.errors).find(([k]) => k === path || k.startsWith(`${path}.`))?.[1];
  const toggle = (s: number, on: boolean) => setItem(ctx, list, index, { shots: on ? [...new Set([...shots, s])].sort((a, b) => a - b) : shots.filter((x) => x !== s) });
  return (
    <fieldset className={`choices vfield${highlightClass(path, ctx.highlight)}`} data-path={path}>
      <legend>In shots</legend>
      {Array.from({ length: count }, (_, s) => (
        <label key={s} className="check">
          <input type="checkbox" name={path} value={String(s)} checked={shots.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
          {s + 1}
        </label>
      ))}
      {error ? <div className="field-error">{error}</div> : null}
    </fieldset>
  );
}

function Group({
  ctx,
  list,
  title,
  hint,
  noun,
  addLabel,
  children,
}: {
  ctx: FormContext;
  list: ListName;
  title: string;
  hint: string;
  noun: string;
  addLabel: string;
  children: React.ReactNode;
}) {
  const count = (ctx.draft[list] as unknown[]).length;
  return (
    <details className="card vsection vgroup" open={count > 0 || undefined} data-list={list}>
      <summary>
        <strong>{title}</strong> <span className="muted small">{count ? `${count} ${noun}${count === 1 ? "" : "s"}` : hint}</span>
      </summary>
      {children}
      <ListButton ctx={ctx} op={{ list, op: "add", index: count }} label={addLabel} className="small-btn">
        + {addLabel}
      </ListButton>
    </details>
  );
}

export function BriefExtras({ ctx }: { ctx: FormContext }) {
  const d = ctx.draft;
  const shotCount = d.shots.length;
  return (
    <>
      <Group ctx={ctx} list="characters" title="Cast" hint="people who appear, described once" noun="person" addLabel="Add a person">
        {d.characters.map((c, i) => {
          const p = `characters.${i}`;
          const set = (patch: Partial<typeof c>) => setItem(ctx, "characters", i, patch);
          return (
            <div key={i} className={`vitem${highlightClass(p, ctx.highlight)}`} data-path={p}>
              <div className="shot-head">
                <strong>{c.name || `Person ${i + 1}`}</strong>
                <ItemTools ctx={ctx} list="characters" index={i} count={d.characters.length} noun="person" />
              </div>
              <div className="row">
                <Field ctx={ctx} path={`${p}.name`} label="Name">
                  <input type="text" {...bind(ctx, `${p}.name`, c.name, (v) => set({ name: v }))} />
                </Field>
                <Field ctx={ctx} path={`${p}.id`} label="Id" hint="for lines">
                  <input type="text" {...bind(ctx, `${p}.id`, c.id, (v) => set({ id: v }))} />
                </Field>
              </div>
              <Field ctx={ctx} path={`${p}.appearance`} label="Appearance">
                <input type="text" {...bind(ctx, `${p}.appearance`, c.appearance, (v) => set({ appearance: v }))} />
              </Field>
              <Field ctx={ctx} path={`${p}.wardrobe`} label="Wardrobe">
                <input type="text" {...bind(ctx, `${p}.wardrobe`, c.wardrobe, (v) => set({ wardrobe: v }))} />
              </Field>
              <Field ctx={ctx} path={`${p}.marks`} label="Details to keep identical" hint="glasses, scar, jewellery">
                <input type="text" {...bind(ctx, `${p}.marks`, c.marks, (v) => set({ marks: v }))} />
              </Field>
              <ShotChecks ctx={ctx} list="characters" index={i} shots={c.shots} />
            </div>
          );
        })}
      </Group>

      <Group ctx={ctx} list="props" title="Props" hint="the product and objects that must stay the same" noun="prop" addLabel="Add a prop">
        {d.props.map((prop, i) => {
          const p = `props.${i}`;
          const set = (patch: Partial<typeof prop>) => setItem(ctx, "props", i, patch);
          return (
            <div key={i} className={`vitem${highlightClass(p, ctx.highlight)}`} data-path={p}>
              <div className="shot-head">
                <strong>{prop.name || `Prop ${i + 1}`}</strong>
                <ItemTools ctx={ctx} list="props" index={i} count={d.props.length} noun="prop" />
              </div>
              <div className="row">
                <Field ctx={ctx} path={`${p}.name`} label="Name">
                  <input type="text" {...bind(ctx, `${p}.name`, prop.name, (v) => set({ name: v }))} />
                </Field>
                <Field ctx={ctx} path={`${p}.id`} label="Id">
                  <input type="text" {...bind(ctx, `${p}.id`, prop.id, (v) => set({ id: v }))} />
                </Field>
              </div>
              <Field ctx={ctx} path={`${p}.description`} label="Materials and finish">
                <textarea rows={2} {...bind(ctx, `${p}.description`, prop.description, (v) => set({ description: v }))} />
              </Field>
              <ShotChecks ctx={ctx} list="props" index={i} shots={prop.shots} />
            </div>
          );
        })}
      </Group>

      <Group ctx={ctx} list="dialogue" title="Spoken lines" hint="dialogue and voiceover" noun="line" addLabel="Add a line">
        {d.dialogue.map((line, i) => {
          const p = `dialogue.${i}`;
          const set = (patch: Partial<typeof line>) => setItem(ctx, "dialogue", i, patch);
          return (
            <div key={i} className={`vitem${highlightClass(p, ctx.highlight)}`} data-path={p}>
              <div className="row">
                <Field ctx={ctx} path={`${p}.speaker`} label="Speaker">
                  <select {...bind(ctx, `${p}.speaker`, line.speaker, (v) => set({ speaker: v }))}>
                    <option value="voiceover">Voiceover</option>
                    {d.characters
                      .filter((c) => c.id)
                      .map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name || c.id}
                        </option>
                      ))}
                    {line.speaker && line.speaker !== "voiceover" && !d.characters.some((c) => c.id === line.speaker) ? (
                      <option value={line.speaker}>{line.speaker} (unknown)</option>
                    ) : null}
                  </select>
                </Field>
                <Field ctx={ctx} path={`${p}.shot`} label="In">
                  <select {...bind(ctx, `${p}.shot`, line.shot, (v) => set({ shot: v }))}>
                    <ShotOptions count={shotCount} />
                  </select>
                </Field>
                <Field ctx={ctx} path={`${p}.delivery`} label="Delivery">
                  <input type="text" placeholder="the kit's voice" {...bind(ctx, `${p}.delivery`, line.delivery, (v) => set({ delivery: v }))} />
                </Field>
                <ItemTools ctx={ctx} list="dialogue" index={i} count={d.dialogue.length} noun="line" />
              </div>
              <Field ctx={ctx} path={`${p}.text`} label="Line">
                <input type="text" {...bind(ctx, `${p}.text`, line.text, (v) => set({ text: v }))} />
              </Field>
            </div>
          );
        })}
      </Group>

      <Group ctx={ctx} list="effects" title="Sound" hint="effects in sync and background ambience" noun="effect" addLabel="Add an effect">
        {d.effects.map((e, i) => {
          const p = `sound.effects.${i}`;
          return (
            <div key={i} className={`row vitem${highlightClass(p, ctx.highlight)}`} data-path={p}>
              <Field ctx={ctx} path={`${p}.shot`} label="In" className="narrow">
                <select {...bind(ctx, `${p}.shot`, e.shot, (v) => setItem(ctx, "effects", i, { shot: v }))}>
                  <ShotOptions count={shotCount} />
                </select>
              </Field>
              <Field ctx={ctx} path={`${p}.effect`} label="Effect">
                <input type="text" {...bind(ctx, `${p}.effect`, e.effect, (v) => setItem(ctx, "effects", i, { effect: v }))} />
              </Field>
              <ItemTools ctx={ctx} list="effects" index={i} count={d.effects.length} noun="effect" />
            </div>
          );
        })}
        <Field ctx={ctx} path="sound.ambience" label="Ambience" hint="one per line">
          <textarea rows={2} {...bind(ctx, "sound.ambience", d.ambience, (v) => ctx.update({ ...d, ambience: v }))} />
        </Field>
      </Group>

      <Group ctx={ctx} list="colours" title="Colours that must appear" hint="e.g. the scarf in the accent colour" noun="colour" addLabel="Add a colour">
        {d.colours.map((c, i) => {
          const p = `colours.${i}`;
          return (
            <div key={i} className={`row vitem${highlightClass(p, ctx.highlight)}`} data-path={p}>
              <Field ctx={ctx} path={`${p}.subject`} label="What">
                <input type="text" placeholder="the scarf" {...bind(ctx, `${p}.subject`, c.subject, (v) => setItem(ctx, "colours", i, { subject: v }))} />
              </Field>
              <Field ctx={ctx} path={`${p}.colour`} label="Colour" hint="name or #hex">
                <input type="text" {...bind(ctx, `${p}.colour`, c.colour, (v) => setItem(ctx, "colours", i, { colour: v }))} />
              </Field>
              <ItemTools ctx={ctx} list="colours" index={i} count={d.colours.length} noun="colour" />
            </div>
          );
        })}
      </Group>
    </>
  );
}
