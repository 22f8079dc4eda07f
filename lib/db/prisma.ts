import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "../env";
import { onShutdown } from "../lifecycle";
import { createPool } from "./pools";

export type Db = PrismaClient;

/**
 * How long a transaction may wait for a pooled connection, and run. Prisma's defaults (2 s, 5 s)
 * failed requests with a 500 when 50 clients wrote at once through pgBouncer on a busy machine
 * (e2e/operations.spec.ts); a request would rather wait a little longer. docs/operations.md.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/** A Prisma client on a given database (scripts, tests). */
export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }), transactionOptions: TRANSACTION_OPTIONS });
}

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super("DATABASE_URL is not set. Start the app with `npm run dev`, which provides an embedded PostgreSQL.");
  }
}

const cache = globalThis as unknown as { appPrisma?: PrismaClient };

/**
 * THE SYSTEM CLIENT: the app's connection user, not subject to tenant RLS.
 * Only for paths that must cross workspaces (auth, a user's workspace list,
 * creating a workspace, accepting an invitation by token, Stripe webhooks,
 * jobs, health). Everything scoped to one workspace goes through
 * `withWorkspace` (lib/access), which runs on the runtime role under RLS.
 * Keep call sites few and greppable: `grep -rn "systemDb()" lib app`.
 */
export function systemDb(): PrismaClient {
  if (!env.DATABASE_URL) throw new DatabaseNotConfiguredError();
  if (!cache.appPrisma) {
    const client = new PrismaClient({
      adapter: new PrismaPg(createPool(env.DATABASE_URL)),
      transactionOptions: TRANSACTION_OPTIONS,
    });
    onShutdown(() => client.$disconnect());
    cache.appPrisma = client;
  }
  return cache.appPrisma;
}
