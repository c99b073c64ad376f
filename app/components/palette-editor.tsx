// Palette editor: colour picker + CSS colour field + prompt name (+ print notes) per role, custom
// roles added and removed in place, and a live contrast matrix computed from the unsaved values.
import { useState } from "react";
import { toHex } from "~/lib/kit/colour.ts";
import { PALETTE_ROLES, ROLE_NAME, type BrandKit } from "~/lib/kit/schema.ts";
import { contrastMatrix } from "~/lib/kit/palette.ts";
import { ContrastMatrix } from "./contrast-matrix.tsx";

export interface PaletteRow {
  role: string;
  color: string;
  name: string;
  cmyk: string;
  pantone: string;
}

type Proposal = Partial<Record<string, { color: string; name: string; reason: string }>>;

const isCore = (role: string) => (PALETTE_ROLES as readonly string[]).includes(role);

export function PaletteEditor({ rows, onChange, errors, proposal }: { rows: PaletteRow[]; onChange: (rows: PaletteRow[]) => void; errors: Record<string, string>; proposal?: Proposal }) {
  const [newRole, setNewRole] = useState("");
  const update = (i: number, patch: Partial<PaletteRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const newRoleError = newRole && (!ROLE_NAME.test(newRole) ? "lower-case words joined by dashes, e.g. highlight" : rows.some((r) => r.role === newRole) ? "that role exists" : "");
  const applyProposal = () => {
    if (!proposal) return;
    onChange(rows.map((r) => {
      const p = proposal[r.role];
      return p ? { ...r, color: p.color, name: p.name } : r;
    }));
  };
  return (
    <div>
      {rows.map((row, i) => {
        const hex = toHex(row.color);
        const base = `palette.${row.role}`;
        return (
          <div className="palette-row" key={row.role} data-role={row.role}>
            <div className="role">{row.role}<input type="hidden" name="roles" value={row.role} /></div>
            <input type="color" aria-label={`${row.role} colour picker`} value={hex ?? "#000000"} onChange={(e) => update(i, { color: e.target.value })} />
            <div>
              <input name={`${base}.color`} aria-label={`${row.role} colour`} value={row.color} onChange={(e) => update(i, { color: e.target.value })} aria-invalid={!hex} />
              {!hex || errors[`${base}.color`] ? <div className="field-error" role="alert">{errors[`${base}.color`] ?? "not a colour"}</div> : null}
            </div>
            <div className="wide">
              <input name={`${base}.name`} aria-label={`${row.role} name for prompts`} placeholder="name for prompts, e.g. harbour navy" value={row.name} onChange={(e) => update(i, { name: e.target.value })} />
              {errors[`${base}.name`] ? <div className="field-error" role="alert">{errors[`${base}.name`]}</div> : null}
            </div>
            {isCore(row.role) ? <span /> : <button type="button" className="danger" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove ${row.role}`}>✕</button>}
            <details className="wide" style={{ gridColumn: "1 / -1" }}>
              <summary className="muted small">Print notes</summary>
              <div className="row">
                <div><label htmlFor={`${base}.cmyk`}>CMYK (C M Y K, 0–100)</label><input id={`${base}.cmyk`} name={`${base}.cmyk`} value={row.cmyk} onChange={(e) => update(i, { cmyk: e.target.value })} placeholder="90 60 0 40" /></div>
                <div><label htmlFor={`${base}.pantone`}>Pantone</label><input id={`${base}.pantone`} name={`${base}.pantone`} value={row.pantone} onChange={(e) => update(i, { pantone: e.target.value })} placeholder="PMS 534 C" /></div>
              </div>
              {errors[`${base}.print.cmyk`] || errors[`${base}.print.cmyk.0`] ? <div className="field-error">{errors[`${base}.print.cmyk`] ?? "CMYK needs four numbers from 0 to 100"}</div> : null}
            </details>
          </div>
        );
      })}
      <div className="row" style={{ marginTop: ".6rem" }}>
        <div>
          <label htmlFor="new-role">Add a custom role</label>
          <input id="new-role" value={newRole} onChange={(e) => setNewRole(e.target.value.trim())} placeholder="e.g. highlight" />
          {newRoleError ? <div className="field-error">{newRoleError}</div> : null}
        </div>
        <button type="button" disabled={!newRole || Boolean(newRoleError)} onClick={() => { onChange([...rows, { role: newRole, color: "#888888", name: newRole.replace(/-/g, " "), cmyk: "", pantone: "" }]); setNewRole(""); }} style={{ flex: "0 0 auto" }}>Add role</button>
      </div>
      {proposal ? (
        <div className="notice warn" style={{ marginTop: "1rem" }}>
          <b>Suggested from your logo</b>
          <ul className="small">
            {Object.entries(proposal).map(([role, p]) => p ? <li key={role}><span className="tag" style={{ background: p.color, color: "transparent" }}>■</span> {role}: {p.name} {p.color} <span className="muted">— {p.reason}</span></li> : null)}
          </ul>
          <button type="button" onClick={applyProposal}>Use these colours</button> <span className="muted small">then Save to keep them.</span>
        </div>
      ) : null}
    </div>
  );
}

const BODY_PAIRS: [string, string][] = [
  ["text", "background"],
  ["text", "surface"],
  ["muted", "background"],
  ["muted", "surface"],
];

function Matrix({ rows }: { rows: PaletteRow[] }) {
  const palette: Record<string, { color: string; name: string }> = {};
  for (const r of rows) {
    const hex = toHex(r.color);
    if (hex) palette[r.role] = { color: hex, name: r.name };
  }
  const m = contrastMatrix({ palette: palette as BrandKit["palette"] });
  // The pairs every layout uses for running text; the full matrix below shows all the others.
  const bodyPairs = BODY_PAIRS.map(([t, b]) => ({ t, b, c: m.cell(t, b) })).filter((x) => x.c && !x.c.passAA);
  const primaryText = m.texts.filter((t) => t.role !== "primary").map((t) => m.cell(t.role, "primary")).some((c) => c?.passAA);
  return (
    <div className="card">
      <h3 style={{ marginTop: 0 }}>Contrast (live)</h3>
      {bodyPairs.length ? (
        <div className="notice error" role="alert" data-testid="contrast-warning">
          Body text fails: {bodyPairs.map((f) => `${f.t} on ${f.b} is ${Math.floor((f.c?.ratio ?? 0) * 100) / 100}:1`).join("; ")} — below 4.5:1.
        </div>
      ) : (
        <div className="notice ok" role="status">Body text passes WCAG AA on background and surface.</div>
      )}
      {m.cell("text", "primary") && !primaryText ? (
        <div className="notice warn" role="status">No kit colour reads at 4.5:1 on primary; designs will use black or white text there.</div>
      ) : null}
      <ContrastMatrix palette={palette as BrandKit["palette"]} />
    </div>
  );
}

PaletteEditor.Matrix = Matrix;
