import type { z } from "zod";
import {
  claimIdempotencyKey,
  IdempotentReplay,
  releaseIdempotencyKey,
  type IdempotentRequest,
} from "../api/idempotency";
import { systemDb } from "../db/prisma";
import { invalidInput, toFailure, type ActionResult } from "../errors";
import { logger } from "../logger";
import { observedAction } from "../metrics/action-metrics";
import { principalOf } from "./actor";
import type { Permission } from "./permissions";
import type { RequestContext } from "./request-context";
import { withUser, withWorkspace, type UserContext, type WorkspaceContext } from "./with-workspace";

/**
 * Server actions are public POST endpoints: each one is defined here with its
 * input schema and permission, and runs through the chokepoint. The exported
 * 'use server' function only supplies the request context (see run-action.ts).
 */

// An object schema with the workspace id, or a union of them (one per integration type, say).
type WorkspaceInput = z.ZodType<{ workspaceId: string }>;

export interface WorkspaceActionDefinition<S extends WorkspaceInput, T, R = T> {
  kind: "workspace";
  name: string;
  permission: Permission;
  input: S;
  handler: (ctx: WorkspaceContext, input: z.infer<S>) => Promise<T>;
  /** Runs after the transaction committed (sending email, say); its result is the action's. */
  afterCommit?: (data: T, ctx: { workspaceId: string; actor: WorkspaceContext["actor"] }) => Promise<R>;
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
  /** As a server action: the workspace id is part of the input. */
  run: (request: RequestContext, rawInput: unknown) => Promise<ActionResult<T>>;
  /**
   * As a REST route: the workspace id comes from the URL and the input is read
   * only after the chokepoint let the caller through, so answers keep the order
   * 401 → 404 → 403 → 400/413/415 (`readInput` may throw an AppError).
   */
  runWith: (
    request: RequestContext,
    rawWorkspaceId: unknown,
    readInput: () => unknown,
    options?: RunOptions,
  ) => Promise<ActionResult<T>>;
}

/** REST only: an Idempotency-Key to claim for this caller before the work (lib/api/idempotency.ts). */
export interface RunOptions {
  idempotency?: IdempotentRequest | null;
  /** Told who the caller is and in which workspace, so the route can store the response under the key. */
  onClaimed?: (principal: string, workspaceId: string | null) => void;
  /** Runs in the workspace transaction before the input is read (an `If-Match` precondition, say). */
  precondition?: (ctx: WorkspaceContext) => Promise<void>;
  /** Runs in the workspace transaction after the handler (reading the changed resource's new ETag, say). */
  afterWork?: (ctx: WorkspaceContext) => Promise<void>;
}

/** A refusal, or the response an earlier identical request got (sent again by the route). */
function failureOf(error: unknown, name: string, requestId: string | undefined) {
  if (error instanceof IdempotentReplay)
    return { ...toFailure(error, logFailure(name), requestId), replay: error.response };
  return toFailure(error, logFailure(name), requestId);
}

const logFailure = (name: string) => (error: unknown, requestId: string) =>
  logger.error({ err: error, requestId, action: name }, "server action failed");

export function defineWorkspaceAction<S extends WorkspaceInput, T, R = T>(
  definition: Omit<WorkspaceActionDefinition<S, T, R>, "kind">,
): RunnableAction<R> {
  const runWith: RunnableAction<R>["runWith"] = async (request, rawWorkspaceId, readInput, options = {}) => {
    try {
      let actor: WorkspaceContext["actor"] | undefined;
      let workspaceId = "";
      const data = await withWorkspace(request, rawWorkspaceId, definition.permission, async (ctx) => {
        ({ actor, workspaceId } = ctx);
        if (options.idempotency) {
          await claimIdempotencyKey(ctx.tx, ctx.workspaceId, principalOf(ctx.actor), options.idempotency);
          options.onClaimed?.(principalOf(ctx.actor), ctx.workspaceId);
        }
        await options.precondition?.(ctx);
        const parsed = definition.input.safeParse(await readInput());
        if (!parsed.success) throw invalidInput(parsed.error);
        const data = await definition.handler(ctx, parsed.data);
        await options.afterWork?.(ctx);
        return data;
      });
      const result = definition.afterCommit
        ? await definition.afterCommit(data, { workspaceId, actor: actor! })
        : (data as unknown as R);
      return { ok: true, data: result };
    } catch (error) {
      return failureOf(error, definition.name, request.requestId);
    }
  };
  return {
    kind: "workspace",
    name: definition.name,
    permission: definition.permission,
    runWith,
    run: observedAction(definition.name, (request: RequestContext, rawInput: unknown) =>
      runWith(request, (rawInput as { workspaceId?: unknown } | null | undefined)?.workspaceId, () => rawInput),
    ),
  };
}

export function defineUserAction<S extends z.ZodType, T, R = T>(
  definition: Omit<UserActionDefinition<S, T, R>, "kind">,
): RunnableAction<R> {
  const runWith: RunnableAction<R>["runWith"] = async (request, _workspaceId, readInput, options = {}) => {
    try {
      const data = await withUser(request, async (ctx) => {
        const idempotency = options.idempotency;
        if (idempotency) {
          // No workspace transaction to claim in: claimed on its own, given back if the work fails.
          const principal = `user:${ctx.user.id}`;
          await claimIdempotencyKey(systemDb(), null, principal, idempotency);
          ctx.onRollback(() => releaseIdempotencyKey(systemDb(), principal, idempotency));
          options.onClaimed?.(principal, null);
        }
        const parsed = definition.input.safeParse(await readInput());
        if (!parsed.success) throw invalidInput(parsed.error);
        const value = await definition.handler(ctx, parsed.data);
        return definition.afterCommit ? definition.afterCommit(value, ctx) : (value as unknown as R);
      });
      return { ok: true, data };
    } catch (error) {
      return failureOf(error, definition.name, request.requestId);
    }
  };
  return {
    kind: "user",
    name: definition.name,
    permission: null,
    runWith,
    run: observedAction(definition.name, (request: RequestContext, raw: unknown) => runWith(request, null, () => raw)),
  };
}
