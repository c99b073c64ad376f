// Group commit for a re-render batch: workers hand over stored replacements and go on rendering; the
// recorder swaps them in several per transaction (one disk sync for many assets). Each submission
// settles when its own transaction has committed.
import { commitReplacements, type Replacement, type ReplaceResult } from "./record.server.ts";

interface Waiting {
  item: Replacement;
  resolve: (result: ReplaceResult | Error) => void;
  since: number;
}

export class Recorder {
  private queue: Waiting[] = [];
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    /** Commit as soon as this many are waiting… */
    private readonly maxBatch = 12,
    /** …or when the oldest has waited this long. */
    private readonly maxWaitMs = 200,
  ) {}

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with the item's result (an Error for a failed commit; never rejects). */
  submit(item: Replacement): Promise<ReplaceResult | Error> {
    return new Promise((resolve) => {
      this.queue.push({ item, resolve, since: Date.now() });
      this.schedule();
    });
  }

  /** Commits everything waiting now and resolves when it is all recorded. */
  async flush(): Promise<void> {
    while (this.queue.length || this.running) {
      if (this.running) await this.running;
      else this.commit();
    }
  }

  private schedule() {
    if (this.running) return;
    if (this.queue.length >= this.maxBatch) {
      this.commit();
      return;
    }
    if (this.timer) return;
    const oldest = this.queue[0]?.since ?? Date.now();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.running && this.queue.length) this.commit();
    }, Math.max(0, this.maxWaitMs - (Date.now() - oldest)));
  }

  private commit() {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.queue.splice(0, this.maxBatch);
    this.running = (async () => {
      let results: (ReplaceResult | Error)[];
      try {
        results = await commitReplacements(batch.map((w) => w.item));
      } catch (error) {
        results = batch.map(() => (error instanceof Error ? error : new Error(String(error))));
      }
      batch.forEach((w, i) => w.resolve(results[i] ?? new Error("no result")));
    })().finally(() => {
      this.running = null;
      if (this.queue.length) this.schedule();
    });
  }
}
