// The studio's brief form: a draft (every input as the string the person typed) <-> form data <-> the
// brief document. Input names are the brief's own field paths (`shots.1.action`), so validation errors
// and prompt trace sources point straight at inputs. Shot references are 0-based values, shown 1-based.
// List operations (add, remove, move) keep every reference to a shot pointing at the same shot.

export type ShotDraft = { framing: string; camera: string; action: string; setting: string; seconds: string };
export type CharacterDraft = { id: string; name: string; appearance: string; wardrobe: string; marks: string; shots: number[] };
export type PropDraft = { id: string; name: string; description: string; shots: number[] };
export type DialogueDraft = { speaker: string; text: string; shot: string; delivery: string };
export type EffectDraft = { shot: string; effect: string };
export type ColourDraft = { subject: string; colour: string };

export type BriefDraft = {
  useCase: string;
  title: string;
  summary: string;
  aspect: string;
  polish: string;
  language: string;
  lighting: string;
  paletteLead: string;
  look: string;
  shots: ShotDraft[];
  characters: CharacterDraft[];
  props: PropDraft[];
  dialogue: DialogueDraft[];
  effects: EffectDraft[];
  /** One ambience per line. */
  ambience: string;
  colours: ColourDraft[];
};

export const LISTS = ["shots", "characters", "props", "dialogue", "effects", "colours"] as const;
export type ListName = (typeof LISTS)[number];
/** Where each list lives in the brief document (and so in input names). */
export const LIST_PATH: Record<ListName, string> = { shots: "shots", characters: "characters", props: "props", dialogue: "dialogue", effects: "sound.effects", colours: "colours" };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const indices = (v: unknown): number[] => arr(v).filter((n): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0);

export function blankShot(setting = ""): ShotDraft {
  return { framing: "medium", camera: "static", action: "", setting, seconds: "4" };
}

const BLANK: Record<Exclude<ListName, "shots">, () => object> = {
  characters: (): CharacterDraft => ({ id: "", name: "", appearance: "", wardrobe: "", marks: "", shots: [0] }),
  props: (): PropDraft => ({ id: "", name: "", description: "", shots: [0] }),
  dialogue: (): DialogueDraft => ({ speaker: "voiceover", text: "", shot: "0", delivery: "" }),
  effects: (): EffectDraft => ({ shot: "0", effect: "" }),
  colours: (): ColourDraft => ({ subject: "", colour: "" }),
};

/** A draft from a stored brief (or any partial document: unknown fields are ignored, missing ones blank). */
export function draftFromBrief(input: unknown): BriefDraft {
  const b = obj(input);
  const sound = obj(b.sound);
  return {
    useCase: str(b.useCase),
    title: str(b.title),
    summary: str(b.summary),
    aspect: str(b.aspect) || "9:16",
    polish: str(b.polish) || "polished",
    language: str(b.language) || "en",
    lighting: str(b.lighting),
    paletteLead: str(b.paletteLead),
    look: str(b.look),
    shots: arr(b.shots).map((s) => {
      const o = obj(s);
      return { framing: str(o.framing), camera: str(o.camera) || "static", action: str(o.action), setting: str(o.setting), seconds: str(o.seconds) };
    }),
    characters: arr(b.characters).map((c) => {
      const o = obj(c);
      return { id: str(o.id), name: str(o.name), appearance: str(o.appearance), wardrobe: str(o.wardrobe), marks: str(o.marks), shots: indices(o.shots) };
    }),
    props: arr(b.props).map((p) => {
      const o = obj(p);
      return { id: str(o.id), name: str(o.name), description: str(o.description), shots: indices(o.shots) };
    }),
    dialogue: arr(b.dialogue).map((d) => {
      const o = obj(d);
      return { speaker: str(o.speaker), text: str(o.text), shot: str(o.shot), delivery: str(o.delivery) };
    }),
    effects: arr(sound.effects).map((e) => ({ shot: str(obj(e).shot), effect: str(obj(e).effect) })),
    ambience: arr(sound.ambience).map(str).join("\n"),
    colours: arr(b.colours).map((c) => ({ subject: str(obj(c).subject), colour: str(obj(c).colour) })),
  };
}

/** A number where the person typed one; otherwise the text, so validation says what is wrong with it. */
function num(text: string): number | string {
  const t = text.trim().replace(",", ".");
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : t;
}
/** Optional text: absent when blank. */
const opt = (key: string, text: string): Obj => (text.trim() ? { [key]: text } : {});

/** The brief document a draft stands for (not yet validated: pass it to parseBrief). */
export function briefFromDraft(d: BriefDraft): Obj {
  return {
    useCase: d.useCase,
    title: d.title,
    ...opt("summary", d.summary),
    aspect: d.aspect,
    polish: d.polish,
    language: d.language.trim() || "en",
    ...opt("lighting", d.lighting),
    ...opt("paletteLead", d.paletteLead),
    ...opt("look", d.look),
    shots: d.shots.map((s) => ({ framing: s.framing, camera: s.camera.trim() ? s.camera : "static", action: s.action, setting: s.setting, seconds: num(s.seconds) })),
    characters: d.characters.map((c) => ({ id: c.id.trim(), name: c.name, appearance: c.appearance, wardrobe: c.wardrobe, ...opt("marks", c.marks), shots: [...c.shots].sort((x, y) => x - y) })),
    props: d.props.map((p) => ({ id: p.id.trim(), name: p.name, description: p.description, shots: [...p.shots].sort((x, y) => x - y) })),
    dialogue: d.dialogue.map((l) => ({ speaker: l.speaker, text: l.text, shot: num(l.shot), ...opt("delivery", l.delivery) })),
    sound: {
      effects: d.effects.map((e) => ({ shot: num(e.shot), effect: e.effect })),
      ambience: d.ambience
        .split(/\r?\n/)
        .map((a) => a.trim())
        .filter(Boolean),
    },
    colours: d.colours.map((c) => ({ subject: c.subject, colour: c.colour })),
  };
}

/** Index-ordered items of a list from form names like `shots.3.action`. */
function listFromForm(form: FormData, path: string): Map<number, Map<string, FormDataEntryValue[]>> {
  const items = new Map<number, Map<string, FormDataEntryValue[]>>();
  const prefix = `${path}.`;
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d{1,3})\.([a-zA-Z]+)$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const index = Number(match[1]);
    const fields = items.get(index) ?? new Map<string, FormDataEntryValue[]>();
    fields.set(match[2] ?? "", [...(fields.get(match[2] ?? "") ?? []), value]);
    items.set(index, fields);
  }
  return new Map([...items.entries()].sort((a, b) => a[0] - b[0]));
}

/** The draft a posted form holds (with or without JavaScript). */
export function draftFromForm(form: FormData): BriefDraft {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const list = <T>(name: ListName, make: (get: (field: string) => string, all: (field: string) => string[]) => T): T[] =>
    [...listFromForm(form, LIST_PATH[name]).values()].map((fields) => {
      const all = (field: string) => (fields.get(field) ?? []).filter((v): v is string => typeof v === "string");
      return make((field) => all(field)[0] ?? "", all);
    });
  const shotList = (values: string[]) => values.filter((v) => /^\d{1,3}$/.test(v)).map(Number);
  return {
    useCase: text("useCase"),
    title: text("title"),
    summary: text("summary"),
    aspect: text("aspect") || "9:16",
    polish: text("polish") || "polished",
    language: text("language"),
    lighting: text("lighting"),
    paletteLead: text("paletteLead"),
    look: text("look"),
    shots: list("shots", (g) => ({ framing: g("framing"), camera: g("camera"), action: g("action"), setting: g("setting"), seconds: g("seconds") })),
    characters: list("characters", (g, all) => ({ id: g("id"), name: g("name"), appearance: g("appearance"), wardrobe: g("wardrobe"), marks: g("marks"), shots: shotList(all("shots")) })),
    props: list("props", (g, all) => ({ id: g("id"), name: g("name"), description: g("description"), shots: shotList(all("shots")) })),
    dialogue: list("dialogue", (g) => ({ speaker: g("speaker"), text: g("text"), shot: g("shot"), delivery: g("delivery") })),
    effects: list("effects", (g) => ({ shot: g("shot"), effect: g("effect") })),
    ambience: text("sound.ambience"),
    colours: list("colours", (g) => ({ subject: g("subject"), colour: g("colour") })),
  };
}

export type ListOp = { list: ListName; op: "add" | "remove" | "up" | "down"; index: number };

/** `list:shots:remove:2` -> the operation; null for anything else. */
export function decodeListOp(intent: string): ListOp | null {
  const m = /^list:([a-z]+):(add|remove|up|down):(\d{1,3})$/.exec(intent);
  if (!m || !(LISTS as readonly string[]).includes(m[1] ?? "")) return null;
  return { list: m[1] as ListName, op: m[2] as ListOp["op"], index: Number(m[3]) };
}

export function encodeListOp(op: ListOp): string {
  return `list:${op.list}:${op.op}:${op.index}`;
}

/** Rewrites every shot reference through `map` (null: the reference goes, from lists of shots). */
function remapShots(d: BriefDraft, map: (shot: number) => number | null): BriefDraft {
  const one = (s: string) => {
    const n = Number(s);
    if (s.trim() === "" || !Number.isInteger(n)) return s;
    return String(map(n) ?? Math.max(0, n - 1));
  };
  const many = (shots: number[]) => [...new Set(shots.map(map).filter((n): n is number => n !== null))].sort((a, b) => a - b);
  return {
    ...d,
    characters: d.characters.map((c) => ({ ...c, shots: many(c.shots) })),
    props: d.props.map((p) => ({ ...p, shots: many(p.shots) })),
    dialogue: d.dialogue.map((l) => ({ ...l, shot: one(l.shot) })),
    effects: d.effects.map((e) => ({ ...e, shot: one(e.shot) })),
  };
}

function move<T>(items: T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/**
 * Adds (at position `index`), removes or moves an item. For shots, references follow: a removed shot's lines
 * and effects move to the shot before it, and it leaves the cast lists; moved shots keep their lines.
 */
export function applyListOp(d: BriefDraft, { list, op, index }: ListOp): BriefDraft {
  const items = d[list] as unknown[];
  const n = items.length;
  if (op !== "add" && (index < 0 || index >= n)) return d;
  if (op === "up" && index === 0) return d;
  if (op === "down" && index === n - 1) return d;
  const at = Math.min(Math.max(index, 0), n); // "add" inserts at this position (n: at the end)
  if (list !== "shots") {
    const next = op === "add" ? [...items.slice(0, at), BLANK[list](), ...items.slice(at)] : op === "remove" ? items.filter((_, i) => i !== index) : move(items, index, op === "up" ? index - 1 : index + 1);
    return { ...d, [list]: next };
  }
  if (op === "add") {
    const shots = [...d.shots.slice(0, at), blankShot(d.shots[at - 1]?.setting ?? ""), ...d.shots.slice(at)];
    return { ...remapShots(d, (s) => (s >= at ? s + 1 : s)), shots };
  }
  if (op === "remove") {
    if (n === 1) return d; // a brief needs a shot; clear it instead
    const shots = d.shots.filter((_, i) => i !== index);
    return { ...remapShots(d, (s) => (s === index ? null : s > index ? s - 1 : s)), shots };
  }
  const other = op === "up" ? index - 1 : index + 1;
  return { ...remapShots(d, (s) => (s === index ? other : s === other ? index : s)), shots: move(d.shots, index, other) };
}

/** The name/value pairs a form holding this draft posts (what the studio's inputs are named). */
export function draftToFormEntries(d: BriefDraft): [string, string][] {
  const out: [string, string][] = [];
  for (const key of ["useCase", "title", "summary", "aspect", "polish", "language", "lighting", "paletteLead", "look"] as const) out.push([key, d[key]]);
  const push = (list: ListName, items: object[]) =>
    items.forEach((item, i) => {
      for (const [field, value] of Object.entries(item)) {
        if (Array.isArray(value)) value.forEach((v) => out.push([`${LIST_PATH[list]}.${i}.${field}`, String(v)]));
        else out.push([`${LIST_PATH[list]}.${i}.${field}`, String(value)]);
      }
    });
  push("shots", d.shots);
  push("characters", d.characters);
  push("props", d.props);
  push("dialogue", d.dialogue);
  push("effects", d.effects);
  out.push(["sound.ambience", d.ambience]);
  push("colours", d.colours);
  return out;
}
