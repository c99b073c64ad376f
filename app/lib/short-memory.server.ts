// A few seconds' memory of a database answer that hot endpoints ask for again and again (who a session
// cookie belongs to; a design and its kit for preview images). Writes made through the app call
// forget(), which drops everything in that memory at once; other processes (the CLI) are seen within the
// time to live. MARQUE_SHORT_MEMORY_MS overrides every memory's time to live (0 turns them off); under
// NODE_ENV=test they are off unless it is set, since tests also change rows with direct SQL.
// Misses for one key that arrive together share one load: when an answer expires under load, the 32
// requests in flight would otherwise each ask the database at once and stall the event loop together.
export class ShortMemory<T> {
  private epoch = 0;
  private readonly entries = new Map<string, { at: number; epoch: number; value: T }>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  private ttl(): number {
    const set = process.env.MARQUE_SHORT_MEMORY_MS;
    if (set !== undefined && set !== "") return Math.max(0, Number(set) || 0);
    return process.env.NODE_ENV === "test" ? 0 : this.ttlMs;
  }

  /** Call after any write that could change a remembered answer. */
  forget() {
    this.epoch++;
    this.entries.clear();
    this.pending.clear();
  }

  /**
   * The remembered answer for `key`, else `load()`'s, remembered when `keep` says so. A load already
   * running for the key is joined rather than repeated; one started before a forget() is not joined
   * afterwards, and its answer is not remembered.
   */
  through(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const known = this.recall(key);
    if (known !== undefined) return Promise.resolve(known);
    if (this.ttl() === 0) return load();
    const running = this.pending.get(key);
    if (running) return running;
    const epoch = this.epoch;
    const loading = load().then((value) => {
      if (epoch === this.epoch && keep(value)) this.remember(key, value);
      return value;
    });
    const settled = () => {
      if (this.pending.get(key) === loading) this.pending.delete(key);
    };
    loading.then(settled, settled);
    this.pending.set(key, loading);
    return loading;
  }

  recall(key: string, now = Date.now()): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.epoch !== this.epoch || now - hit.at > this.ttl()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  remember(key: string, value: T, at = Date.now()) {
    if (this.ttl() === 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at, epoch: this.epoch, value });
  }
}
