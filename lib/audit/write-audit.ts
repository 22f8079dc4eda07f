import type { Prisma } from "../generated/prisma/client";
import type { TenantTx } from "../db/tenant-transaction";
import { keyLabel, type Actor } from "../access/actor";
import type { RequestContext } from "../access/request-context";
import { redactSecrets } from "./redact";

export interface AuditEntry {
  /** `<area>.<verb>`, e.g. `member.role_changed`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  workspaceId: string;
  user: { id: string; email: string } | null;
  /** An API key that acted (its name and prefix are kept with the entry). */
  apiKey?: { id: string; name: string; prefix: string } | null;
  request?: RequestContext | null;
}

/** The actor of a request handled by the chokepoint: a member, or an API key. */
export const auditActorOf = (ctx: { workspaceId: string; actor: Actor; request: RequestContext }): AuditActor => ({
  workspaceId: ctx.workspaceId,
  user: ctx.actor.kind === "member" ? ctx.actor.user : null,
  apiKey: ctx.actor.kind === "key" ? ctx.actor.key : null,
  request: ctx.request,
});

const json = (value: unknown) => (value === undefined ? undefined : (redactSecrets(value) as Prisma.InputJsonValue));

/**
 * Writes one audit entry in the caller's transaction, so it exists exactly
 * when the change it describes committed. Secrets are redacted.
 */
export async function writeAudit(tx: TenantTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      workspaceId: actor.workspaceId,
      actorUserId: actor.user?.id ?? null,
      actorEmail: actor.user?.email ?? null,
      actorApiKeyId: actor.apiKey?.id ?? null,
      actorApiKey: actor.apiKey ? keyLabel(actor.apiKey).slice(0, 140) : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      ipAddress: actor.request?.ip ?? null,
      userAgent: actor.request?.userAgent ?? null,
      requestId: actor.request?.requestId ?? null,
    },
    select: { id: true },
  });
}
