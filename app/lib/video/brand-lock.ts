// Brand lock for videos: members who are not owners make videos only in the kit's colours. A brief
// colour further from every kit colour than the compiler's off-brand line, or a palette lead the kit
// does not have, is refused with the field named (owners, who set the brand, get warnings instead).
import type { BrandKit } from "../kit/schema.ts";
import type { Issue } from "../validation.ts";
import type { VideoBrief } from "./brief.ts";
import { FAR_FROM_KIT, nearestKitColour } from "./compile-colour.ts";

export function brandLockIssues(brief: VideoBrief, kit: Pick<BrandKit, "palette">): Issue[] {
  const issues: Issue[] = [];
  brief.colours.forEach((c, i) => {
    const near = nearestKitColour(c.colour, kit);
    if (near && near.distance > FAR_FROM_KIT) {
      issues.push({
        path: `colours.${i}.colour`,
        message: `"${c.colour}" is off-brand (${near.distance.toFixed(1)} from the nearest kit colour, ${near.colour.name}); the kit is locked: use a kit colour such as ${near.colour.name}, or ask an owner to add this colour to the kit`,
      });
    }
  });
  if (brief.paletteLead && !kit.palette[brief.paletteLead]) {
    issues.push({ path: "paletteLead", message: `the kit has no "${brief.paletteLead}" colour; pick one of ${Object.keys(kit.palette).join(", ")}` });
  }
  return issues;
}
