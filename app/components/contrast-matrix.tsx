// The WCAG contrast of every kit colour as text on every kit colour as background.
// Fails (< 4.5:1) are marked; 3:1–4.5:1 passes only for large text. No rounding up.
import { contrastMatrix } from "~/lib/kit/palette.ts";
import type { BrandKit } from "~/lib/kit/schema.ts";

export function ContrastMatrix({ palette }: { palette: BrandKit["palette"] }) {
  const m = contrastMatrix({ palette });
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="matrix" aria-label="Contrast matrix">
        <thead>
          <tr>
            <th scope="col">text ↓ / background →</th>
            {m.backgrounds.map((b) => (
              <th key={b.role} scope="col" style={{ borderTop: `6px solid ${b.hex}` }}>{b.role}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.texts.map((t) => (
            <tr key={t.role}>
              <th scope="row" style={{ borderLeft: `6px solid ${t.hex}` }}>{t.role}</th>
              {m.backgrounds.map((b) => {
                const cell = m.cell(t.role, b.role);
                if (!cell || t.role === b.role) return <td key={b.role} className="muted">—</td>;
                const cls = cell.passAA ? "pass" : cell.passLarge ? "large" : "fail";
                const label = cell.passAA ? "passes AA" : cell.passLarge ? "large text only" : "fails";
                return (
                  <td key={b.role} className={cls} title={`${t.role} on ${b.role}: ${cell.ratio.toFixed(2)}:1 — ${label}`} data-pair={`${t.role}/${b.role}`} data-status={cls}>
                    <span style={{ display: "inline-block", padding: "0 .3rem", background: b.hex, color: t.hex, borderRadius: 3, fontWeight: 700 }}>Aa</span>{" "}
                    {Math.floor(cell.ratio * 100) / 100}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
