import { z } from "zod";
import { timestampSchema } from "./common-schemas";

/** GET /api/health (lib/health/check-health.ts `HealthReport`); 200 and 503 answer the same shape. */
export const healthReportSchema = z
  .strictObject({
    status: z.enum(["ok", "degraded"]),
    app: z.strictObject({ status: z.literal("up"), uptimeSeconds: z.number().int().min(0) }),
    database: z.discriminatedUnion("status", [
      z.strictObject({ status: z.literal("up"), latencyMs: z.number().min(0) }),
      z.strictObject({ status: z.literal("down"), error: z.string() }),
    ]),
    checkedAt: timestampSchema,
  })
  .meta({ id: "HealthReport" });
