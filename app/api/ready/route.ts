import { credentialsCipher } from "@/lib/crypto/credentials-key";
import { systemDb } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { checkReadiness } from "@/lib/health/check-readiness";
import { shippedMigrations } from "@/lib/health/shipped-migrations";
import { isShuttingDown } from "@/lib/lifecycle";

export const dynamic = "force-dynamic";

/** GET /api/ready: 200 when this instance may take traffic, else 503 naming the failing checks. */
export async function GET(): Promise<Response> {
  const { httpStatus, report } = await checkReadiness({
    db: systemDb,
    expectedMigrations: shippedMigrations,
    loadCredentialsKey: credentialsCipher,
    requireWorker: env.READINESS_REQUIRES_WORKER === "true",
    shuttingDown: isShuttingDown,
  });
  return Response.json(report, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
}
