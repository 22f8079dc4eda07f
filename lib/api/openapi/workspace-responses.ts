import { z } from "zod";
import { dataEnvelope, idSchema, roleSchema } from "./common-schemas";

/** lib/workspaces/list-my-workspaces.ts `MyWorkspace`. */
export const myWorkspaceSchema = z
  .strictObject({ id: idSchema, name: z.string(), slug: z.string(), role: roleSchema })
  .meta({ id: "MyWorkspace", description: "A workspace the caller is an active member of, with their role." });

/** lib/workspaces/create-workspace.ts: the workspace just created (the caller is its owner). */
export const createdWorkspaceSchema = z
  .strictObject({ id: idSchema, name: z.string(), slug: z.string().meta({ example: "acme-3fa9c1" }) })
  .meta({ id: "CreatedWorkspace" });

export const myWorkspacesResponse = dataEnvelope(z.array(myWorkspaceSchema));
export const createdWorkspaceResponse = dataEnvelope(createdWorkspaceSchema);
