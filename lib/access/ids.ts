import { z } from "zod";

// Any 8-4-4-4-12 hex id, as PostgreSQL accepts it (the seed's workspace 00000000-…-0001 is not an RFC 4122 UUID).
export const workspaceIdSchema = z.guid({ error: "Not a workspace id" });
