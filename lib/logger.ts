import pino from "pino";
import { env } from "./env";

/** Structured logs. Never log secrets: credentials, tokens, full database URLs. */
export const logger = pino({
  level: env.LOG_LEVEL,
  redact: {
    paths: ["password", "token", "secret", "credentials", "*.password", "*.token", "*.secret", "*.credentials"],
    censor: "[redacted]",
  },
});
