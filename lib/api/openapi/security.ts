import type { oas31 } from "zod-openapi";
import { PERMISSIONS, SCOPE_FOR_PERMISSION, type Permission } from "../../access/permissions";
import { SESSION_COOKIES } from "../../access/request-context";

/** Who may call an operation: anyone, a signed-in person, or a member or key with a permission. */
export type Access = { kind: "public" } | { kind: "user" } | { kind: "workspace"; permission: Permission };

export const SESSION_SCHEME = "sessionCookie";
export const API_KEY_SCHEME = "apiKey";

const [SECURE_COOKIE, PLAIN_COOKIE] = SESSION_COOKIES;

export const SECURITY_SCHEMES: Record<string, oas31.SecuritySchemeObject> = {
  [SESSION_SCHEME]: {
    type: "apiKey",
    in: "cookie",
    name: PLAIN_COOKIE,
    description:
      `The browser session of a signed-in person: \`${PLAIN_COOKIE}\`, or \`${SECURE_COOKIE}\` over HTTPS. ` +
      "What a person may do follows their role in the workspace. Sign in at /sign-in; scripts use API keys instead.",
  },
  [API_KEY_SCHEME]: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "obs_live_…",
    description:
      "A workspace API key: `Authorization: Bearer obs_live_…` (REST only). Create one on the API keys tab; its " +
      "secret is shown once. A key acts in its own workspace only, with the scopes it was given (`read`, " +
      "`team:write`, `integrations:write`, `usage:write`, `events:write`) and never above its creator's role. " +
      "Each key has a per-minute request budget (RateLimit-* headers). When the header is sent, the session " +
      "cookie is ignored.",
  },
};

const roleList = (roles: readonly string[]) => roles.join(", ");

/** The operation's security requirements, access line for its description, and `x-` extensions. */
export function securityOf(access: Access): {
  security: oas31.SecurityRequirementObject[];
  line: string;
  extensions: Record<`x-${string}`, unknown>;
} {
  if (access.kind === "public") return { security: [], line: "**Access:** public, no credentials.", extensions: {} };
  if (access.kind === "user") {
    return {
      security: [{ [SESSION_SCHEME]: [] }],
      line: "**Access:** any signed-in person (session cookie). API keys cannot call this.",
      extensions: { "x-required-scope": null },
    };
  }
  const roles = PERMISSIONS[access.permission];
  const scope = SCOPE_FOR_PERMISSION[access.permission];
  const extensions = {
    "x-required-permission": access.permission,
    "x-allowed-roles": [...roles],
    "x-required-scope": scope,
  };
  if (roles.length === 0) {
    return {
      security: [{ [API_KEY_SCHEME]: [scope!] }],
      line: `**Access:** API keys with the \`${scope}\` scope only; no person's role has it (permission \`${access.permission}\`).`,
      extensions,
    };
  }
  if (scope === null) {
    return {
      security: [{ [SESSION_SCHEME]: [] }],
      line: `**Access:** ${roleList(roles)} (permission \`${access.permission}\`), signed in. API keys can never call this.`,
      extensions,
    };
  }
  return {
    security: [{ [SESSION_SCHEME]: [] }, { [API_KEY_SCHEME]: [scope] }],
    line:
      `**Access:** ${roleList(roles)} (permission \`${access.permission}\`); API keys need the \`${scope}\` scope ` +
      "and a creator whose role has the permission.",
    extensions,
  };
}
