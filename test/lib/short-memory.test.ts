// The few seconds' memory in front of hot database reads: misses that arrive together share one load,
// a forget() in the middle of a load is honoured, and failures or unwanted answers are not remembered.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ShortMemory } from "~/lib/short-memory.server.ts";

beforeAll(() => {
  process.env.MARQUE_SHORT_MEMORY_MS = "60000";
});
afterAll(() => {
  delete process.env.MARQUE_SHORT_MEMORY_MS;
});

function gate<T>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

test("thirty-two misses at once cost one load, and the answer is then remembered", async () => {
  const memory = new ShortMemory<string>(2_000);
  let loads = 0;
  const g = gate<string>();
  const load = () => {
    loads++;
    return g.promise;
  };
  const answers = Array.from({ length: 32 }, () => memory.through("design-1", load));
  g.open("loaded");
  expect(await Promise.all(answers)).toEqual(Array(32).fill("loaded"));
  expect(loads).toBe(1);
  expect(await memory.through("design-1", load)).toBe("loaded");
  expect(await memory.through("design-2", () => Promise.resolve("other"))).toBe("other");
  expect(loads).toBe(1);
});

test("a forget() during a load: later callers load afresh, and the stale answer is not remembered", async () => {
  const memory = new ShortMemory<string>(2_000);
  const first = gate<string>();
  const before = memory.through("k", () => first.promise);
  memory.forget();
  const after = memory.through("k", () => Promise.resolve("fresh"));
  first.open("stale");
  expect(await before).toBe("stale");
  expect(await after).toBe("fresh");
  expect(memory.recall("k")).toBe("fresh");
});

test("a failed load reaches every waiter and is not remembered; keep() can refuse an answer", async () => {
  const memory = new ShortMemory<string | null>(2_000);
  const g = gate<string | null>();
  const waiters = [memory.through("k", () => g.promise), memory.through("k", () => g.promise)];
  g.fail(new Error("database is locked"));
  for (const w of waiters) await expect(w).rejects.toThrow("database is locked");
  expect(await memory.through("k", () => Promise.resolve("retried"))).toBe("retried");

  expect(await memory.through("none", () => Promise.resolve(null), (v) => v !== null)).toBeNull();
  expect(memory.recall("none")).toBeUndefined();
});

test("with the memory off (time to live 0) every call loads", async () => {
  process.env.MARQUE_SHORT_MEMORY_MS = "0";
  try {
    const memory = new ShortMemory<number>(2_000);
    let loads = 0;
    await Promise.all([1, 2, 3].map(() => memory.through("k", async () => ++loads)));
    expect(loads).toBe(3);
  } finally {
    process.env.MARQUE_SHORT_MEMORY_MS = "60000";
  }
});
