import type { SendOutcome } from "./send-outcome";

/**
 * How an integration's health follows its deliveries (docs/decisions/013-integration-delivery.md):
 * healthy after a success; degraded on failures; unhealthy after 5 consecutive; warning emails at 5
 * and 10 consecutive failures; disabled after at least 15 consecutive failures spanning at least
 * 24 h; paused at once when the destination is gone (410, Slack 404/410).
 */

export const UNHEALTHY_AFTER = 5;
export const WARN_AT = [5, 10] as const;
export const DISABLE_AFTER_FAILURES = 15;
export const DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface HealthState {
  isEnabled: boolean;
  consecutiveFailures: number;
  /** First failure of the current streak. */
  failingSince: Date | null;
  /** The last warning sent for this streak (0, 5 or 10). */
  warnedAtFailures: number;
  healthStatus: string;
}

export type HealthNotice =
  | { kind: "failing"; failures: number; lastError: string | null }
  | { kind: "disabled"; failures: number; since: Date; lastError: string | null }
  | { kind: "paused"; reason: string };

export interface HealthChange {
  state: HealthState;
  notices: HealthNotice[];
  /** Set when this outcome turned the integration off. */
  pause: { by: "gone" | "failures"; reason: string } | null;
}

/** The state after one attempt's outcome at `at`. */
export function applyOutcome(state: HealthState, outcome: SendOutcome, at: Date): HealthChange {
  if (outcome.kind === "success") {
    return {
      state: { ...state, consecutiveFailures: 0, failingSince: null, warnedAtFailures: 0, healthStatus: "healthy" },
      notices: [],
      pause: null,
    };
  }
  const failures = state.consecutiveFailures + 1;
  const failingSince = state.failingSince ?? at;
  const next: HealthState = {
    ...state,
    consecutiveFailures: failures,
    failingSince,
    healthStatus: failures >= UNHEALTHY_AFTER ? "unhealthy" : "degraded",
  };
  const notices: HealthNotice[] = [];
  let pause: HealthChange["pause"] = null;

  if (outcome.kind === "gone" && state.isEnabled) {
    const reason =
      outcome.fixHint ??
      `The destination answered ${outcome.httpStatus ?? "that it is gone"}; update the integration and turn it on again.`;
    pause = { by: "gone", reason };
    next.isEnabled = false;
    next.healthStatus = "unhealthy";
    notices.push({ kind: "paused", reason });
  } else if (
    state.isEnabled &&
    failures >= DISABLE_AFTER_FAILURES &&
    at.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS
  ) {
    const hours = Math.floor((at.getTime() - failingSince.getTime()) / 3_600_000);
    const reason = `Turned off after ${failures} consecutive failed deliveries over ${hours} hours. Fix the receiver, then turn the integration on again and replay what it missed.`;
    pause = { by: "failures", reason };
    next.isEnabled = false;
    notices.push({ kind: "disabled", failures, since: failingSince, lastError: outcome.error });
  } else {
    const warning = [...WARN_AT].reverse().find((at) => failures >= at && state.warnedAtFailures < at);
    if (warning !== undefined) {
      next.warnedAtFailures = warning;
      notices.push({ kind: "failing", failures, lastError: outcome.error });
    }
  }
  return { state: next, notices, pause };
}
