import { describe, expect, it } from "vitest";
import { applyOutcome, type HealthState } from "./health-rules";
import type { SendOutcome } from "./send-outcome";

const outcome = (kind: SendOutcome["kind"], extra: Partial<SendOutcome> = {}): SendOutcome => ({
  kind,
  httpStatus: kind === "success" ? 200 : 500,
  latencyMs: 10,
  error: kind === "success" ? null : "HTTP 500",
  responseExcerpt: null,
  retryAfterSeconds: null,
  requestId: null,
  fixHint: null,
  ...extra,
});

const fresh: HealthState = {
  isEnabled: true,
  consecutiveFailures: 0,
  failingSince: null,
  warnedAtFailures: 0,
  healthStatus: "unknown",
};

/** Applies `n` failures, one every `stepMs`, from `start`. */
function fail(state: HealthState, n: number, start: number, stepMs: number) {
  const notices = [];
  let pause = null;
  for (let i = 0; i < n; i++) {
    const change = applyOutcome(state, outcome("retryable"), new Date(start + i * stepMs));
    state = change.state;
    notices.push(...change.notices);
    pause ??= change.pause;
  }
  return { state, notices, pause };
}

describe("integration health", () => {
  it("is healthy after a success, degraded on failures, unhealthy after 5 in a row", () => {
    expect(applyOutcome(fresh, outcome("success"), new Date()).state.healthStatus).toBe("healthy");
    expect(fail(fresh, 4, 0, 1000).state.healthStatus).toBe("degraded");
    expect(fail(fresh, 5, 0, 1000).state.healthStatus).toBe("unhealthy");
  });

  it("warns at 5 and 10 consecutive failures, once each", () => {
    const { notices } = fail(fresh, 14, 0, 1000);
    expect(notices.map((n) => n.kind === "failing" && n.failures)).toEqual([5, 10]);
  });

  it("does not disable after 15 failures within a day, but does once they span 24 hours", () => {
    const quick = fail(fresh, 40, 0, 60_000);
    expect(quick.pause).toBeNull();
    expect(quick.state.isEnabled).toBe(true);

    const slow = fail(fresh, 15, 0, (24 * 3_600_000) / 14);
    expect(slow.pause?.by).toBe("failures");
    expect(slow.state.isEnabled).toBe(false);
    expect(slow.notices.at(-1)).toMatchObject({ kind: "disabled", failures: 15 });

    const notYet = fail(fresh, 14, 0, (25 * 3_600_000) / 13);
    expect(notYet.pause).toBeNull();
  });

  it("pauses at once when the destination is gone, with the fix hint", () => {
    const change = applyOutcome(fresh, outcome("gone", { httpStatus: 410, fixHint: "Paste a new URL" }), new Date());
    expect(change.pause).toEqual({ by: "gone", reason: "Paste a new URL" });
    expect(change.state.isEnabled).toBe(false);
    expect(change.notices).toEqual([{ kind: "paused", reason: "Paste a new URL" }]);
  });

  it("a success ends the streak: failures, warnings and the start of the streak reset", () => {
    const failing = fail(fresh, 7, 0, 1000).state;
    const healed = applyOutcome(failing, outcome("success"), new Date(10_000)).state;
    expect(healed).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
      warnedAtFailures: 0,
      healthStatus: "healthy",
    });
    expect(fail(healed, 5, 20_000, 1000).notices).toHaveLength(1);
  });
});
