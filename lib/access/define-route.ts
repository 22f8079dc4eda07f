import { failureResponse, toFailure } from "../errors";
import { logger } from "../logger";
import type { SqlRead } from "../db/sql-read";
import type { Permission } from "./permissions";
import { readWorkspace } from "./read-workspace";
import { contextFromRequest } from "./request-context";
import { withUser, withWorkspace, type UserContext, type WorkspaceContext } from "./with-workspace";

type RouteParams = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, context: RouteParams) => Promise<Response>;

const logFailure = (request: Request) => (error: unknown, requestId: string) =>
  logger.error(
    { err: error, requestId, method: request.method, path: new URL(request.url).pathname },
    "route handler failed",
  );

function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store" } });
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
      return data instanceof Response ? data : json({ data });
    } catch (error) {
      return failureResponse(toFailure(error, logFailure(request), context.requestId));
    }
  };
  return Object.assign(route, { permission });
}

/**
 * A REST GET on /api/workspaces/{workspaceId}/… that is one SQL read: the chokepoint's read
 * path (`readWorkspace`), checks and read in one round trip. Sent as `{ data }`.
 */
export function workspaceReadRoute<T>(
  permission: Permission,
  read: (workspaceId: string, request: Request) => SqlRead<T>,
): RouteHandler & { permission: Permission } {
  const route = async (request: Request, { params }: RouteParams) => {
    const context = contextFromRequest(request);
    try {
      const { workspaceId } = await params;
      const result = await readWorkspace(context, workspaceId, permission, (id) => read(id, request));
      return json({ data: result.data });
    } catch (error) {
      return failureResponse(toFailure(error, logFailure(request), context.requestId));
    }
  };
  return Object.assign(route, { permission });
}

/** A REST handler that needs a signed-in user but no workspace. */
export function userRoute<T>(handler: (ctx: UserContext, request: Request) => Promise<T>): RouteHandler {
  return async (request: Request) => {
    const context = contextFromRequest(request);
    try {
      return json({ data: await withUser(context, (ctx) => handler(ctx, request)) });
    } catch (error) {
      return failureResponse(toFailure(error, logFailure(request), context.requestId));
    }
  };
}
