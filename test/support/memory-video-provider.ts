// A provider that "renders" in this process, shaped like the offline animatic provider: start returns at
// once, the work advances as it is polled, and starting the same job again is free (restartSafe).
import { VideoProviderError, type VideoProvider, type VideoStartInput } from "~/lib/video/providers/types.ts";
import { TINY_MP4 } from "./fake-videos-server.ts";

export function createMemoryVideoProvider(options: { pollsToComplete?: number; restartSafe?: boolean } = {}) {
  const steps = options.pollsToComplete ?? 2;
  const work = new Map<string, { input: VideoStartInput; polls: number }>();
  let started = 0;
  const provider: VideoProvider & { readonly starts: number; forget(id: string): void } = {
    name: "memory",
    restartSafe: options.restartSafe ?? true,
    get starts() {
      return started;
    },
    forget(id: string) {
      work.delete(id); // what a process restart does to in-memory work
    },
    async start(input) {
      started += 1;
      const remoteId = `mem-${input.jobId}-${started}`;
      work.set(remoteId, { input, polls: 0 });
      return { remoteId };
    },
    async poll(remoteId) {
      const item = work.get(remoteId);
      if (!item) throw new VideoProviderError("lost", "The renderer no longer has this clip.");
      item.polls += 1;
      return item.polls >= steps ? { status: "completed", progress: 100 } : { status: "in_progress", progress: Math.round((100 * item.polls) / steps) };
    },
    async download(remoteId) {
      if (!work.has(remoteId)) throw new VideoProviderError("lost", "The renderer no longer has this clip.");
      return { video: TINY_MP4 };
    },
    async cancel(remoteId) {
      work.delete(remoteId);
    },
  };
  return provider;
}
