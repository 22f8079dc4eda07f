import type { Db } from "./prisma";

/** A Prisma transaction client bound to one workspace under RLS. */
export type TenantTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const RUNTIME_ROLE = "settings_app";

/**
 * Runs `work` in one transaction on the runtime role with `app.workspace_id`
 * set, so row-level security admits only that workspace's rows. Both settings
 * are transaction-local and end with it, so a pooled connection never carries
 * them to the next request.
 */
export async function tenantTransaction<T>(
  db: Db,
  workspaceId: string,
  work: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('role', ${RUNTIME_ROLE}, true), set_config('app.workspace_id', ${workspaceId}, true)`;
    return work(tx);
  });
}
