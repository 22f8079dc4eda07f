import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "../env";

export type Db = PrismaClient;

/** A Prisma client on a given database (scripts, tests). */
export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super("DATABASE_URL is not set. Start the app with `npm run dev`, which provides an embedded PostgreSQL.");
  }
}

const cache = globalThis as unknown as { appPrisma?: PrismaClient };

/** The app's client on DATABASE_URL, one per process (kept across dev hot reloads). */
export function getDb(): PrismaClient {
  if (!env.DATABASE_URL) throw new DatabaseNotConfiguredError();
  cache.appPrisma ??= createPrismaClient(env.DATABASE_URL);
  return cache.appPrisma;
}
