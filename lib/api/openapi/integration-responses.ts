import { z } from "zod";
import { dataEnvelope, idSchema, nextCursorSchema, nullableTimestampSchema } from "./common-schemas";

/** lib/integrations/list-integrations.ts `IntegrationView`: never a secret. */
export const integrationSchema = z
  .strictObject({
    id: idSchema,
    type: z.string().meta({ example: "slack" }),
    name: z.string(),
    isEnabled: z.boolean(),
    healthStatus: z.enum(["healthy", "degraded", "unhealthy", "unknown"]),
    lastHealthCheckAt: nullableTimestampSchema,
    lastErrorMessage: z.string().nullable(),
    totalEventsSent: z.number().int().min(0),
    totalErrors: z.number().int().min(0),
    hasCredentials: z
      .boolean()
      .meta({ description: "Whether a secret is stored; the secret never leaves the server." }),
  })
  .meta({ id: "Integration" });

export const integrationListResponse = dataEnvelope(
  z.strictObject({ integrations: z.array(integrationSchema), next_cursor: nextCursorSchema }),
);
