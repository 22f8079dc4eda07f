import { principalOf, type Actor } from "../access/actor";
import { consumeBudgets, inMinutes, rateLimiter } from "./rate-limiter";

/** Invitations per hour, counted per address invited. */
export const INVITES_PER_WORKSPACE_PER_HOUR = 100;
export const INVITES_PER_INVITER_PER_HOUR = 30;

/**
 * Takes `count` invitations from the inviter's and the workspace's hourly
 * budgets, or refuses with 429; gives them back if the request's transaction
 * rolls back.
 */
export async function consumeInviteBudget(
  ctx: { workspaceId: string; actor: Actor; onRollback: (undo: () => Promise<void>) => void },
  count: number,
): Promise<void> {
  const { workspaceId } = ctx;
  // A person by their user id (as before keys existed); a key by `key:<id>`.
  const inviterId = ctx.actor.kind === "member" ? ctx.actor.user.id : principalOf(ctx.actor);
  const { refund } = await consumeBudgets(
    [
      { limiter: rateLimiter("invite_user", INVITES_PER_INVITER_PER_HOUR, 3600), key: `${workspaceId}:${inviterId}` },
      { limiter: rateLimiter("invite_ws", INVITES_PER_WORKSPACE_PER_HOUR, 3600), key: workspaceId },
    ],
    count,
    (seconds) => `Too many invitations in the last hour. Try again in ${inMinutes(seconds)}.`,
  );
  ctx.onRollback(refund);
}
