import path from "node:path";
import { bearerRequest } from "./api-key-fixtures";
import { ROOT } from "./app-files";
import { httpRequest } from "./fixtures";

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

export interface ApiCall {
  method: string;
  /** The route file under app/, e.g. `api/workspaces/[workspaceId]/team`. */
  route: string;
  params: Record<string, string>;
  /** A session token (cookie) or an API key (`Authorization: Bearer`). */
  token?: string | null;
  bearer?: string;
  body?: unknown;
  query?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read what they expect
  headers: Headers;
}

/** Calls a route handler the way Next.js does, with a cookie or a key, and reads its JSON answer. */
export async function callApi(call: ApiCall): Promise<ApiAnswer> {
  const routeModule = (await import(path.join(ROOT, "app", call.route, "route.ts"))) as Record<string, Handler>;
  let url = `/${call.route}`;
  for (const [name, value] of Object.entries(call.params)) url = url.replace(`[${name}]`, value);
  const headers: Record<string, string> = { ...call.headers };
  const init: RequestInit = { method: call.method, headers };
  if (call.body !== undefined) {
    init.body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  const full = `${url}${call.query ?? ""}`;
  const request = call.bearer ? bearerRequest(full, call.bearer, init) : httpRequest(full, call.token ?? null, init);
  const response = await routeModule[call.method]!(request, { params: Promise.resolve(call.params) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}
