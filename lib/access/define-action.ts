import type { z } from "zod";
import { invalidInput, toFailure, type ActionResult } from "../errors";
import { logger } from "../logger";
import type { Permission } from "./permissions";
import type { RequestContext } from "./request-context";
import { withUser, withWorkspace, type UserContext, type WorkspaceContext } from "./with-workspace";

/**
 * Server actions are public POST endpoints: each one is defined here with its
 * input schema and permission, and runs through the chokepoint. The exported
 * 'use server' function only supplies the request context (see run-action.ts).
 */

type WorkspaceInput = z.ZodObject<{ workspaceId: z.ZodType<string> } & z.ZodRawShape>;

export interface WorkspaceActionDefinition<S extends WorkspaceInput, T, R = T> {
  kind: "workspace";
  name: string;
  permission: Permission;
  input: S;
  handler: (ctx: WorkspaceContext, input: z.infer<S>) => Promise<T>;
  /** Runs after the transaction committed (sending email, say); its result is the action's. */
  afterCommit?: (data: T, ctx: { workspaceId: string; user: WorkspaceContext["user"] }) => Promise<R>;
}

export interface UserActionDefinition<S extends z.ZodType, T, R = T> {
  kind: "user";
  name: string;
  input: S;
  handler: (ctx: UserContext, input: z.infer<S>) => Promise<T>;
  afterCommit?: (data: T, ctx: UserContext) => Promise<R>;
}

export interface RunnableAction<T = unknown> {
  kind: "workspace" | "user";
  name: string;
  /** null for actions that need only a signed-in user. */
  permission: Permission | null;
  run: (request: RequestContext, rawInput: unknown) => Promise<ActionResult<T>>;
}

const logFailure = (name: string) => (error: unknown, requestId: string) =>
  logger.error({ err: error, requestId, action: name }, "server action failed");

export function defineWorkspaceAction<S extends WorkspaceInput, T, R = T>(
  definition: Omit<WorkspaceActionDefinition<S, T, R>, "kind">,
): RunnableAction<R> {
  return {
    kind: "workspace",
    name: definition.name,
    permission: definition.permission,
    async run(request, rawInput) {
      try {
        // Same order as routes: 401 (session) → 404 (membership) → 403 (role) → 400 (input).
        const rawWorkspaceId = (rawInput as { workspaceId?: unknown } | null | undefined)?.workspaceId;
        let user: WorkspaceContext["user"] | undefined;
        let workspaceId = "";
        const data = await withWorkspace(request, rawWorkspaceId, definition.permission, (ctx) => {
          ({ user, workspaceId } = ctx);
          const parsed = definition.input.safeParse(rawInput);
          if (!parsed.success) throw invalidInput(parsed.error);
          return definition.handler(ctx, parsed.data);
        });
        const result = definition.afterCommit
          ? await definition.afterCommit(data, { workspaceId, user: user! })
          : (data as unknown as R);
        return { ok: true, data: result };
      } catch (error) {
        return toFailure(error, logFailure(definition.name));
      }
    },
  };
}

export function defineUserAction<S extends z.ZodType, T, R = T>(
  definition: Omit<UserActionDefinition<S, T, R>, "kind">,
): RunnableAction<R> {
  return {
    kind: "user",
    name: definition.name,
    permission: null,
    async run(request, rawInput) {
      try {
        const data = await withUser(request, async (ctx) => {
          const parsed = definition.input.safeParse(rawInput);
          if (!parsed.success) throw invalidInput(parsed.error);
          const value = await definition.handler(ctx, parsed.data);
          return definition.afterCommit ? definition.afterCommit(value, ctx) : (value as unknown as R);
        });
        return { ok: true, data };
      } catch (error) {
        return toFailure(error, logFailure(definition.name));
      }
    },
  };
}
