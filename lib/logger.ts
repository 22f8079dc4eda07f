import pino from "pino";
import { env } from "./env";
import { currentRequestId } from "./request-store";

/** Keys whose values never reach a log line, at the top level or one object down. */
const REDACTED_KEYS = [
  "password",
  "token",
  "secret",
  "credentials",
  "authorization",
  "cookie",
  "apiKey",
  "bearer",
  "sessionToken",
  "signingSecret",
  "webhookSecret",
  "connectionString",
  "databaseUrl",
];

/**
 * Structured JSON logs (pino) to stdout. Each line written while handling a request carries its
 * `requestId` (the X-Request-Id our server answers with, and audit_log.request_id). Never log secrets:
 * the redaction paths below are a net, not a licence. See docs/operations.md ("Logs").
 * `destination`: stdout unless given (tests read the lines).
 */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: env.LOG_LEVEL,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      redact: {
        paths: [
          ...REDACTED_KEYS,
          ...REDACTED_KEYS.map((key) => `*.${key}`),
          'headers["authorization"]',
          'headers["cookie"]',
          '*.headers["authorization"]',
          '*.headers["cookie"]',
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export const logger = createLogger();
