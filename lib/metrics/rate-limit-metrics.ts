import { Counter } from "prom-client";
import { sharedMetric } from "./registry";

const refusals = sharedMetric(
  "settings_rate_limit_refusals_total",
  (registers) =>
    new Counter({
      name: "settings_rate_limit_refusals_total",
      help: "Requests a rate limit refused, by limiter (its key prefix: api_key, invite_user, invite_ws, signin_email, signin_ip, workspace_user, workspace_ip).",
      labelNames: ["limiter"] as const,
      registers,
    }),
);

/** Counts one refusal by the limiter with this key prefix. */
export function countRateLimitRefusal(limiter: string): void {
  refusals.inc({ limiter });
}
