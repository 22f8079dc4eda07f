import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether the request carries `Authorization: Bearer <expected>`. Compared as SHA-256 digests in
 * constant time: neither the token's characters nor its length show in the time it takes.
 */
export function bearerMatches(request: Request, expected: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get("authorization") ?? "");
  const given = match?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(expected)) && given !== "";
}
