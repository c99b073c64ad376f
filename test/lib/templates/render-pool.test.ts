// The render pool: FIFO slots, a bounded queue for previews (BusyError past it), waiting tasks that are
// never refused, no slot lost when a task throws, and sizes read from the environment.
import { expect, test } from "vitest";
import { BusyError, createRenderPool, renderPoolOptionsFromEnv } from "~/lib/templates/render-pool.server.ts";

/** A task that runs until `release()` is called; `started` tells whether it got a slot. */
function gate<T = string>(value?: T) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const state = { started: false };
  const task = async () => {
    state.started = true;
    await done;
    return value as T;
  };
  return { task, release, state };
}

const tick = () => new Promise((r) => setImmediate(r));

test("runs at most `concurrency` tasks at once and starts the waiting ones in arrival order", async () => {
  const pool = createRenderPool({ concurrency: 2, queueLimit: 10 });
  const gates = Array.from({ length: 5 }, (_, i) => gate(`t${i}`));
  const order: string[] = [];
  const results = gates.map((g, i) => pool.run(async () => {
    order.push(`start ${i}`);
    return g.task();
  }));
  await tick();
  expect(order).toEqual(["start 0", "start 1"]);
  expect(pool.stats()).toMatchObject({ active: 2, queued: 3 });
  gates[1]?.release();
  await tick();
  expect(order).toEqual(["start 0", "start 1", "start 2"]);
  gates[0]?.release();
  await tick();
  expect(order).toEqual(["start 0", "start 1", "start 2", "start 3"]);
  for (const g of gates) g.release();
  expect(await Promise.all(results)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
  expect(pool.stats()).toMatchObject({ active: 0, queued: 0, completed: 5, rejected: 0 });
});

test("a bounded task past the queue limit is refused with BusyError and a Retry-After estimate", async () => {
  const pool = createRenderPool({ concurrency: 1, queueLimit: 2 });
  const running = gate();
  const first = pool.run(running.task);
  const queued = [pool.run(async () => "q1"), pool.run(async () => "q2")];
  const refused = pool.run(async () => "never");
  await expect(refused).rejects.toBeInstanceOf(BusyError);
  const error = await refused.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusyError);
  expect((error as BusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect((error as BusyError).retryAfterSeconds).toBeLessThanOrEqual(30);
  expect((error as BusyError).message).toMatch(/busy.*1 running, 2 waiting/);
  expect(pool.stats()).toMatchObject({ active: 1, queued: 2, rejected: 1 });
  running.release();
  expect(await first).toBeUndefined();
  expect(await Promise.all(queued)).toEqual(["q1", "q2"]);
  // With the queue drained there is room again.
  expect(await pool.run(async () => "again")).toBe("again");
});

test("queue limit 0 refuses whenever every slot is busy, and admits as soon as one is free", async () => {
  const pool = createRenderPool({ concurrency: 1, queueLimit: 0 });
  const running = gate();
  const first = pool.run(running.task);
  await expect(pool.run(async () => 1)).rejects.toBeInstanceOf(BusyError);
  running.release();
  await first;
  expect(await pool.run(async () => 2)).toBe(2);
});

test("waiting tasks are never refused, keep their place in the order and leave the bounded queue to previews", async () => {
  const pool = createRenderPool({ concurrency: 1, queueLimit: 1 });
  const running = gate();
  const order: string[] = [];
  const first = pool.run(running.task);
  const waits = [1, 2, 3].map((i) => pool.run(async () => void order.push(`wait ${i}`), { wait: true }));
  const bounded = pool.run(async () => void order.push("preview"));
  await expect(pool.run(async () => "refused")).rejects.toBeInstanceOf(BusyError);
  const lateWait = pool.run(async () => void order.push("wait 4"), { wait: true });
  running.release();
  await Promise.all([first, ...waits, bounded, lateWait]);
  expect(order).toEqual(["wait 1", "wait 2", "wait 3", "preview", "wait 4"]);
});

test("a task that throws, synchronously or not, frees its slot and the error reaches its caller", async () => {
  const pool = createRenderPool({ concurrency: 1, queueLimit: 5 });
  const sync = pool.run((() => {
    throw new Error("sync boom");
  }) as () => Promise<never>);
  const async_ = pool.run(async () => {
    throw new Error("async boom");
  });
  const after = pool.run(async () => "still works");
  await expect(sync).rejects.toThrow("sync boom");
  await expect(async_).rejects.toThrow("async boom");
  expect(await after).toBe("still works");
  expect(pool.stats()).toMatchObject({ active: 0, queued: 0, completed: 3 });
  // Many failures in a row leave every slot free.
  await Promise.allSettled(Array.from({ length: 20 }, () => pool.run(async () => Promise.reject(new Error("x")))));
  expect(pool.stats()).toMatchObject({ active: 0, queued: 0 });
});

test("sizes come from MARQUE_RENDER_CONCURRENCY and MARQUE_RENDER_QUEUE; bad values are named", () => {
  expect(renderPoolOptionsFromEnv({ MARQUE_RENDER_CONCURRENCY: "3", MARQUE_RENDER_QUEUE: "0" })).toEqual({ concurrency: 3, queueLimit: 0 });
  const defaults = renderPoolOptionsFromEnv({ MARQUE_RENDER_CONCURRENCY: "" });
  expect(defaults.queueLimit).toBe(32);
  expect(defaults.concurrency).toBeGreaterThanOrEqual(1);
  expect(defaults.concurrency).toBeLessThanOrEqual(8);
  expect(() => renderPoolOptionsFromEnv({ MARQUE_RENDER_CONCURRENCY: "0" })).toThrow(/MARQUE_RENDER_CONCURRENCY/);
  expect(() => renderPoolOptionsFromEnv({ MARQUE_RENDER_QUEUE: "many" })).toThrow(/MARQUE_RENDER_QUEUE/);
  expect(() => createRenderPool({ concurrency: 0, queueLimit: 1 })).toThrow(/concurrency/);
});
