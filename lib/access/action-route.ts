import { z } from "zod";
import {
  idempotentRequestOf,
  replayedResponse,
  storeIdempotentResponse,
  type IdempotentRequest,
} from "../api/idempotency";
import { jsonResponse } from "../api/json-response";
import { systemDb } from "../db/prisma";
import { AppError, failureResponse, invalidInput, toFailure, type ActionResult } from "../errors";
import { logger } from "../logger";
import { observedRoute } from "../metrics/observed-route";
import { rateLimitHeaders } from "../rate-limit/rate-limit-headers";
import type { Versioned } from "../api/etag";
import type { RunnableAction, RunOptions } from "./define-action";
import type { RouteHandler } from "./define-route";
import type { Permission } from "./permissions";
import { readJsonBody } from "./read-json-body";
import { contextFromRequest, type RequestContext } from "./request-context";
import { settle } from "./settled";
import { withWorkspace } from "./with-workspace";

/**
 * REST routes that change something run the very definition the server action
 * runs — input schema, permission, handler and after-commit step (emails,
 * events) — so the two cannot drift apart. The workspace id comes from the URL;
 * a body that names one is refused.
 */
export function actionRoute<T>(
  action: RunnableAction<T>,
  /** How the result reads over REST, when it differs from the server action's (e.g. no invitation links). */
  present: (data: T) => unknown = (data) => data,
  options: {
    /** Path parameters (besides the workspace) that are part of the input, e.g. `keyId`; with them, no body is read… */
    pathInput?: string[];
    /** …unless the input is the body and the path parameters together (the body may not name them). */
    bodyToo?: boolean;
    /** What is stored for an Idempotency-Key replay, when it must differ from the answer (never a secret). */
    storedAs?: (data: unknown) => unknown;
  } = {},
): RouteHandler & { permission: Permission | null } {
  const route: RouteHandler = async (request, { params }) => {
    const { workspaceId, ...path } = (await params) ?? {};
    const context = contextFromRequest(request);
    const fromPath = async () => Object.fromEntries((options.pathInput ?? []).map((name) => [name, path[name]]));
    const body =
      options.pathInput && !options.bodyToo
        ? await settle(fromPath)
        : await settle(async () => ({ ...(await readJsonObject(request)), ...(await fromPath()) }));
    const idempotency = await settle(() =>
      request.method === "POST" ? idempotentRequestOf(request, body.ok ? body.value : null) : null,
    );
    const run = new IdempotentRun(idempotency.ok ? idempotency.value : null, options.storedAs);
    const result = await action.runWith(
      context,
      workspaceId,
      () => {
        idempotency.get();
        return inputFor(action, body.get(), workspaceId);
      },
      run.options,
    );
    return run.finish(context, result.ok ? { ok: true, data: present(result.data) } : result);
  };
  return Object.assign(observedRoute(route), { permission: action.permission });
}

/**
 * One route method that runs one of several action definitions, chosen by a
 * field of the body (`{"action": "change_role", …}`). `permission` is what every
 * entry needs at least; each definition still checks its own.
 */
export function actionDispatchRoute(
  permission: Permission,
  field: string,
  table: Record<string, RunnableAction<unknown>>,
  present: (data: unknown) => unknown = (data) => data,
  /** ETags for the resource the body names (lib/api/etag.ts): `If-Match` checked, `ETag` returned. */
  versioned?: Versioned,
): RouteHandler & { permission: Permission } {
  const choices = Object.keys(table) as [string, ...string[]];
  const choice = z.enum(choices, { error: `Choose one of: ${choices.join(", ")}` });
  const route: RouteHandler = async (request, { params }) => {
    const workspaceId = (await params)?.workspaceId;
    const context = contextFromRequest(request);
    const body = await settle(() => readJsonObject(request));
    const picked = body.ok ? choice.safeParse(body.value[field]) : null;
    if (!body.ok || !picked?.success) {
      // Still through the chokepoint first: 401 → 404 → 403 come before any complaint about the body.
      const complaint = picked?.error
        ? invalidInput(new z.ZodError(picked.error.issues.map((issue) => ({ ...issue, path: [field] }))))
        : null;
      try {
        await withWorkspace(context, workspaceId, permission, async () => {
          body.get();
          throw complaint;
        });
      } catch (error) {
        return failureResponse(toFailure(error, logFailure(request), context.requestId), context.requestId);
      }
      throw new Error("unreachable: the chokepoint or the body refused");
    }
    const { [field]: _chosen, ...rest } = body.value;
    const action = table[picked.data]!;
    const ifMatch = request.headers.get("if-match");
    let etag: string | null = null;
    const result = await action.runWith(context, workspaceId, () => inputFor(action, rest, workspaceId), {
      precondition: versioned && ifMatch !== null ? (ctx) => versioned.check(ctx, rest, ifMatch) : undefined,
      afterWork: versioned ? async (ctx) => void (etag = await versioned.current(ctx, rest)) : undefined,
    });
    return respond(context, result.ok ? { ok: true, data: present(result.data) } : result, etag);
  };
  return Object.assign(observedRoute(route), { permission });
}

/**
 * One POST's Idempotency-Key (lib/api/idempotency.ts): claimed by the action inside its transaction;
 * after success the response is stored under it; an earlier identical request's response is sent again.
 */
class IdempotentRun {
  private claimedBy: { principal: string; workspaceId: string | null } | null = null;
  readonly options: RunOptions;

  constructor(
    private readonly request: IdempotentRequest | null,
    private readonly storedAs: (data: unknown) => unknown = (data) => data,
  ) {
    this.options = {
      idempotency: request,
      onClaimed: (principal, workspaceId) => (this.claimedBy = { principal, workspaceId }),
    };
  }

  async finish<T>(context: RequestContext, result: ActionResult<T>): Promise<Response> {
    if (!result.ok && result.replay) return replayedResponse(result.replay);
    if (result.ok && this.request && this.claimedBy) {
      await storeIdempotentResponse(
        systemDb(),
        this.claimedBy.principal,
        this.request,
        { status: 200, body: { data: this.storedAs(result.data) } },
        this.claimedBy.workspaceId ?? workspaceIdOf(result.data),
      );
    }
    return respond(context, result);
  }
}

/** The id of a workspace just created (its Idempotency-Key row then belongs to it). */
function workspaceIdOf(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : undefined;
}

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("invalid_input", "Send a JSON object.");
  }
  return body as Record<string, unknown>;
}

function inputFor(action: RunnableAction<unknown>, body: Record<string, unknown>, workspaceId: unknown): unknown {
  if (action.kind === "user") return body;
  if ("workspaceId" in body) {
    throw new AppError("invalid_input", "Some fields need attention.", {
      fieldErrors: { workspaceId: ["The workspace comes from the URL; leave it out of the body."] },
    });
  }
  return { ...body, workspaceId };
}

function respond<T>(context: RequestContext, result: ActionResult<T>, etag: string | null = null): Response {
  if (!result.ok) return failureResponse(result, context.requestId);
  return jsonResponse(
    { data: result.data },
    {
      headers: {
        ...(context.rateLimit ? rateLimitHeaders(context.rateLimit) : {}),
        ...(etag ? { ETag: etag } : {}),
      },
    },
  );
}

const logFailure = (request: Request) => (error: unknown, requestId: string) =>
  logger.error({ err: error, requestId, method: request.method }, "route handler failed");
