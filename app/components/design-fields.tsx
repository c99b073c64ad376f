// The editor's form, generated from a template's field specs. Inputs are controlled by the content
// state and named by content path (`content.sections.0.items.1.price`), so the same form posts the
// content without JavaScript. Repeatable groups get add / remove / reorder buttons that work as form
// submissions without JS and as instant state changes with it.
import type { ReactNode } from "react";
import { encodeListOp, fieldName, getAt, lengthName, type FieldSpec, type ListOp, type RepeatField } from "~/lib/templates/content-form.ts";

export interface FieldsProps {
  fields: FieldSpec[];
  content: unknown;
  prefix: string;
  onChange(name: string, value: unknown): void;
  onListOp(op: ListOp): void;
  onUpload(name: string, file: File): void;
  /** Messages by input name: validation errors and, separately, text that did not fit. */
  errors: Record<string, string>;
  warnings: Record<string, string>;
  uploading?: string | null;
  /** Where to show a picture of the photo a slot holds; null when there is none to show. */
  photoSrc?(ref: string): string | null;
}

/** Names are `content.<path>`; list operations and `errors` use the path after the prefix. */
const stripPrefix = (prefix: string, name: string) => (name.startsWith(`${prefix}.`) ? name.slice(prefix.length + 1) : name);

export function DesignFields(props: FieldsProps) {
  return <FieldList {...props} />;
}

/** How much of a row a single-line field needs (1–2), or 0 when it takes the whole width. */
function rowWeight(f: FieldSpec): number {
  if (f.kind === "number" || f.kind === "enum") return 1;
  if (f.kind === "text" && !f.multiline) return (f.maxLength ?? 999) <= 40 ? 1 : (f.maxLength ?? 999) <= 100 ? 2 : 0;
  return 0;
}

function FieldList(props: FieldsProps) {
  const { fields, content, prefix } = props;
  // Runs of single-line fields (a dish's name and price) share a row, sized by how long they may be.
  const rows: FieldSpec[][] = [];
  for (const f of fields) {
    const last = rows[rows.length - 1];
    const used = last?.reduce((n, x) => n + rowWeight(x), 0) ?? 0;
    if (last && rowWeight(f) && last.every((x) => rowWeight(x) > 0) && used + rowWeight(f) <= 4) last.push(f);
    else rows.push([f]);
  }
  const one = (f: FieldSpec) => <Field key={f.key} {...props} field={f} name={fieldName(prefix, f.key)} value={getAt(content, [f.key])} />;
  return (
    <>
      {rows.map((row) =>
        row.length > 1 ? (
          <div className="row design-row" key={row.map((f) => f.key).join("+")}>
            {row.map((f) => <div key={f.key} style={{ flex: rowWeight(f) }}>{one(f)}</div>)}
          </div>
        ) : (
          one(row[0]!)
        ),
      )}
    </>
  );
}

function Messages({ name, errors, warnings }: { name: string; errors: Record<string, string>; warnings: Record<string, string> }) {
  return (
    <>
      {errors[name] ? <div className="field-error" role="alert" data-field-error={name}>{errors[name]}</div> : null}
      {warnings[name] ? <div className="field-warn" data-field-warning={name}>{warnings[name]}</div> : null}
    </>
  );
}

function Label({ name, field, value }: { name: string; field: FieldSpec; value?: unknown }) {
  // The count appears once the text is getting long, so a form of many fields stays quiet.
  const count = field.kind === "text" && field.maxLength && typeof value === "string" && value.length >= field.maxLength * 0.7 ? `${value.length}/${field.maxLength}` : null;
  return (
    <label htmlFor={name} className="design-label">
      <span>{field.label}{field.required && field.kind !== "boolean" ? "" : <span className="muted"> (optional)</span>}</span>
      {count ? <span className={`muted small${field.kind === "text" && field.maxLength && String(value).length > field.maxLength ? " over" : ""}`}>{count}</span> : null}
    </label>
  );
}

function Field(props: FieldsProps & { field: FieldSpec; name: string; value: unknown }) {
  const { field, name, value, onChange, errors, warnings } = props;
  const invalid = errors[name] ? true : undefined;
  const wrap = (control: ReactNode, label = true) => (
    <div className={`field${warnings[name] ? " has-warning" : ""}`} data-field={name}>
      {label ? <Label name={name} field={field} value={value} /> : null}
      {control}
      {field.help ? <div className="muted small">{field.help}</div> : null}
      <Messages name={name} errors={errors} warnings={warnings} />
    </div>
  );
  switch (field.kind) {
    case "text": {
      const common = { id: name, name, value: typeof value === "string" ? value : "", "aria-invalid": invalid, onChange: (e: { target: { value: string } }) => onChange(name, e.target.value) };
      return wrap(field.multiline ? <textarea {...common} rows={Math.min(6, Math.max(2, Math.ceil((field.maxLength ?? 200) / 120)))} /> : <input type="text" {...common} />);
    }
    case "number":
      return wrap(
        <input
          id={name}
          name={name}
          type="number"
          inputMode="decimal"
          step={field.int ? 1 : "any"}
          min={field.min}
          max={field.max}
          value={typeof value === "number" || typeof value === "string" ? String(value) : ""}
          aria-invalid={invalid}
          onChange={(e) => onChange(name, e.target.value === "" ? undefined : Number.isNaN(Number(e.target.value)) ? e.target.value : Number(e.target.value))}
        />,
      );
    case "boolean":
      return wrap(
        <label className="check">
          <input type="checkbox" name={name} id={name} checked={value === true} onChange={(e) => onChange(name, e.target.checked)} /> {field.label}
        </label>,
        false,
      );
    case "enum":
      return wrap(
        <select id={name} name={name} value={typeof value === "string" ? value : ""} aria-invalid={invalid} onChange={(e) => onChange(name, e.target.value || undefined)}>
          {!field.required ? <option value="">—</option> : null}
          {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>,
      );
    case "choices": {
      const chosen = Array.isArray(value) ? value.map(String) : [];
      return (
        <fieldset className="choices" data-field={name}>
          <legend>{field.label}</legend>
          {field.options.map((o) => (
            <label key={o} className="check">
              <input type="checkbox" name={name} value={o} checked={chosen.includes(o)} onChange={(e) => onChange(name, e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} /> {o}
            </label>
          ))}
          <Messages name={name} errors={errors} warnings={warnings} />
        </fieldset>
      );
    }
    case "lines":
      return wrap(<textarea id={name} name={name} rows={3} value={Array.isArray(value) ? value.join("\n") : ""} onChange={(e) => onChange(name, e.target.value.split("\n"))} />);
    case "image":
      return wrap(<ImageSlot {...props} name={name} value={typeof value === "string" ? value : ""} />);
    case "group":
      return (
        <fieldset className="design-group" data-field={name}>
          <legend>{field.label}</legend>
          <FieldList {...props} fields={field.fields} content={value ?? {}} prefix={name} />
        </fieldset>
      );
    case "repeat":
      return <Repeat {...props} field={field} name={name} value={value} />;
    case "json":
      return wrap(<textarea id={name} name={name} rows={4} value={typeof value === "string" ? value : JSON.stringify(value ?? null, null, 2)} onChange={(e) => onChange(name, e.target.value)} />);
  }
}

function ImageSlot({ name, value, onChange, onUpload, uploading, photoSrc }: FieldsProps & { name: string; value: string }) {
  const src = value ? (photoSrc?.(value) ?? null) : null;
  return (
    <div className="image-slot">
      <input type="hidden" name={name} value={value} />
      {src ? <img className="photo-thumb" src={src} alt="" width={72} height={72} /> : null}
      <span className={value ? "tag ok" : "tag"}>{uploading === name ? "Uploading…" : value ? "Photo set" : "No photo"}</span>
      <input
        type="file"
        id={name}
        name={`file:${name}`}
        accept="image/png,image/jpeg,image/webp"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onUpload(name, file);
          e.target.value = "";
        }}
      />
      {value ? <button type="button" className="small-btn" onClick={() => onChange(name, undefined)}>Remove</button> : null}
    </div>
  );
}

function ListButton({ op, label, title, disabled, onListOp, prefix }: { op: ListOp; label: string; title: string; disabled?: boolean; onListOp(op: ListOp): void; prefix: string }) {
  const value = `list:${encodeListOp({ ...op, path: stripPrefix(prefix, op.path) })}`;
  return (
    <button
      type="submit"
      name="intent"
      value={value}
      className="small-btn"
      title={title}
      aria-label={title}
      disabled={disabled}
      onClick={(e) => {
        e.preventDefault();
        onListOp({ ...op, path: stripPrefix(prefix, op.path) });
      }}
    >
      {label}
    </button>
  );
}

function Repeat(props: FieldsProps & { field: RepeatField; name: string; value: unknown }) {
  const { field, name, value, errors, warnings, onListOp } = props;
  const items = Array.isArray(value) ? value : [];
  const rootPrefix = name.split(".")[0] ?? "";
  const full = field.max !== undefined && items.length >= field.max;
  return (
    <fieldset className="design-repeat" data-field={name}>
      <legend>
        {field.label} <span className="muted small">({items.length}{field.max !== undefined ? ` of up to ${field.max}` : ""})</span>
      </legend>
      <input type="hidden" name={lengthName(name)} value={items.length} />
      <Messages name={name} errors={errors} warnings={warnings} />
      {items.map((item, i) => {
        const itemName = fieldName(name, i);
        const summary = field.fields.find((f) => f.kind === "text");
        const title = summary ? getAt(item, [summary.key]) : undefined;
        return (
          <div className="design-item" key={i} data-item={itemName}>
            <div className="design-item-head">
              <strong>{field.itemLabel} {i + 1}</strong>
              {typeof title === "string" && title ? <span className="muted small ellipsis">{title}</span> : null}
              <span className="design-item-tools">
                <ListButton prefix={rootPrefix} onListOp={onListOp} op={{ op: "up", path: name, index: i }} label="↑" title={`Move ${field.itemLabel.toLowerCase()} ${i + 1} up`} disabled={i === 0} />
                <ListButton prefix={rootPrefix} onListOp={onListOp} op={{ op: "down", path: name, index: i }} label="↓" title={`Move ${field.itemLabel.toLowerCase()} ${i + 1} down`} disabled={i === items.length - 1} />
                <ListButton prefix={rootPrefix} onListOp={onListOp} op={{ op: "remove", path: name, index: i }} label="✕" title={`Remove ${field.itemLabel.toLowerCase()} ${i + 1}`} disabled={items.length <= field.min} />
              </span>
            </div>
            <Messages name={itemName} errors={errors} warnings={warnings} />
            <FieldList {...props} fields={field.fields} content={item} prefix={itemName} />
          </div>
        );
      })}
      <ListButton prefix={rootPrefix} onListOp={onListOp} op={{ op: "add", path: name, index: items.length - 1 }} label={`+ Add ${field.itemLabel.toLowerCase()}`} title={`Add ${field.itemLabel.toLowerCase()}`} disabled={full} />
    </fieldset>
  );
}
