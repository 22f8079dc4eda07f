import { randomBytes } from "node:crypto";
import type { SessionUser } from "../access/session-user";
import type { RequestContext } from "../access/request-context";
import { writeAudit } from "../audit/write-audit";
import { periodContaining } from "../billing/billing-period";
import { PLANS } from "../billing/plans";
import type { Db } from "../db/prisma";
import type { CreateWorkspaceInput } from "./workspace-schemas";

function slugOf(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return `${base || "workspace"}-${randomBytes(3).toString("hex")}`;
}

/**
 * Creates a workspace with the user as its active owner and a free-plan
 * billing_config, audited, in one transaction. No membership exists before
 * this, so it runs on the system client (one of its few call sites).
 */
export async function createWorkspace(
  db: Db,
  user: SessionUser,
  input: CreateWorkspaceInput,
  request: RequestContext | null,
): Promise<{ id: string; name: string; slug: string }> {
  const free = PLANS.free;
  const now = new Date();
  // The first period starts now and anchors the later ones (docs/decisions/011-usage-metering.md).
  const period = periodContaining(now, now);
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({
      data: { name: input.name, slug: slugOf(input.name) },
      select: { id: true, name: true, slug: true },
    });
    await tx.teamMember.create({
      data: {
        workspaceId: workspace.id,
        userId: user.id,
        role: "owner",
        status: "active",
        joinedAt: now,
        lastActiveAt: now,
        createdBy: user.id,
        updatedBy: user.id,
      },
      select: { id: true },
    });
    await tx.billingConfig.create({
      data: {
        workspaceId: workspace.id,
        planType: free.type,
        planStatus: "active",
        tracesPerMonthLimit: BigInt(free.tracesPerMonth!),
        teamMembersLimit: free.members,
        teamMembersCurrent: 1,
        apiKeysLimit: free.apiKeys,
        overageEnabled: false,
        priceMonthly: 0,
        currentPeriodStart: period.start,
        currentPeriodEnd: period.end,
        billingEmail: user.email,
      },
      select: { id: true },
    });
    // Periods are counted from the day the workspace was made (docs/decisions/011-usage-metering.md).
    await tx.billingCycle.create({ data: { workspaceId: workspace.id, anchor: now }, select: { workspaceId: true } });
    await writeAudit(
      tx,
      { workspaceId: workspace.id, user, request },
      {
        action: "workspace.created",
        targetType: "workspace",
        targetId: workspace.id,
        after: { name: workspace.name, plan: free.type },
      },
    );
    return workspace;
  });
}
