// A template's zod content schema -> a tree of form fields (built on the server, sent to the editor as
// JSON), and the editor's form data -> content. Field names are dotted content paths
// (`sections.0.items.2.price`), so a schema issue's path names the input that caused it.
// Pure: runs in the browser and on the server; reads zod schemas structurally (no zod runtime import).

interface FieldBase {
  key: string;
  label: string;
  required: boolean;
  help?: string;
}
export type TextField = FieldBase & { kind: "text"; multiline: boolean; maxLength?: number; minLength?: number };
export type NumberField = FieldBase & { kind: "number"; min?: number; max?: number; int: boolean };
export type BooleanField = FieldBase & { kind: "boolean" };
export type EnumField = FieldBase & { kind: "enum"; options: string[] };
/** An array of enum values: a set of checkboxes (dietary tags). */
export type ChoicesField = FieldBase & { kind: "choices"; options: string[] };
/** A photo slot: the content holds a `sha256:` reference to an uploaded image. */
export type ImageField = FieldBase & { kind: "image" };
/** An array of strings: one per line in a textarea. */
export type LinesField = FieldBase & { kind: "lines"; maxItems?: number; maxLength?: number };
export type GroupField = FieldBase & { kind: "group"; fields: FieldSpec[] };
/** An array of objects: repeatable groups with add, remove and reorder. */
export type RepeatField = FieldBase & { kind: "repeat"; fields: FieldSpec[]; min: number; max?: number; itemLabel: string };
/** Anything else (unions, records): edited as JSON text. */
export type JsonField = FieldBase & { kind: "json" };
export type FieldSpec = TextField | NumberField | BooleanField | EnumField | ChoicesField | ImageField | LinesField | GroupField | RepeatField | JsonField;

export type Content = Record<string, unknown>;
type Path = (string | number)[];

/** Every `sha256:` reference in the content: the photos uploaded into its image slots. */
export function photoRefs(content: unknown): Set<string> {
  const refs = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string" && /^sha256:[0-9a-f]{64}$/.test(v)) refs.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(content);
  return refs;
}

// ---------------------------------------------------------------- schema -> fields

/** The structural view of a zod 4 schema this module needs. */
interface ZodLike {
  _zod: { def: { type: string; [k: string]: unknown } };
  description?: string;
  meta?: () => Record<string, unknown> | undefined;
  maxLength?: number | null;
  minLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: unknown[];
  shape?: Record<string, ZodLike>;
  element?: ZodLike;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);
const IMAGE_KEY = /(^|[a-z])(image|photo|picture)s?$/i;

function isZod(v: unknown): v is ZodLike {
  return typeof v === "object" && v !== null && "_zod" in v;
}

/** Strips optional/default/pipe wrappers, collecting whether the value may be left out and any meta. */
function unwrap(schema: ZodLike): { inner: ZodLike; optional: boolean; meta: Record<string, unknown>; description?: string } {
  let s = schema;
  let optional = false;
  let meta: Record<string, unknown> = {};
  let description: string | undefined;
  for (let depth = 0; depth < 12; depth++) {
    meta = { ...(s.meta?.() ?? {}), ...meta };
    description ??= s.description;
    const def = s._zod.def;
    if (WRAPPERS.has(def.type)) {
      if (def.type !== "nonoptional" && def.type !== "readonly") optional = true;
      const next = def.innerType;
      if (!isZod(next)) break;
      s = next;
    } else if (def.type === "pipe" && isZod(def.in)) {
      s = def.in;
    } else break;
  }
  meta = { ...(s.meta?.() ?? {}), ...meta };
  return { inner: s, optional, meta, description: description ?? s.description };
}

const WORDS: Record<string, string> = { cta: "Call to action", url: "Web address", qr: "QR code", id: "ID" };

/** "priceLabel" / "price_label" -> "Price label"; a few abbreviations spelled out ("cta"). */
export function humanise(key: string): string {
  const known = WORDS[key.toLowerCase()];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function arrayLimits(schema: ZodLike): { min: number; max?: number } {
  const checks = (schema._zod.def.checks as { _zod?: { def?: { check?: string; minimum?: number; maximum?: number; length?: number } } }[] | undefined) ?? [];
  let min = 0;
  let max: number | undefined;
  for (const c of checks) {
    const d = c._zod?.def;
    if (d?.check === "min_length" && typeof d.minimum === "number") min = d.minimum;
    if (d?.check === "max_length" && typeof d.maximum === "number") max = d.maximum;
    if (d?.check === "length_equals" && typeof d.length === "number") min = max = d.length;
  }
  return { min, max };
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function fieldFor(key: string, schema: ZodLike, path: string): FieldSpec {
  const { inner, optional, meta, description } = unwrap(schema);
  const type = inner._zod.def.type;
  const label = typeof meta.label === "string" ? meta.label : typeof meta.title === "string" ? meta.title : humanise(key);
  const help = description ?? (typeof meta.help === "string" ? meta.help : undefined);
  const base: FieldBase = { key, label, required: !optional, ...(help ? { help } : {}) };
  const imageHint = meta.kind === "image" || meta.format === "image" || meta.image === true;
  switch (type) {
    case "string": {
      if (imageHint || (meta.kind === undefined && IMAGE_KEY.test(key))) return { ...base, kind: "image" };
      const maxLength = num(inner.maxLength);
      const minLength = num(inner.minLength);
      const multiline = meta.multiline === true || (meta.multiline !== false && maxLength !== undefined && maxLength > 80);
      return { ...base, kind: "text", multiline, ...(maxLength !== undefined ? { maxLength } : {}), ...(minLength ? { minLength } : {}) };
    }
    case "number":
    case "int":
      return { ...base, kind: "number", int: inner.isInt === true || type === "int", ...(num(inner.minValue) !== undefined ? { min: num(inner.minValue) } : {}), ...(num(inner.maxValue) !== undefined ? { max: num(inner.maxValue) } : {}) };
    case "boolean":
      return { ...base, kind: "boolean", required: false };
    case "enum":
      return { ...base, kind: "enum", options: (inner.options ?? []).map(String) };
    case "literal": {
      const values = (inner._zod.def.values as unknown[] | undefined) ?? [];
      return { ...base, kind: "enum", options: values.map(String) };
    }
    case "object":
      return { ...base, kind: "group", fields: fieldsFromShape(inner.shape ?? {}, path) };
    case "array": {
      const element = inner.element;
      if (!element) break;
      const limits = arrayLimits(inner);
      const el = unwrap(element);
      const elType = el.inner._zod.def.type;
      if (elType === "object") {
        const itemLabel = typeof meta.itemLabel === "string" ? meta.itemLabel : singular(label);
        return { ...base, kind: "repeat", fields: fieldsFromShape(el.inner.shape ?? {}, `${path}.*`), itemLabel, min: limits.min, ...(limits.max !== undefined ? { max: limits.max } : {}) };
      }
      if (elType === "enum") return { ...base, kind: "choices", options: (el.inner.options ?? []).map(String) };
      if (elType === "string") {
        const maxLength = num(el.inner.maxLength);
        return { ...base, kind: "lines", ...(limits.max !== undefined ? { maxItems: limits.max } : {}), ...(maxLength !== undefined ? { maxLength } : {}) };
      }
      break;
    }
  }
  return { ...base, kind: "json" };
}

function singular(label: string): string {
  if (/ies$/i.test(label)) return label.replace(/ies$/i, "y");
  if (/[^s]s$/i.test(label)) return label.slice(0, -1);
  return label;
}

function fieldsFromShape(shape: Record<string, ZodLike>, path: string): FieldSpec[] {
  return Object.entries(shape).map(([key, schema]) => fieldFor(key, schema, path ? `${path}.${key}` : key));
}

/** The form fields for a template's content schema (a zod object). */
export function fieldsFromSchema(schema: unknown): FieldSpec[] {
  if (!isZod(schema)) throw new Error("content schema: not a zod schema");
  const { inner } = unwrap(schema);
  if (inner._zod.def.type !== "object") throw new Error(`content schema: expected an object at the top, got ${inner._zod.def.type}`);
  return fieldsFromShape(inner.shape ?? {}, "");
}

// ---------------------------------------------------------------- paths

export function fieldName(prefix: string, key: string | number): string {
  return prefix ? `${prefix}.${key}` : String(key);
}

export function parsePath(name: string): Path {
  return name === "" ? [] : name.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function getAt(value: unknown, path: string | Path): unknown {
  let v = value;
  for (const p of typeof path === "string" ? parsePath(path) : path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** Returns a copy of `root` with `value` at `path` (copying only the objects along the way). */
export function setAt<T>(root: T, path: string | Path, value: unknown): T {
  const parts = typeof path === "string" ? parsePath(path) : path;
  if (parts.length === 0) return value as T;
  const [head, ...rest] = parts as [string | number, ...Path];
  const base: Record<string | number, unknown> | unknown[] = Array.isArray(root) ? [...root] : root && typeof root === "object" ? { ...(root as object) } : typeof head === "number" ? [] : {};
  const child = (base as Record<string | number, unknown>)[head];
  const next = setAt(child, rest, value);
  if (next === undefined && !Array.isArray(base)) delete (base as Record<string, unknown>)[head];
  else (base as Record<string | number, unknown>)[head] = next;
  return base as T;
}

// ---------------------------------------------------------------- repeatable groups

/** A blank item for a repeatable group: empty texts, first option, nested groups at their minimum. */
export function blankItem(fields: FieldSpec[]): Content {
  const out: Content = {};
  for (const f of fields) {
    if (f.kind === "text") out[f.key] = "";
    else if (f.kind === "boolean") out[f.key] = false;
    else if (f.kind === "enum" && f.required) out[f.key] = f.options[0];
    else if (f.kind === "choices" || f.kind === "lines") out[f.key] = [];
    else if (f.kind === "group") out[f.key] = blankItem(f.fields);
    else if (f.kind === "repeat") out[f.key] = Array.from({ length: f.min }, () => blankItem(f.fields));
  }
  return out;
}

export type ListOp = { op: "add" | "remove" | "up" | "down"; path: string; index: number };

/** Encodes a list operation as a button value (`add:sections.0.items:3`), for forms without JS. */
export function encodeListOp(op: ListOp): string {
  return `${op.op}:${op.path}:${op.index}`;
}

export function decodeListOp(value: string): ListOp | null {
  const m = /^(add|remove|up|down):([\w.]+):(\d+)$/.exec(value);
  return m ? { op: m[1] as ListOp["op"], path: m[2] ?? "", index: Number(m[3]) } : null;
}

/** The repeat field a content path (`sections.1.items`) points at, or undefined. */
export function repeatFieldAt(fields: FieldSpec[], path: string): RepeatField | undefined {
  let current: FieldSpec[] = fields;
  let found: FieldSpec | undefined;
  for (const part of parsePath(path)) {
    if (typeof part === "number") {
      if (found?.kind !== "repeat") return undefined;
      current = found.fields;
      continue;
    }
    found = current.find((f) => f.key === part);
    if (!found) return undefined;
    if (found.kind === "group") current = found.fields;
  }
  return found?.kind === "repeat" ? found : undefined;
}

/** Adds (after `index`), removes or moves an item of a repeatable group; respects the group's min/max. */
export function applyListOp(content: Content, fields: FieldSpec[], op: ListOp): Content {
  const field = repeatFieldAt(fields, op.path);
  if (!field) return content;
  const list = getAt(content, op.path);
  const items = Array.isArray(list) ? [...list] : [];
  const i = op.index;
  if (op.op === "add") {
    if (field.max !== undefined && items.length >= field.max) return content;
    items.splice(Math.min(i + 1, items.length), 0, blankItem(field.fields));
  } else if (op.op === "remove") {
    if (items.length <= field.min || i >= items.length) return content;
    items.splice(i, 1);
  } else {
    const j = op.op === "up" ? i - 1 : i + 1;
    if (i >= items.length || j < 0 || j >= items.length) return content;
    [items[i], items[j]] = [items[j], items[i]];
  }
  return setAt(content, op.path, items);
}

// ---------------------------------------------------------------- form data <-> content

type FormLike = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

const text = (form: FormLike, name: string): string | undefined => {
  const v = form.get(name);
  return typeof v === "string" ? v.replace(/\r\n?/g, "\n") : undefined;
};

/** The number of items of a repeat field: its `<name>.length` hidden input. */
export function lengthName(name: string): string {
  return `${name}.length`;
}

/**
 * Content from the editor's form. Values are coerced to the schema's types (numbers, booleans, lists)
 * but not validated: the template schema does that and its issue paths name these same inputs.
 */
export function formToContent(form: FormLike, fields: FieldSpec[], prefix = ""): Content {
  const out: Content = {};
  for (const f of fields) {
    const name = fieldName(prefix, f.key);
    const value = readField(form, f, name);
    if (value !== undefined) out[f.key] = value;
  }
  return out;
}

function readField(form: FormLike, f: FieldSpec, name: string): unknown {
  switch (f.kind) {
    case "text": {
      const v = text(form, name);
      return v === undefined || (v === "" && !f.required) ? undefined : v;
    }
    case "image":
    case "enum": {
      const v = text(form, name)?.trim();
      return v ? v : undefined;
    }
    case "number": {
      const v = text(form, name)?.trim();
      if (!v) return undefined;
      // A decimal comma ("4,50") is read as a point; anything else goes to the schema as typed.
      const n = Number(/^-?\d+,\d{1,2}$/.test(v) ? v.replace(",", ".") : v);
      return Number.isNaN(n) ? v : n;
    }
    case "boolean": {
      const v = form.getAll(name).map(String);
      return v.some((x) => x === "on" || x === "true" || x === "1");
    }
    case "choices":
      return form.getAll(name).map(String).filter((v) => f.options.includes(v));
    case "lines": {
      const v = text(form, name);
      if (v === undefined) return f.required ? [] : undefined;
      return v
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean);
    }
    case "group":
      return formToContent(form, f.fields, name);
    case "repeat": {
      const count = Math.min(Number(text(form, lengthName(name)) ?? 0) || 0, 1000);
      return Array.from({ length: count }, (_, i) => formToContent(form, f.fields, fieldName(name, i)));
    }
    case "json": {
      const v = text(form, name)?.trim();
      if (!v) return undefined;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    }
  }
}

/** The name/value pairs the editor's form posts for `content` (what a browser would submit). */
export function contentToFormEntries(content: unknown, fields: FieldSpec[], prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const f of fields) {
    const name = fieldName(prefix, f.key);
    const v = getAt(content, [f.key]);
    switch (f.kind) {
      case "text":
      case "enum":
      case "image":
      case "number":
        out.push([name, v === undefined || v === null ? "" : String(v)]);
        break;
      case "boolean":
        if (v === true) out.push([name, "on"]);
        break;
      case "choices":
        for (const c of Array.isArray(v) ? v : []) out.push([name, String(c)]);
        break;
      case "lines":
        out.push([name, (Array.isArray(v) ? v : []).join("\n")]);
        break;
      case "group":
        out.push(...contentToFormEntries(v ?? {}, f.fields, name));
        break;
      case "repeat": {
        const items = Array.isArray(v) ? v : [];
        out.push([lengthName(name), String(items.length)]);
        items.forEach((item, i) => out.push(...contentToFormEntries(item, f.fields, fieldName(name, i))));
        break;
      }
      case "json":
        out.push([name, v === undefined ? "" : JSON.stringify(v, null, 2)]);
        break;
    }
  }
  return out;
}

/** Field errors keyed by input name, from schema issues (`{path, message}`); the first per field wins. */
export function errorsByField(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path || "content"] ??= i.message;
  return out;
}
