import { Prisma } from "../generated/prisma/client";
import { memberIdOf } from "../access/actor";
import { canGrantScope } from "../access/permissions";
import type { WorkspaceContext } from "../access/with-workspace";
import { auditActorOf, writeAudit } from "../audit/write-audit";
import { PLANS, type PlanType } from "../billing/plans";
import { AppError } from "../errors";
import type { CreateApiKeyInput } from "./api-key-schemas";
import { generateApiKey } from "./key-format";
import { toApiKeyView, type ApiKeyView } from "./list-api-keys";

export interface CreatedApiKey {
  key: ApiKeyView;
  /** The whole key, returned once, by this response only; never stored, logged or shown again. */
  secret: string;
}

/**
 * Locks the workspace's billing row (so key changes of one workspace run one after another and the
 * limit is decided on a count nobody else is changing) and retires keys whose expiry has passed.
 */
async function lockAllowance(ctx: WorkspaceContext): Promise<{ planType: string; limit: number | null }> {
  const [row] = await ctx.tx.$queryRaw<{ plan_type: string; api_keys_limit: number | null }[]>`
    SELECT plan_type, api_keys_limit FROM billing_config WHERE workspace_id = ${ctx.workspaceId}::uuid FOR UPDATE`;
  await ctx.tx.$executeRaw`
    UPDATE api_keys SET revoked_at = expires_at
     WHERE workspace_id = ${ctx.workspaceId}::uuid AND revoked_at IS NULL AND expires_at <= now()`;
  return { planType: row?.plan_type ?? "free", limit: row?.api_keys_limit ?? null };
}

/** billing_config.api_keys_current := the number of live (not revoked) keys, in the caller's transaction. */
async function syncKeyCount(ctx: WorkspaceContext): Promise<number> {
  const [row] = await ctx.tx.$queryRaw<{ current: number }[]>`
    UPDATE billing_config
       SET api_keys_current = (SELECT count(*) FROM api_keys
                                WHERE workspace_id = ${ctx.workspaceId}::uuid AND revoked_at IS NULL)
     WHERE workspace_id = ${ctx.workspaceId}::uuid
     RETURNING api_keys_current AS current`;
  return Number(row?.current ?? 0);
}

const planName = (planType: string) => PLANS[planType as PlanType]?.name ?? planType;

/**
 * Creates a key with the scopes the creator's role may grant, within the plan's API-key limit, and
 * counts it in billing_config.api_keys_current in the same transaction.
 */
export async function createApiKey(ctx: WorkspaceContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  memberIdOf(ctx.actor); // keys are made by people, never by another key
  const refused = input.scopes.filter((scope) => !canGrantScope(ctx.actor.role, scope));
  if (refused.length > 0) {
    throw new AppError("forbidden", `Your role (${ctx.actor.role}) cannot give a key: ${refused.join(", ")}.`);
  }
  const { planType, limit } = await lockAllowance(ctx);
  const [counted] = await ctx.tx.$queryRaw<{ live: number }[]>`
    SELECT count(*)::int AS live FROM api_keys WHERE workspace_id = ${ctx.workspaceId}::uuid AND revoked_at IS NULL`;
  const live = Number(counted?.live ?? 0);
  if (limit !== null && live >= limit) {
    throw new AppError(
      "conflict",
      `The ${planName(planType)} plan allows ${limit} API key${limit === 1 ? "" : "s"}, and ${live} ${live === 1 ? "is" : "are"} in use. Revoke a key you no longer need, or upgrade your plan on the Billing tab.`,
    );
  }
  const made = generateApiKey();
  const [row] = await ctx.tx.$queryRaw<{ key: Record<string, unknown> }[]>`
    WITH k AS (
      INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes, creator_role, created_by, expires_at)
      VALUES (${ctx.workspaceId}::uuid, ${input.name}, ${made.prefix}, ${made.hash}, ${input.scopes}::text[],
              ${ctx.actor.role}, ${ctx.actor.kind === "member" ? ctx.actor.user.id : null}::uuid, ${input.expiresAt})
      RETURNING *)
    SELECT json_build_object(
      'id', k.id, 'name', k.name, 'prefix', k.prefix, 'scopes', k.scopes,
      'createdBy', (SELECT json_build_object('name', u.name, 'email', u.email) FROM users u WHERE u.id = k.created_by),
      'createdAt', k.created_at, 'lastUsedAt', k.last_used_at, 'expiresAt', k.expires_at, 'status', 'active') AS key
      FROM k`;
  const key = toApiKeyView(row!.key);
  await syncKeyCount(ctx);
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "api_key.created",
    targetType: "api_key",
    targetId: key.id,
    after: { name: key.name, prefix: key.prefix, scopes: key.scopes, expiresAt: key.expiresAt },
  });
  return { key, secret: made.secret };
}

/** Revokes a key at once: its next request is refused. The count drops in the same transaction. */
export async function revokeApiKey(ctx: WorkspaceContext, input: { keyId: string }): Promise<{ id: string }> {
  await lockAllowance(ctx);
  const rows = await ctx.tx.$queryRaw<{ id: string; name: string; prefix: string; scopes: string[] }[]>(Prisma.sql`
    UPDATE api_keys SET revoked_at = now(), revoked_by = ${ctx.actor.kind === "member" ? ctx.actor.user.id : null}::uuid
     WHERE id = ${input.keyId}::uuid AND workspace_id = ${ctx.workspaceId}::uuid AND revoked_at IS NULL
     RETURNING id, name, prefix, scopes`);
  const revoked = rows[0];
  if (!revoked) throw new AppError("not_found", "That API key was not found (it may have been revoked already).");
  await syncKeyCount(ctx);
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "api_key.revoked",
    targetType: "api_key",
    targetId: revoked.id,
    before: { name: revoked.name, prefix: revoked.prefix, scopes: revoked.scopes },
  });
  return { id: revoked.id };
}
