// A/B variants of one brief for ad testing: each variant changes exactly one labelled axis (lighting,
// palette emphasis, framing or line reading) so a winner says which choice made the difference.
import type { BrandKit } from "../kit/schema.ts";
import { parseBrief, type Framing, type VideoBrief } from "./brief.ts";
import { compileBrief, type CompiledBrief, type CompileOptions } from "./compile.ts";

export const VARIANT_AXES = ["lighting", "palette-emphasis", "framing", "line-reading"] as const;
export type VariantAxis = (typeof VARIANT_AXES)[number];
export const MAX_VARIANTS = 12;

export type Variant = {
  label: string;
  axis: VariantAxis;
  description: string;
  brief: VideoBrief;
  compiled: CompiledBrief;
};

/** The brief fields each axis may change; the tests hold variants to this. */
export const AXIS_FIELDS: Record<VariantAxis, RegExp> = {
  lighting: /^lighting$/,
  "palette-emphasis": /^paletteLead$/,
  framing: /^shots\.\d+\.framing$/,
  "line-reading": /^dialogue\.\d+\.delivery$/,
};

type Candidate = { axis: VariantAxis; label: string; description: string; apply: (b: VideoBrief) => VideoBrief | null };

const LIGHTING = [
  { label: "Golden hour", text: "golden hour, low warm sun raking from camera left, long soft shadows" },
  { label: "Overcast soft", text: "overcast daylight, soft even light, gentle shadows, true-to-life colours" },
  { label: "Evening practicals", text: "early evening, warm practical lamps and window glow against blue dusk" },
];

const LEADS = ["accent", "secondary", "primary"];

const TIGHTER: Partial<Record<Framing, Framing>> = { aerial: "wide", wide: "medium", medium: "close-up" };
const WIDER: Partial<Record<Framing, Framing>> = { "close-up": "medium", medium: "wide", insert: "close-up" };

const READINGS = [
  { label: "Warm reading", text: "warm and smiling, unhurried" },
  { label: "Deadpan reading", text: "deadpan, dry and understated" },
  { label: "Upbeat reading", text: "upbeat and quick, genuinely excited" },
];

function reframe(brief: VideoBrief, map: Partial<Record<Framing, Framing>>): VideoBrief | null {
  let changed = false;
  const shots = brief.shots.map((s) => {
    const framing = map[s.framing];
    if (!framing) return s;
    changed = true;
    return { ...s, framing };
  });
  return changed ? { ...brief, shots } : null;
}

function candidates(kit: BrandKit): Candidate[][] {
  const lighting = LIGHTING.map(
    (l): Candidate => ({
      axis: "lighting",
      label: l.label,
      description: `Lighting: ${l.text}.`,
      apply: (b) => (b.lighting === l.text ? null : { ...b, lighting: l.text }),
    }),
  );
  const palette = LEADS.filter((role) => kit.palette[role]).map(
    (role): Candidate => ({
      axis: "palette-emphasis",
      label: `${role.charAt(0).toUpperCase()}${role.slice(1)}-led`,
      description: `Palette anchors led by ${kit.palette[role]?.name ?? role} (the kit's ${role} colour).`,
      apply: (b) => ((b.paletteLead ?? "primary") === role ? null : { ...b, paletteLead: role }),
    }),
  );
  const framing: Candidate[] = [
    { axis: "framing", label: "Tighter framing", description: "Every shot framed one step tighter (wide to medium, medium to close-up).", apply: (b) => reframe(b, TIGHTER) },
    { axis: "framing", label: "Wider framing", description: "Every shot framed one step wider (close-up to medium, medium to wide).", apply: (b) => reframe(b, WIDER) },
  ];
  const reading = READINGS.map(
    (r): Candidate => ({
      axis: "line-reading",
      label: r.label,
      description: `Every line read ${r.text}.`,
      apply: (b) => {
        if (!b.dialogue.length || b.dialogue.every((d) => d.delivery === r.text)) return null;
        return { ...b, dialogue: b.dialogue.map((d) => ({ ...d, delivery: r.text })) };
      },
    }),
  );
  return [lighting, palette, framing, reading];
}

/**
 * Up to `n` variants, taking one choice per axis in turn (lighting, palette, framing, line reading, then
 * the second choice of each...). Choices that would not change the brief are skipped, so a brief without
 * dialogue gets no line-reading variants and may yield fewer than `n`.
 */
export function makeVariants(input: VideoBrief, kit: BrandKit, n: number, opts: CompileOptions): Variant[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_VARIANTS) throw new Error(`n: ask for between 1 and ${MAX_VARIANTS} variants, not ${n}`);
  const brief = parseBrief(input);
  const perAxis = candidates(kit);
  const longest = Math.max(...perAxis.map((c) => c.length));
  const variants: Variant[] = [];
  for (let round = 0; round < longest && variants.length < n; round++) {
    for (const axisCandidates of perAxis) {
      const candidate = axisCandidates[round];
      if (!candidate || variants.length >= n) continue;
      const changed = candidate.apply(brief);
      if (!changed) continue;
      const variantBrief = parseBrief(changed);
      variants.push({
        label: candidate.label,
        axis: candidate.axis,
        description: candidate.description,
        brief: variantBrief,
        compiled: compileBrief(variantBrief, kit, opts),
      });
    }
  }
  return variants;
}
