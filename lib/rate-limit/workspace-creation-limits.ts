import { consumeBudgets, inMinutes, rateLimiter, type Budget } from "./rate-limiter";

/** Workspaces one person, and one network address, may create per day. */
export const WORKSPACES_PER_USER_PER_DAY = 10;
export const WORKSPACES_PER_IP_PER_DAY = 30;

/**
 * Takes one creation from the person's and the address's daily budgets, or
 * refuses with 429; gives it back if the workspace is not created after all.
 */
export async function consumeWorkspaceCreationBudget(ctx: {
  user: { id: string };
  request: { ip: string | null };
  onRollback: (undo: () => Promise<void>) => void;
}): Promise<void> {
  const budgets: Budget[] = [
    { limiter: rateLimiter("workspace_user", WORKSPACES_PER_USER_PER_DAY, 86_400), key: ctx.user.id },
  ];
  // An unknown address (not served by our server) has no budget of its own to take from.
  const ip = ctx.request.ip;
  if (ip) budgets.push({ limiter: rateLimiter("workspace_ip", WORKSPACES_PER_IP_PER_DAY, 86_400), key: ip });
  const { refund } = await consumeBudgets(
    budgets,
    1,
    (seconds) =>
      `You have created the most workspaces allowed for now. Try again in ${seconds > 3600 ? `${Math.ceil(seconds / 3600)} hours` : inMinutes(seconds)}.`,
  );
  ctx.onRollback(refund);
}
