import { z } from "zod";
import { workspaceIdSchema } from "../access/ids";

/** Inputs of the Billing tab's actions; the forms, the actions and the REST handlers share them. */

export const choosablePlanSchema = z.enum(["free", "starter", "professional"], {
  error: "Choose a plan: free, starter or professional (Enterprise is by contract: contact sales).",
});

export const changePlanSchema = z.strictObject({ workspaceId: workspaceIdSchema, plan: choosablePlanSchema });
export type ChangePlanInput = z.infer<typeof changePlanSchema>;

export const workspaceOnlySchema = z.strictObject({ workspaceId: workspaceIdSchema });

/** PATCH /billing and the tab's email form, cancel and resume: the fields besides the workspace. */
export const updateBillingFields = {
  billingEmail: z
    .email({ error: "Enter an email address invoices can go to, like billing@example.com" })
    .max(320)
    .transform((email) => email.toLowerCase())
    .optional(),
  /** true: cancel at the period's end; false: resume. */
  cancelAtPeriodEnd: z
    .boolean({ error: "cancelAtPeriodEnd is true (cancel at period end) or false (resume)" })
    .optional(),
};

export const updateBillingSchema = z
  .strictObject({ workspaceId: workspaceIdSchema, ...updateBillingFields })
  .refine((input) => input.billingEmail !== undefined || input.cancelAtPeriodEnd !== undefined, {
    message: "Send billingEmail, cancelAtPeriodEnd, or both.",
  });
export type UpdateBillingInput = z.infer<typeof updateBillingSchema>;
