// Test support for lib/api/openapi/ tests: calls a documented operation's real route handler and
// checks the answer against the document (status, body, headers).
import path from "node:path";
import { expect } from "vitest";
import { z } from "zod";
import { errorHeaders } from "../api/openapi/build-document";
import { apiErrorSchema, errorCodeOf, type ErrorStatus } from "../api/openapi/error-schema";
import { RESPONSE_HEADERS, type DocumentedHeader } from "../api/openapi/headers";
import { OPERATIONS, splitOperationKey } from "../api/openapi/operations";
import { routeFileOf } from "../api/openapi/route-paths";
import { ROOT } from "./app-files";
import { httpRequest } from "./fixtures";

export interface OperationCall {
  /** Path parameters, e.g. `{ workspaceId }`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON body (sent with `Content-Type: application/json`), or raw text with `contentType`. */
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** A session token (cookie) or an API key secret (Bearer). */
  token?: string | null;
  bearer?: string;
}

/** Calls the route handler of `key` (e.g. `POST /api/workspaces/{workspaceId}/usage`) as Next.js would. */
export async function callOperation(key: string, call: OperationCall = {}): Promise<Response> {
  const { method, path: template } = splitOperationKey(key);
  const params = call.params ?? {};
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? `missing-${name}`),
  );
  const query = call.query ? `?${new URLSearchParams(call.query)}` : "";
  const headers = new Headers(call.headers);
  if (call.bearer) headers.set("authorization", `Bearer ${call.bearer}`);
  // GET requests carry no body (a sweep may pass one to every operation alike).
  const json = method === "GET" || call.body === undefined ? undefined : JSON.stringify(call.body);
  const body = call.rawBody ?? json;
  if (body !== undefined) headers.set("content-type", call.contentType ?? "application/json");
  const routeModule = (await import(path.join(ROOT, routeFileOf(template)))) as Record<
    string,
    (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>
  >;
  const handler = routeModule[method];
  if (!handler) throw new Error(`${routeFileOf(template)} exports no ${method}`);
  return handler(httpRequest(url + query, call.token ?? null, { method, headers, body }), {
    params: Promise.resolve(params),
  });
}

/** Every `operation status` a test saw answered as documented (for the "nothing documented unseen" check). */
export const seenAnswers = new Set<string>();

/** The headers the document promises for this answer (required or not). */
export function documentedHeaders(key: string, status: number): DocumentedHeader[] {
  const spec = OPERATIONS[key]!;
  return spec.responses[status]?.headers ?? errorHeaders(status as ErrorStatus, spec);
}

/**
 * Checks a real answer against the document: its status is documented for the operation, its body
 * parses with the documented (strict) schema — the shared error envelope, with the status's code, for
 * errors — every header documented as required is there, and every API header it carries is documented.
 * Returns the parsed body.
 */
export async function expectDocumented(key: string, response: Response): Promise<unknown> {
  const spec = OPERATIONS[key];
  expect(spec, `${key} is not documented`).toBeDefined();
  const status = response.status;
  const success = spec!.responses[status];
  const error = spec!.errors[status as ErrorStatus];
  const text = await response.text();
  expect(
    success ?? error,
    `${key} answered ${status}, which the document does not list: ${text.slice(0, 500)}`,
  ).toBeDefined();

  const contentType = response.headers.get("content-type") ?? "";
  let schema: z.ZodType;
  let value: unknown;
  if (success && !contentType.startsWith("application/json")) {
    const other = Object.entries(success.otherContent ?? {}).find(([type]) => contentType.startsWith(type));
    expect(other, `${key} ${status}: undocumented content type ${contentType}`).toBeDefined();
    schema = other![1];
    value = text;
  } else {
    expect(contentType, `${key} ${status}`).toMatch(/^application\/json/);
    schema = success?.schema ?? apiErrorSchema;
    value = JSON.parse(text);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `${key} ${status}: the answer does not match the document:\n${z.prettifyError(parsed.error)}\n${text.slice(0, 2000)}`,
    );
  }
  if (!success)
    expect((value as z.infer<typeof apiErrorSchema>).error.code, `${key} ${status}`).toBe(errorCodeOf(status));

  const documented = documentedHeaders(key, status);
  for (const header of documented.filter((h) => h.required)) {
    expect(response.headers.has(header.name), `${key} ${status}: documented header ${header.name} is missing`).toBe(
      true,
    );
  }
  const names = new Set(documented.map((h) => h.name.toLowerCase()));
  for (const name of Object.keys(RESPONSE_HEADERS)) {
    if (response.headers.has(name))
      expect(names.has(name.toLowerCase()), `${key} ${status}: sends ${name}, which the document does not list`).toBe(
        true,
      );
  }
  seenAnswers.add(`${key} ${status}`);
  return parsed.data;
}

/** Calls and checks in one: the answer must have `status` and match the document. */
export async function expectAnswer(
  key: string,
  status: number,
  call: OperationCall,
): Promise<{ body: unknown; response: Response }> {
  const response = await callOperation(key, call);
  const copy = response.clone();
  if (response.status !== status) {
    throw new Error(`${key}: expected ${status}, got ${response.status}: ${(await copy.text()).slice(0, 1000)}`);
  }
  return { body: await expectDocumented(key, response), response: copy };
}
