import { DatabaseNotConfiguredError, type Db } from "../db/prisma";

export interface HealthReport {
  status: "ok" | "degraded";
  app: { status: "up"; uptimeSeconds: number };
  database: { status: "up"; latencyMs: number } | { status: "down"; error: string };
  checkedAt: string;
}

const TIMEOUT_MS = 3000;

/**
 * App and database status. The database check is one round trip with a
 * timeout; the error text says what failed without exposing the URL.
 */
export async function checkHealth(getDb: () => Db): Promise<{ httpStatus: 200 | 503; report: HealthReport }> {
  const app = { status: "up" as const, uptimeSeconds: Math.round(process.uptime()) };
  const started = performance.now();
  let database: HealthReport["database"];
  try {
    const db = getDb();
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS).unref()),
    ]);
    database = { status: "up", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    database = { status: "down", error: describe(error) };
  }
  const up = database.status === "up";
  return {
    httpStatus: up ? 200 : 503,
    report: { status: up ? "ok" : "degraded", app, database, checkedAt: new Date().toISOString() },
  };
}

function describe(error: unknown): string {
  if (error instanceof DatabaseNotConfiguredError) return error.message;
  if (error instanceof Error && error.message === "timed out") return `no answer within ${TIMEOUT_MS} ms`;
  return "database unreachable";
}
