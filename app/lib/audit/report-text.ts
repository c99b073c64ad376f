// The audit report as plain text for the terminal: score, the colour table, what is off brand and
// why, fonts for PDFs, and the rules it was judged by. Pure.
import { formatRatio } from "../kit/palette.ts";
import type { AuditReport } from "./audit.server.ts";
import type { ColourVerdict } from "./classify.ts";
import type { FontStatus } from "./pdf-fonts.server.ts";

export const percent = (share: number) => `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;

const CLASS_LABEL: Record<ColourVerdict["class"], string> = { same: "same colour", "on-brand": "on brand", warn: "warn", "off-brand": "off brand" };
const FONT_LABEL: Record<FontStatus, string> = { "kit-file": "kit font", "kit-family": "kit family, other file", "not-in-kit": "not in the kit" };

export function verdictLabel(c: ColourVerdict): string {
  if (c.blendOf) return `edge of ${c.blendOf[0].role} and ${c.blendOf[1].role}`;
  if (c.coveredBy) return `neutral, covered by ${c.coveredBy.role}`;
  return CLASS_LABEL[c.class];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()}`);
}

export function formatAuditReport(report: AuditReport): string {
  const { file } = report;
  const size = file.kind === "pdf" ? `PDF, ${report.pages?.count ?? 0} page(s)` : `${file.mime.slice(6).toUpperCase()}, ${file.width}×${file.height}`;
  const lines = [`Brand audit: ${file.name} (${size}) against ${report.kit.name}${report.kit.version ? ` v${report.kit.version}` : ""}`, ""];
  const extra = [
    report.chromaticScore === null ? "no colour beyond neutrals" : `colours alone ${percent(report.chromaticScore)}`,
    `neutrals ${percent(report.neutralShare)} of the image`,
  ];
  lines.push(`On-brand score: ${percent(report.score)} (${extra.join("; ")})`, "");
  lines.push(
    ...table([
      ["SHARE", "COLOUR", "NEAREST KIT COLOUR", "", "ΔE00", "VERDICT"],
      ...report.colours.map((c) => [percent(c.share), c.hex, `${c.nearest.role} ${c.nearest.hex}`, c.nearest.name, c.deltaE.toFixed(2), verdictLabel(c)]),
    ]),
  );
  if (report.offBrand.length) {
    lines.push("", "Not on brand:");
    for (const c of report.offBrand) {
      lines.push(`  ${c.hex} (${percent(c.share)} of the image): ${CLASS_LABEL[c.class]}, ΔE00 ${c.deltaE.toFixed(2)} from ${c.nearest.name} ${c.nearest.hex} (${c.nearest.role})`);
    }
  }
  if (report.pages && report.pages.scores.length > 1) {
    lines.push("", `Pages: ${report.pages.scores.map((p) => `${p.page}: ${percent(p.score)}`).join(", ")}`);
  }
  if (report.fonts) {
    lines.push("", "Fonts:");
    if (!report.fonts.used.length) lines.push("  none found");
    else
      lines.push(
        ...table(
          report.fonts.used.map((f) => [
            f.name,
            `${FONT_LABEL[f.status]}${f.roles.length ? ` (${f.roles.join(", ")})` : ""}`,
            f.embedded ? "embedded" : "NOT embedded",
            `page${f.pages.length > 1 ? "s" : ""} ${f.pages.join(", ")}`,
          ]),
        ),
      );
    lines.push(`  Kit: ${report.fonts.kit.map((k) => `${k.role} ${k.family}`).join(" · ")}`);
  }
  if (report.contrast) {
    const { texts, failures } = report.contrast;
    lines.push("", `Text contrast (${texts.length} layers, ${failures.length} failing):`);
    lines.push(
      ...table(
        texts.map((t) => [
          t.pass ? "pass" : "FAIL",
          `${formatRatio(t.ratio)} (needs ${t.required}:1${t.large ? ", large" : ""})`,
          `${t.colour} on ${t.background}`,
          `${t.field}: "${t.text.slice(0, 40)}"`,
        ]),
      ),
    );
  }
  lines.push("", `ΔE00 limits: ≤ ${report.thresholds.same} same colour, ≤ ${report.thresholds.onBrand} on brand, ≤ ${report.thresholds.warn} warn, beyond off brand.`);
  lines.push(`Neutrals: ${report.neutralRule}`, `Edges: ${report.blendRule}`);
  for (const note of report.notes) lines.push(`Note: ${note}`);
  return lines.join("\n");
}
