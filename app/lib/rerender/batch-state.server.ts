// Two pieces of a running batch: progress written to the job row (coalesced, throttled, renewing the
// lease) and the replaced files, removed in sets once their new versions are recorded.
import { removeBlobsIfUnused } from "../../models/library-blobs.server.ts";
import { saveRerenderProgress, type RerenderResult, type RerenderStatus } from "./job.server.ts";

/**
 * Progress is written at most every `everyMs` (and on demand). Each write is a commit, which on SQLite's
 * default journal costs about as much as a small render; results lost to a crash are harmless, since a
 * resumed job finds those assets already superseded.
 */
export class ProgressWriter {
  private writing: Promise<void> | null = null;
  private dirty = false;
  private lastWrite = 0;
  /** The status last read back (a cancel from elsewhere shows up here). */
  status: RerenderStatus | null = "running";

  constructor(
    private readonly jobId: string,
    private readonly results: readonly RerenderResult[],
    private readonly everyMs = 500,
  ) {}

  /** Writes when the last write is older than `everyMs`. */
  maybe(): Promise<void> {
    return Date.now() - this.lastWrite >= this.everyMs ? this.now() : Promise.resolve();
  }

  /** Writes now; a call while a write is in flight is folded into one more write after it. */
  now(): Promise<void> {
    this.lastWrite = Date.now();
    if (this.writing) {
      this.dirty = true;
      return this.writing;
    }
    this.writing = (async () => {
      do {
        this.dirty = false;
        this.status = await saveRerenderProgress(this.jobId, [...this.results]);
      } while (this.dirty);
    })().finally(() => (this.writing = null));
    return this.writing;
  }
}

/** Replaced files, removed a set at a time (one reference scan per set, bytes held while it runs). */
export class ReplacedFiles {
  private pending: { key: string; bytes: number }[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly maxFiles = 50,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  async add(file: { key: string; bytes: number }): Promise<void> {
    this.pending.push(file);
    if (this.pending.length >= this.maxFiles || this.pending.reduce((n, f) => n + f.bytes, 0) >= this.maxBytes) await this.flush();
  }

  /** Removes what is pending (files something still uses are kept); failures leave orphans for `library check`. */
  flush(): Promise<unknown> {
    const keys = this.pending.map((f) => f.key);
    this.pending = [];
    this.chain = this.chain.then(() => removeBlobsIfUnused(keys)).catch(() => {});
    return this.chain;
  }
}
