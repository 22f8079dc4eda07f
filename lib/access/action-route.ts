import { z } from "zod";
import { AppError, failureResponse, invalidInput, toFailure, type ActionResult } from "../errors";
import { logger } from "../logger";
import type { RunnableAction } from "./define-action";
import type { RouteHandler } from "./define-route";
import type { Permission } from "./permissions";
import { readJsonBody } from "./read-json-body";
import { contextFromRequest } from "./request-context";
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
  /** Path parameters (besides the workspace) that are part of the input, e.g. `keyId`; with them, no body is read. */
  options: { pathInput?: string[] } = {},
): RouteHandler & { permission: Permission | null } {
  const route: RouteHandler = async (request, { params }) => {
    const { workspaceId, ...path } = (await params) ?? {};
    const body = options.pathInput
      ? await settle(async () => Object.fromEntries(options.pathInput!.map((name) => [name, path[name]])))
      : await settle(() => readJsonObject(request));
    const result = await action.runWith(contextFromRequest(request), workspaceId, () =>
      inputFor(action, body.get(), workspaceId),
    );
    return respond(result.ok ? { ok: true, data: present(result.data) } : result);
  };
  return Object.assign(route, { permission: action.permission });
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
        return failureResponse(toFailure(error, logFailure(request), context.requestId));
      }
      throw new Error("unreachable: the chokepoint or the body refused");
    }
    const { [field]: _chosen, ...rest } = body.value;
    const action = table[picked.data]!;
    const result = await action.runWith(context, workspaceId, () => inputFor(action, rest, workspaceId));
    return respond(result.ok ? { ok: true, data: present(result.data) } : result);
  };
  return Object.assign(route, { permission });
}

type Settled<T> = { ok: true; value: T; get: () => T } | { ok: false; get: () => never };

/** Reads the body now (no database connection is held meanwhile); its error surfaces when the input is needed. */
async function settle<T>(read: () => Promise<T>): Promise<Settled<T>> {
  try {
    const value = await read();
    return { ok: true, value, get: () => value };
  } catch (error) {
    return {
      ok: false,
      get: () => {
        throw error;
      },
    };
  }
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

function respond<T>(result: ActionResult<T>): Response {
  if (!result.ok) return failureResponse(result);
  return Response.json({ data: result.data }, { headers: { "Cache-Control": "no-store" } });
}

const logFailure = (request: Request) => (error: unknown, requestId: string) =>
  logger.error({ err: error, requestId, method: request.method }, "route handler failed");
