/**
 * A failure of `npm run db:backup` or `npm run db:restore` the operator can act on: its message is
 * one line that says what went wrong and what to do, and the commands print it as it is.
 */
export class BackupError extends Error {
  override name = "BackupError";
}

/** One line describing any error, for the commands' output (connection errors included). */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return firstLine(error.message) || (typeof code === "string" ? code : error.name);
  }
  return firstLine(String(error));
}

function firstLine(text: string): string {
  return text.trim().split("\n", 1)[0]?.trim() ?? "";
}
