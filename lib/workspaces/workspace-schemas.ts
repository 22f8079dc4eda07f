import { z } from "zod";

/** Input of createWorkspace: the form, the action and `POST /api/workspaces` share it. */
export const createWorkspaceSchema = z
  .object({
    name: z
      .string({ error: "Enter a workspace name" })
      .trim()
      .min(2, "Use at least 2 characters")
      .max(100, "Use at most 100 characters")
      .refine(
        (name) => name.isWellFormed() && !/[\p{Cc}<>]/u.test(name),
        "Use letters, digits, spaces and punctuation",
      ),
  })
  .strict();

export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;
