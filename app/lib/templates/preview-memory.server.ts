// Preview images are asked for many times a second (the editor while typing, a gallery, a burst of users):
// the design and its kit behind them are remembered for 2 s. Saving a design or a kit in this process
// forgets them at once (designsChanged); the CLI, another process, is seen within the 2 s.
import { ShortMemory } from "../short-memory.server.ts";

export const previewLoads = new ShortMemory<unknown>(2_000, 2_000);

export function designsChanged() {
  previewLoads.forget();
}
