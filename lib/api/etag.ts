import type { WorkspaceContext } from "../access/with-workspace";
import { AppError } from "../errors";

/**
 * Optimistic concurrency for PATCH (docs/decisions/009-idempotency-etags-and-ingestion.md): GET gives
 * each resource an ETag; a PATCH with `If-Match` is applied only if the resource still has it (412
 * otherwise), checked under the same locks the change takes, so two scripts cannot silently
 * overwrite each other. Without `If-Match` the change applies as before.
 */
export interface Versioned {
  /** Inside the change's transaction, before it: refuse with 412 when `ifMatch` is not the current ETag. */
  check: (ctx: WorkspaceContext, body: Record<string, unknown>, ifMatch: string) => Promise<void>;
  /** Inside the change's transaction, after it: the resource's new ETag (the `ETag` header), or null. */
  current: (ctx: WorkspaceContext, body: Record<string, unknown>) => Promise<string | null>;
}

/** Whether an `If-Match` header value names `etag` (a list, `*`, and weak forms are understood). */
export function ifMatchAccepts(ifMatch: string, etag: string | null): boolean {
  if (etag === null) return false;
  const wanted = ifMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  return wanted.includes("*") || wanted.includes(etag);
}

export const staleEtag = (what: string) =>
  new AppError(
    "precondition_failed",
    `${what} changed since you read it (its ETag no longer matches If-Match). Read it again, then retry.`,
  );
