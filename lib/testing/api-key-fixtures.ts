import type { KeyScope, Role } from "../access/permissions";
import { generateApiKey } from "../api-keys/key-format";
import type { Db } from "../db/prisma";

/** A key of the test's own, written directly (the create action is tested on its own). */
export async function createTestApiKey(
  db: Db,
  workspaceId: string,
  options: {
    scopes: readonly KeyScope[];
    creatorRole?: Role;
    createdBy?: string | null;
    name?: string;
    expiresAt?: Date | null;
    revokedAt?: Date | null;
  },
): Promise<{ id: string; secret: string; prefix: string }> {
  const made = generateApiKey();
  const key = await db.apiKey.create({
    data: {
      workspaceId,
      name: options.name ?? `test key ${made.prefix}`,
      prefix: made.prefix,
      keyHash: made.hash,
      scopes: [...options.scopes],
      creatorRole: options.creatorRole ?? "owner",
      createdBy: options.createdBy ?? null,
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revokedAt ?? null,
    },
    select: { id: true },
  });
  return { id: key.id, secret: made.secret, prefix: made.prefix };
}

/** A route handler's Request with `Authorization: Bearer <secret>` (no cookie). */
export function bearerRequest(path: string, secret: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${secret}`);
  headers.set("user-agent", "vitest");
  return new Request(`http://localhost${path}`, { ...init, headers });
}
