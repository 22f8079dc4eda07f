import { describe, expect, it } from "vitest";
import { deliveryEvent } from "../../testing/delivery-fixtures";
import type { DeliveryEvent } from "../integration-types";
import { summarizeEvent } from "./event-summary";

const summary = (type: DeliveryEvent["type"], payload: Record<string, unknown>) =>
  summarizeEvent(deliveryEvent({ type, payload }));

describe("summarizeEvent", () => {
  it("describes alerts by title, with the details as text and the rest as fields", () => {
    expect(summary("alert.triggered", { alertId: "a-1", title: "Latency high", details: "p95 4 s" })).toEqual({
      title: "Alert triggered: Latency high",
      text: "p95 4 s",
      fields: [{ label: "Alert id", value: "a-1" }],
    });
    expect(summary("alert.resolved", { alertId: "a-1", title: "Latency high", occurredAt: null })).toEqual({
      title: "Alert resolved: Latency high",
      text: "The alert is resolved in Acme Agents.",
      fields: [{ label: "Alert id", value: "a-1" }],
    });
    expect(summary("alert.triggered", { alertId: "a-2" }).title).toBe("Alert triggered: a-2");
  });

  it.each([
    [
      "member.invited",
      { email: "ana@example.com", role: "admin", invitedBy: "Bo" },
      "ana@example.com was invited to Acme Agents",
      "Bo invited ana@example.com as admin.",
    ],
    [
      "member.joined",
      { email: "ana@example.com", role: "member" },
      "ana@example.com joined Acme Agents",
      "ana@example.com joined as member.",
    ],
    [
      "member.removed",
      { email: "ana@example.com" },
      "ana@example.com was removed from Acme Agents",
      "ana@example.com no longer has access.",
    ],
    [
      "member.role_changed",
      { email: "ana@example.com", from: "member", to: "admin" },
      "ana@example.com's role changed: member → admin",
      "ana@example.com's role in Acme Agents is now admin.",
    ],
    [
      "billing.plan_changed",
      { from: "free", to: "pro", status: "active" },
      "Plan changed: Free → Pro",
      "Acme Agents is now on the Pro plan.",
    ],
    [
      "usage.threshold_reached",
      { percent: 80, used: 8000, limit: 10000 },
      "Usage reached 80% of the plan's traces",
      "Acme Agents has used 8,000 of 10,000 traces this period.",
    ],
    [
      "usage.limit_exceeded",
      { limit: 10000 },
      "Trace limit reached",
      "Acme Agents reached its plan's trace limit of 10,000 traces for this period.",
    ],
    [
      "billing.payment_failed",
      { attempt: 2, amountDue: 4900, currency: "usd", nextAttempt: "2026-03-04T00:00:00Z" },
      "Payment failed",
      "A payment of $49.00 for Acme Agents failed (attempt 2). The next attempt is on Mar 4, 2026.",
    ],
    [
      "billing.trial_ending",
      { trialEndsAt: "2026-03-10T00:00:00Z" },
      "Trial ending soon",
      "The trial of Acme Agents ends on Mar 10, 2026.",
    ],
    [
      "integration.test",
      { requestedBy: "ana@example.com" },
      "Test event from Agent Observability",
      "A test event from Acme Agents, sent by ana@example.com. If you can read this, the integration works.",
    ],
  ] as const)("describes %s", (type, payload, title, text) => {
    expect(summary(type, payload)).toMatchObject({ title, text });
  });

  it("copes with missing, odd and unknown payload keys", () => {
    expect(summary("member.invited", {})).toEqual({
      title: "Someone was invited to Acme Agents",
      text: "Someone was invited.",
      fields: [],
    });
    expect(summary("usage.threshold_reached", { percent: "lots" }).title).toBe(
      "Usage reached lots% of the plan's traces",
    );
    const odd = summary("billing.plan_changed", {
      from: 3,
      to: { plan: "pro" },
      nested: { a: 1 },
      flag: true,
      extraNote: "x".repeat(400),
    });
    expect(odd.title).toBe("Plan changed");
    expect(odd.fields).toEqual([
      { label: "Flag", value: "true" },
      { label: "Extra note", value: `${"x".repeat(300)}…` },
    ]);
    const unknown = summarizeEvent(
      deliveryEvent({ type: "usage.something_new" as DeliveryEvent["type"], payload: { count: 3 } }),
    );
    expect(unknown).toEqual({ title: "Usage something new", text: "", fields: [{ label: "Count", value: "3" }] });
  });

  it("keeps at most 10 fields and leaves out the ingestion source", () => {
    const payload = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, i]));
    const fields = summary("alert.triggered", { ...payload, title: "t", source: "api" }).fields;
    expect(fields).toHaveLength(10);
    expect(fields.map((f) => f.label)).not.toContain("Source");
  });
});
