import { z } from "zod";
import { updateBillingFields } from "../../billing/billing-schemas";

/** PATCH /billing's body: the action's own fields (lib/billing/billing-schemas.ts). */
export const updateBillingBody = {
  schema: z.strictObject(updateBillingFields),
  example: { billingEmail: "billing@acme.example", cancelAtPeriodEnd: true },
};
