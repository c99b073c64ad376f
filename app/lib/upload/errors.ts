// One error type for every refused upload, so routes can show "logo.svg: SVG contains a script element"
// next to the right form field without parsing messages.

/** A file the user uploaded was refused; `message` is `<file>: <problem>` and safe to show. */
export class UploadError extends Error {
  readonly file: string;
  readonly field?: string;
  /** The problem alone, without the file name in front. */
  readonly problem: string;

  constructor(file: string, problem: string, options?: { field?: string; cause?: unknown }) {
    const name = displayFileName(file);
    super(`${name}: ${problem}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "UploadError";
    this.file = name;
    this.problem = problem;
    if (options?.field !== undefined) this.field = options.field;
  }
}

/**
 * A user-supplied file name made safe for messages and logs: last path segment only, no control
 * characters (a name with a newline could forge log lines), at most 80 characters.
 */
export function displayFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (!clean) return "upload";
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

/** The first bytes of a file as hex, for "not a font file (starts with bytes 3c 68 74 6d)". */
export function leadingBytes(bytes: Uint8Array, count = 4): string {
  return Array.from(bytes.subarray(0, count), (b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** "1.5 MB", "320 KB": limits in messages read better than raw byte counts. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** Throws when the file is over the limit; checked before any parsing so big files cost nothing. */
export function assertMaxBytes(bytes: { length: number }, maxBytes: number, fileName: string, field?: string): void {
  if (bytes.length > maxBytes) {
    throw new UploadError(fileName, `file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)}`, { field });
  }
}
