import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";

/** Invitations per hour, counted per address invited, shared by every app instance (PostgreSQL store). */
export const INVITES_PER_WORKSPACE_PER_HOUR = 100;
export const INVITES_PER_INVITER_PER_HOUR = 30;

const cache = globalThis as unknown as {
  inviteLimiters?: { workspace: RateLimiterPostgres; inviter: RateLimiterPostgres };
};

function limiters() {
  if (!cache.inviteLimiters) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3 });
    const common = {
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      duration: 3600,
    };
    cache.inviteLimiters = {
      workspace: new RateLimiterPostgres({ ...common, keyPrefix: "invite_ws", points: INVITES_PER_WORKSPACE_PER_HOUR }),
      inviter: new RateLimiterPostgres({ ...common, keyPrefix: "invite_user", points: INVITES_PER_INVITER_PER_HOUR }),
    };
  }
  return cache.inviteLimiters;
}

/** Takes `count` invitations from both budgets, or refuses with 429 and when to retry. */
export async function consumeInviteBudget(workspaceId: string, inviterId: string, count: number): Promise<void> {
  const { workspace, inviter } = limiters();
  try {
    await workspace.consume(workspaceId, count);
    await inviter.consume(`${workspaceId}:${inviterId}`, count);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError(
        "rate_limited",
        `Too many invitations in the last hour. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        { retryAfterSeconds },
      );
    }
    throw error;
  }
}
