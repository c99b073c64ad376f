// Provider names stored on jobs ("openai", "local") → provider instances, built on first use so a missing
// API key only matters to jobs that ask for that provider.
import { createLocalProvider } from "./local.server.ts";
import { createOpenAIProvider } from "./openai.server.ts";
import { VideoProviderError, type VideoProvider } from "./types.ts";

export type VideoProviderFactory = () => VideoProvider;

const factories = new Map<string, VideoProviderFactory>([
  ["openai", () => createOpenAIProvider()],
  ["local", () => createLocalProvider()],
]);
const instances = new Map<string, VideoProvider>();

/** Adds or replaces a provider (also how tests and plug-ins point a name at their own instance). */
export function registerVideoProvider(name: string, factory: VideoProviderFactory) {
  factories.set(name, factory);
  instances.delete(name);
}

export function videoProviderNames(): string[] {
  return [...factories.keys()].sort();
}

/** The provider for a job's `provider` column; throws a VideoProviderError naming the known ones. */
export function getVideoProvider(name: string): VideoProvider {
  const cached = instances.get(name);
  if (cached) return cached;
  const factory = factories.get(name);
  if (!factory) {
    throw new VideoProviderError("config", `Unknown video provider "${name}" (known: ${videoProviderNames().join(", ")}).`);
  }
  const provider = factory(); // may throw (e.g. no API key): not cached, so fixing the setting is enough
  instances.set(name, provider);
  return provider;
}
