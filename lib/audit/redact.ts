/** Keys whose values never reach the audit log. */
const SECRET_KEY = /secret|token|password|credential|api_?key|routing_?key|dsn|webhook_?url|authorization/i;

export const REDACTED = "[redacted]";

/** A deep copy with every secret-looking key's value replaced (bounded depth and size). */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[truncated]";
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactSecrets(item, depth + 1));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) ? REDACTED : redactSecrets(inner, depth + 1),
      ]),
    );
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && value.length > 2000) return `${value.slice(0, 2000)}…`;
  return value;
}
