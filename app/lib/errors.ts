// One readable message from any error we raise for bad input (they all carry field/file names).
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** An error that names the field of a form or kit document it is about. */
export class FieldError extends Error {
  constructor(
    public readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${field}: ${message}`, options);
    this.name = "FieldError";
  }
}
