import { jsonResponse } from "../api/json-response";
import { AppError, failureResponse, toFailure } from "../errors";
import { logger } from "../logger";
import { observedRoute } from "../metrics/observed-route";
import type { SqlRead } from "../db/sql-read";
import { rateLimitHeaders } from "../rate-limit/rate-limit-headers";
import type { Permission } from "./permissions";
import { readWorkspace } from "./read-workspace";
import { contextFromRequest, type RequestContext } from "./request-context";
import { withUser, withWorkspace, type UserContext, type WorkspaceContext } from "./with-workspace";

type RouteParams = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, context: RouteParams) => Promise<Response>;

const logFailure = (request: Request) => (error: unknown, requestId: string) =>
  logger.error(
    { err: error, requestId, method: request.method, path: new URL(request.url).pathname },
    "route handler failed",
  );

/** A JSON answer; an API key's request also gets its RateLimit-* headers. */
export function json(
  context: RequestContext,
  data: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(data, {
    status,
    headers: { ...(context.rateLimit ? rateLimitHeaders(context.rateLimit) : {}), ...headers },
  });
}

/** A refusal or a masked failure as `{ error: { code, message, fieldErrors?, requestId } }`. */
export function errorResponse(request: Request, context: RequestContext, error: unknown): Response {
  return failureResponse(toFailure(error, logFailure(request), context.requestId), context.requestId);
}

/**
 * A REST handler on /api/workspaces/{workspaceId}/…, through the chokepoint.
 * Its result is sent as `{ data }`, or as it is when it is a Response (a file download).
 */
export function workspaceRoute<T>(
  permission: Permission,
  handler: (ctx: WorkspaceContext, request: Request) => Promise<T>,
): RouteHandler & { permission: Permission } {
  const route = async (request: Request, { params }: RouteParams) => {
    const context = contextFromRequest(request);
    try {
      const { workspaceId } = await params;
      const data = await withWorkspace(context, workspaceId, permission, (ctx) => handler(ctx, request));
      return data instanceof Response ? data : json(context, { data });
    } catch (error) {
      return errorResponse(request, context, error);
    }
  };
  return Object.assign(observedRoute(route), { permission });
}

/**
 * A REST GET on /api/workspaces/{workspaceId}/… that is one SQL read: the chokepoint's read
 * path (`readWorkspace`), checks and read in one round trip. Sent as `{ data }`.
 */
export function workspaceReadRoute<T>(
  permission: Permission,
  /** `path`: the route's other path parameters (e.g. `integrationId`), unchecked: validate them. */
  read: (workspaceId: string, request: Request, path: Record<string, unknown>) => SqlRead<T>,
): RouteHandler & { permission: Permission } {
  const route = async (request: Request, { params }: RouteParams) => {
    const context = contextFromRequest(request);
    try {
      const { workspaceId, ...path } = await params;
      const result = await readWorkspace(context, workspaceId, permission, (id) => read(id, request, path));
      return json(context, { data: result.data });
    } catch (error) {
      return errorResponse(request, context, error);
    }
  };
  return Object.assign(observedRoute(route), { permission });
}

/** A REST handler that needs a signed-in user but no workspace. */
export function userRoute<T>(handler: (ctx: UserContext, request: Request) => Promise<T>): RouteHandler {
  return observedRoute(async (request: Request) => {
    const context = contextFromRequest(request);
    try {
      return json(context, { data: await withUser(context, (ctx) => handler(ctx, request)) });
    } catch (error) {
      return errorResponse(request, context, error);
    }
  });
}

/**
 * A write that lands with a later issue: through the chokepoint first (401 → 404 → 403 as for any
 * route), then 501 with what will come. The OpenAPI document says the same.
 */
export function notYetRoute(permission: Permission, message: string): RouteHandler & { permission: Permission } {
  return workspaceRoute(permission, async () => {
    throw new AppError("not_implemented", message);
  });
}
