import { NextResponse, type NextRequest } from "next/server";
import { jsonDepth } from "@/lib/access/read-json-body";
import { env } from "@/lib/env";
import { requestIdFrom } from "@/lib/request-id";
import { securityHeaders } from "@/lib/security/security-headers";
import { checkServerActionLength, SERVER_ACTION_MAX_DEPTH } from "@/lib/security/server-action-guard";

/**
 * Runs before every request (docs/architecture.md, "The request path"): gives it
 * a request id and a CSP nonce, sets the security headers on the response, and
 * refuses server-action bodies Next.js would choke on.
 */
export async function proxy(request: NextRequest) {
  // Our server already took the caller's id or made one (lib/request-id.ts): the same id throughout.
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    nonce,
    development: env.NODE_ENV === "development",
    https: env.APP_URL.startsWith("https://"),
    formTargets: env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? ["https://github.com"] : [],
  });

  const refusal =
    request.method === "POST" && request.headers.has("next-action") ? await guardServerAction(request) : null;
  if (refusal) {
    return withHeaders(
      NextResponse.json(
        { error: { code: refusal.code, message: refusal.message, requestId } },
        { status: refusal.status },
      ),
      headers,
      requestId,
    );
  }

  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("x-nonce", nonce);
  // Next.js reads the nonce for its own scripts from the request's policy.
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers, requestId);
}

function withHeaders(response: NextResponse, headers: Record<string, string>, requestId: string): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set("x-request-id", requestId);
  return response;
}

async function guardServerAction(request: NextRequest) {
  const length = checkServerActionLength(request.headers.get("content-length"));
  if (length) return { ...length, code: length.status === 413 ? "payload_too_large" : "invalid_input" };
  const body = await request.clone().text();
  if (jsonDepth(body) > SERVER_ACTION_MAX_DEPTH) {
    return { status: 400, code: "invalid_input", message: "The request body is nested too deeply." };
  }
  return null;
}

export const config = {
  // Everything but Next's own immutable build files (next.config.mjs gives those the static headers).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
