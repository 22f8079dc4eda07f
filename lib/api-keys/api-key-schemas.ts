import { z } from "zod";
import { workspaceIdSchema } from "../access/ids";
import { KEY_SCOPES } from "../access/permissions";
import { pageQueryShape } from "../api/page-query";
import { plainText } from "../validation/plain-text";

/** Inputs of the API-key actions; the form, the actions and the REST handlers share them. */

export const MAX_KEY_LIFETIME_DAYS = 730;
export const scopeSchema = z.enum(KEY_SCOPES, {
  error: `Choose scopes from: ${KEY_SCOPES.join(", ")}`,
});

export const createApiKeySchema = z
  .object({
    workspaceId: workspaceIdSchema,
    name: plainText(100, "The name").trim().min(1, "Give the key a name, like “CI deploys”"),
    scopes: z
      .array(scopeSchema)
      .min(1, "Choose at least one scope")
      .max(KEY_SCOPES.length)
      .transform((scopes) => KEY_SCOPES.filter((scope) => scopes.includes(scope))),
    /** When the key stops working (ISO 8601); omitted or null: never. */
    expiresAt: z.iso
      .datetime({ offset: true, error: "Give the expiry as a date and time, like 2027-01-31T00:00:00Z" })
      .nullish()
      .transform((value) => (value ? new Date(value) : null))
      .refine((date) => !date || date.getTime() > Date.now() + 60_000, "The expiry must be in the future")
      .refine(
        (date) => !date || date.getTime() < Date.now() + MAX_KEY_LIFETIME_DAYS * 86_400_000,
        `A key can live at most ${MAX_KEY_LIFETIME_DAYS} days`,
      ),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z
  .object({ workspaceId: workspaceIdSchema, keyId: z.guid({ error: "Not an API key id" }) })
  .strict();

export const apiKeyListQuerySchema = z.object(pageQueryShape).strict();
export type ApiKeyListQuery = z.infer<typeof apiKeyListQuerySchema>;
