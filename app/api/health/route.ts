import { systemDb } from "@/lib/db/prisma";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** GET /api/health: app and database status; 503 when the database is unreachable. */
export async function GET(): Promise<Response> {
  const { httpStatus, report } = await checkHealth(systemDb);
  return Response.json(report, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
}
