// A few seconds' memory of a database answer that hot endpoints ask for again and again (who a session
// cookie belongs to; a design and its kit for preview images). Writes made through the app call
// forget(), which drops everything in that memory at once; other processes (the CLI) are seen within the
// time to live. MARQUE_SHORT_MEMORY_MS overrides every memory's time to live (0 turns them off); under
// NODE_ENV=test they are off unless it is set, since tests also change rows with direct SQL.
export class ShortMemory<T> {
  private epoch = 0;
  private readonly entries = new Map<string, { at: number; epoch: number; value: T }>();

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
