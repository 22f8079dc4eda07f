import { KEY_SCOPES, SCOPE_FOR_PERMISSION } from "../../access/permissions";
import { AUDIT_PAGE_SIZE } from "../../audit/audit-filters";
import { ERROR_STATUS } from "../../errors";
import { MAX_BATCH_ITEMS } from "../batch-items";
import { IDEMPOTENCY_TTL_HOURS } from "../idempotency";
import type { OperationSpec } from "./operation-spec";

export const API_TITLE = "Agent Observability Settings API";
/** The document's version: bump the minor for additions, the major for anything that breaks a caller. */
export const API_VERSION = "1.0.0";

/** Which operations each API-key scope opens, from the registry (so the table cannot drift). */
function scopeTable(operations: Record<string, OperationSpec>): string {
  const rows = KEY_SCOPES.map((scope) => {
    const opened = Object.entries(operations)
      .filter(([, spec]) => spec.access.kind === "workspace" && SCOPE_FOR_PERMISSION[spec.access.permission] === scope)
      .map(([key]) => `\`${key}\``);
    return `| \`${scope}\` | ${opened.join("<br>")} |`;
  });
  const never = Object.entries(operations)
    .filter(
      ([, spec]) =>
        spec.access.kind === "user" ||
        (spec.access.kind === "workspace" && SCOPE_FOR_PERMISSION[spec.access.permission] === null),
    )
    .map(([key]) => `\`${key}\``);
  return ["| Scope | Operations |", "| --- | --- |", ...rows, `| (none: people only) | ${never.join("<br>")} |`].join(
    "\n",
  );
}

const errorTable = () =>
  [
    "| Code | Status |",
    "| --- | --- |",
    ...Object.entries(ERROR_STATUS).map(([code, status]) => `| \`${code}\` | ${status} |`),
  ].join("\n");

/** The document's introduction (Markdown): authentication, errors, pagination, idempotency, ETags, rate limits. */
export function documentDescription(operations: Record<string, OperationSpec>): string {
  return `
The REST API of a workspace's settings — team, billing, integrations, audit log and API keys — and the
endpoints services use to report usage and publish alert events. Every request and answer is JSON (the audit
log can also be downloaded as CSV). Paths are relative to the app's own address.

## Authentication

Two ways to call the API:

- **Session cookie** (\`authjs.session-token\`, or \`__Secure-authjs.session-token\` over HTTPS): a signed-in
  person, as the browser does. What they may do follows their role in the workspace: owner, admin, member or viewer.
- **API key** (\`Authorization: Bearer obs_live_…\`): for scripts and services. Owners and admins create keys on the
  API keys tab; the secret is shown once. A key works in its own workspace only, with the scopes it was given, and
  never above the role of the person who created it. When the header is sent, the cookie is ignored.

Each operation says which roles may call it and which scope a key needs (also as \`x-required-permission\`,
\`x-allowed-roles\` and \`x-required-scope\`):

${scopeTable(operations)}

A refused request is answered in this order: **401** (no valid credentials) → **404** (no such workspace, or the
caller is not in it: a workspace you cannot see is "not found", whether or not it exists) → **403** (the role or scope
does not allow it) → **400 / 413 / 415** (the request itself).

## Errors

Every error has one shape:

\`\`\`json
{ "error": { "code": "invalid_input", "message": "Some fields need attention.",
             "fieldErrors": { "emails": ["Enter at least one email address"] },
             "requestId": "0c5e7a52-1d3b-4e4f-9a57-3d2b8f6f4e21" } }
\`\`\`

\`message\` is written for people and safe to show; \`fieldErrors\` (with \`invalid_input\`) names each field that
needs attention; \`requestId\` is what to quote to support. Each code has one status:

${errorTable()}

## Pagination

Lists take \`limit\` (1–100, default 50) and \`cursor\`, and answer \`next_cursor\`: pass it as \`cursor\` to get the
next page; it is \`null\` on the last page. Cursors are opaque: send them back unchanged. (The team list also takes
\`page\`; the audit log pages by \`page\`, ${AUDIT_PAGE_SIZE} entries each.)

## Idempotency

Every \`POST\` takes an \`Idempotency-Key\` header (1–255 printable ASCII characters; a UUID is a good choice). The
first successful response is stored for ${IDEMPOTENCY_TTL_HOURS} hours; repeating the same request with the same key
returns it again with \`Idempotent-Replayed: true\`, and nothing is done twice. The same key with a different
request is a 409. A request that failed stores nothing, so repeating it runs it again.

Usage reports and alert events also carry an \`idempotencyKey\` **per item** (up to ${MAX_BATCH_ITEMS.toLocaleString("en-US")}
items a request): an item is recorded once per key, however often it is sent, so a collector can always retry.

## Concurrency: ETags

\`GET …/team\` gives each member an \`etag\`. Send it as \`If-Match\` with \`PATCH …/team\` and the change applies
only if the member has not changed since you read it; otherwise the answer is **412** and nothing changes. The
member's new ETag comes back in the \`ETag\` header. Without \`If-Match\`, the change applies as it is.

## Rate limits

Each API key has a per-minute request budget. Every successful answer to a key carries
\`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds); beyond the budget the answer is
**429** with \`Retry-After\`. Sending invitations and creating workspaces have budgets of their own (also 429 with
\`Retry-After\`).

## Integrations

Integrations are added, changed and removed through \`POST\`/\`PATCH\`/\`DELETE …/integrations\`; secrets are
accepted on write and never returned (a webhook's signing secret is answered once). Each event is delivered at
least once, with the same \`webhook-id\` on every attempt; \`GET …/integrations/{integrationId}/deliveries\` is the
delivery log, \`POST …/deliveries/{deliveryId}/retry\` sends one again now, and \`POST …/replay\` resends what an
integration missed since a time.
`.trim();
}
