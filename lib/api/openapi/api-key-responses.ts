import { z } from "zod";
import { KEY_SCOPES } from "../../access/permissions";
import { API_KEY_LENGTH, KEY_PREFIX } from "../../api-keys/key-format";
import { dataEnvelope, idSchema, nextCursorSchema, nullableTimestampSchema, timestampSchema } from "./common-schemas";

export const keyScopeSchema = z.enum(KEY_SCOPES).meta({ id: "KeyScope" });

/** lib/api-keys/list-api-keys.ts `ApiKeyView`: never the secret. */
export const apiKeySchema = z
  .strictObject({
    id: idSchema,
    name: z.string().meta({ example: "CI deploys" }),
    prefix: z
      .string()
      .regex(new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{4}$`))
      .meta({ description: "Enough to recognise the key, never to use it.", example: `${KEY_PREFIX}ab12` }),
    scopes: z.array(keyScopeSchema),
    createdBy: z.strictObject({ name: z.string().nullable(), email: z.string() }).nullable(),
    createdAt: timestampSchema,
    lastUsedAt: nullableTimestampSchema.meta({ description: "Written at most once a minute." }),
    expiresAt: nullableTimestampSchema.meta({ description: "null: never." }),
    status: z.enum(["active", "expired"]),
  })
  .meta({ id: "ApiKey" });

export const apiKeyPageResponse = dataEnvelope(
  z.strictObject({ keys: z.array(apiKeySchema), next_cursor: nextCursorSchema }),
);

/** lib/api-keys/manage-api-keys.ts `CreatedApiKey`. */
export const createdApiKeyResponse = dataEnvelope(
  z
    .strictObject({
      key: apiKeySchema,
      secret: z
        .string()
        .length(API_KEY_LENGTH)
        .startsWith(KEY_PREFIX)
        .nullable()
        .meta({
          description:
            "The whole key, in this response only: store it now, it is never shown again. null in an Idempotency-Key replay (the secret is never stored, not even for replays).",
          example: `${KEY_PREFIX}${"x".repeat(API_KEY_LENGTH - KEY_PREFIX.length)}`,
        }),
    })
    .meta({ id: "CreatedApiKey" }),
);

export const revokedApiKeyResponse = dataEnvelope(z.strictObject({ id: idSchema }));
