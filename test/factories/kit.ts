// Kit factories shared by tests (the same defaults the app's "New kit" uses).
import { blankKit } from "~/lib/kit/defaults.ts";
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";

export function makeKit(name = "Test Bistro", patch: (kit: BrandKit) => void = () => {}): BrandKit {
  const kit = parseKit(blankKit(name));
  patch(kit);
  return kit;
}
