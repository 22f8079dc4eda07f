import { describe, expect, it } from "vitest";
import { KNOWN_AUDIT_ACTIONS } from "./audit-actions";
import { describeAuditEntry, type DescribableAuditEntry } from "./describe-audit-entry";

const adam = { name: "Adam Admin", email: "adam@acme.example" };
const olivia = { name: "Olivia Owner", email: "olivia@acme.example" };
const mia = { name: "Mia Member", email: "mia@x.example" };
/** A pending invitee: the listing gives the address only. */
const invitee = { name: null, email: "mia@x.example" };
const member = (role: string, extra: object = {}) => ({ email: "mia@x.example", role, status: "active", ...extra });

const entry = (fields: Partial<DescribableAuditEntry> & { action: string }): DescribableAuditEntry => ({
  actor: adam,
  targetType: "member",
  target: mia,
  before: null,
  after: null,
  ...fields,
});

const sentences: [string, DescribableAuditEntry, string][] = [
  [
    "role change",
    entry({ action: "member.role_changed", before: member("member"), after: member("viewer") }),
    "Adam Admin changed Mia Member's role: Member → Viewer",
  ],
  [
    "role change without roles in the snapshots",
    entry({ action: "member.role_changed" }),
    "Adam Admin changed Mia Member's role",
  ],
  [
    "invitation",
    entry({
      action: "invitation.sent",
      actor: olivia,
      target: invitee,
      after: { email: "mia@x.example", role: "member" },
    }),
    "Olivia Owner invited mia@x.example as Member",
  ],
  [
    "invitation whose member row is gone",
    entry({
      action: "invitation.sent",
      actor: olivia,
      target: null,
      after: { email: "gone@x.example", role: "admin" },
    }),
    "Olivia Owner invited gone@x.example as Admin",
  ],
  [
    "re-sent invitation",
    entry({ action: "invitation.resent", target: invitee }),
    "Adam Admin re-sent the invitation to mia@x.example",
  ],
  [
    "copied invitation link",
    entry({ action: "invitation.link_copied", target: invitee }),
    "Adam Admin copied the invitation link for mia@x.example",
  ],
  [
    "revoked invitation",
    entry({ action: "invitation.revoked", target: invitee, before: member("viewer", { status: "pending" }) }),
    "Adam Admin revoked the invitation to mia@x.example",
  ],
  [
    "expired invitation (no actor)",
    entry({ action: "invitation.expired", actor: null, target: invitee }),
    "The invitation to mia@x.example expired",
  ],
  [
    "removal",
    entry({ action: "member.removed", before: member("member") }),
    "Adam Admin removed Mia Member from the workspace",
  ],
  ["restore", entry({ action: "member.restored" }), "Adam Admin restored Mia Member to the workspace"],
  ["deactivation", entry({ action: "member.deactivated" }), "Adam Admin deactivated Mia Member"],
  ["reactivation", entry({ action: "member.reactivated" }), "Adam Admin reactivated Mia Member"],
  [
    "ownership transfer",
    entry({
      action: "workspace.ownership_transferred",
      actor: olivia,
      target: adam,
      before: { owner: "olivia@acme.example", newOwnerRole: "admin" },
      after: { owner: "adam@acme.example", previousOwnerRole: "admin" },
    }),
    "Olivia Owner transferred ownership to Adam Admin",
  ],
  [
    "ownership transfer to a member whose row is gone",
    entry({
      action: "workspace.ownership_transferred",
      actor: olivia,
      target: null,
      after: { owner: "adam@acme.example" },
    }),
    "Olivia Owner transferred ownership to adam@acme.example",
  ],
  [
    "joined",
    entry({ action: "member.joined", actor: mia, target: mia, after: { email: "mia@x.example", role: "member" } }),
    "Mia Member joined as Member",
  ],
  ["left", entry({ action: "member.left", actor: mia, target: mia }), "Mia Member left the workspace"],
  [
    "workspace created",
    entry({
      action: "workspace.created",
      actor: olivia,
      targetType: "workspace",
      target: null,
      after: { name: "Acme AI", plan: "free" },
    }),
    "Olivia Owner created the workspace “Acme AI”",
  ],
  [
    "actor without a name: the address",
    entry({ action: "member.deactivated", actor: { name: null, email: "adam@acme.example" } }),
    "adam@acme.example deactivated Mia Member",
  ],
  [
    "actor with a blank name: the address",
    entry({ action: "member.deactivated", actor: { name: "  ", email: "adam@acme.example" } }),
    "adam@acme.example deactivated Mia Member",
  ],
  [
    "target without a name: the address",
    entry({ action: "member.removed", target: { name: null, email: "mia@x.example" } }),
    "Adam Admin removed mia@x.example from the workspace",
  ],
  [
    "target unknown: the address in the snapshot",
    entry({ action: "member.removed", target: null, before: member("member") }),
    "Adam Admin removed mia@x.example from the workspace",
  ],
  [
    "nothing known about the target",
    entry({ action: "member.deactivated", target: null }),
    "Adam Admin deactivated a member",
  ],
  [
    "unknown role names are shown as they are",
    entry({ action: "member.role_changed", before: member("billing_admin"), after: member("viewer") }),
    "Adam Admin changed Mia Member's role: Billing_admin → Viewer",
  ],
  [
    "unknown past-tense action: verb and subject, with the name from the snapshot",
    entry({ action: "integration.updated", targetType: "integration", target: null, after: { name: "Alerts" } }),
    "Adam Admin updated the integration “Alerts”",
  ],
  [
    "unknown past-tense action of several words",
    entry({ action: "test.rolled_back", targetType: "test", target: null }),
    "Adam Admin rolled back the test",
  ],
  [
    "unknown action that is not a verb",
    entry({ action: "billing.plan_change", targetType: "billing", target: null }),
    "Adam Admin performed “billing plan change”",
  ],
  [
    "unknown action by the system",
    entry({ action: "usage.reset", actor: null, targetType: "workspace", target: null }),
    "The system performed “usage reset”",
  ],
  [
    "snapshot values that are not strings are ignored",
    entry({ action: "member.role_changed", before: { role: 3 }, after: ["viewer"] }),
    "Adam Admin changed Mia Member's role",
  ],
  [
    "an API key created",
    entry({ action: "api_key.created", targetType: "api_key", target: null, after: { name: "CI deploys" } }),
    "Adam Admin created the API key “CI deploys”",
  ],
  [
    "an API key revoked",
    entry({ action: "api_key.revoked", targetType: "api_key", target: null, before: { name: "CI deploys" } }),
    "Adam Admin revoked the API key “CI deploys”",
  ],
  [
    "an API key expired (the system retires it)",
    entry({
      action: "api_key.expired",
      actor: null,
      targetType: "api_key",
      target: null,
      before: { name: "CI deploys" },
    }),
    "The API key “CI deploys” expired",
  ],
  [
    "usage reached 80% (the system raises the alert)",
    entry({
      action: "usage.threshold_reached",
      actor: null,
      targetType: "billing",
      target: null,
      after: { percent: 80, used: 8000, limit: 10000 },
    }),
    "The workspace used 80% of its traces: 8,000 of 10,000 traces this period",
  ],
  [
    "usage reached the limit",
    entry({
      action: "usage.limit_exceeded",
      actor: null,
      targetType: "billing",
      target: null,
      after: { percent: 100, used: 10000, limit: 10000 },
    }),
    "The workspace reached its trace limit: 10,000 of 10,000 traces this period",
  ],
  [
    "Stripe changed the plan (a webhook event)",
    entry({
      action: "billing.plan_changed",
      actor: null,
      targetType: "billing",
      target: null,
      before: { plan: "free" },
      after: { plan: "starter", source: "checkout.session.completed" },
    }),
    "Stripe (event checkout.session.completed) changed the plan: Free → Starter",
  ],
  [
    "an owner upgraded",
    entry({
      action: "billing.plan_changed",
      targetType: "billing",
      target: null,
      before: { plan: "starter" },
      after: { plan: "professional", source: "upgrade" },
    }),
    "Adam Admin changed the plan: Starter → Professional",
  ],
  [
    "the nightly reconciliation updated the subscription",
    entry({
      action: "billing.subscription_updated",
      actor: null,
      targetType: "billing",
      target: null,
      after: { status: "past_due", cancelAtPeriodEnd: true, source: "reconciliation" },
    }),
    "Stripe (nightly reconciliation) updated the subscription: past due, cancels at the period's end",
  ],
  [
    "a downgrade scheduled",
    entry({ action: "billing.downgrade_scheduled", targetType: "billing", target: null, after: { plan: "starter" } }),
    "Adam Admin scheduled a move to Starter at the period's end",
  ],
  [
    "a payment failed",
    entry({
      action: "billing.payment_failed",
      actor: null,
      targetType: "billing",
      target: null,
      after: { attempt: 2 },
    }),
    "A payment failed (attempt 2)",
  ],
  [
    "a payment needs confirming",
    entry({ action: "billing.payment_action_required", actor: null, targetType: "billing", target: null }),
    "A payment needs the customer's confirmation",
  ],
  [
    "the billing email changed",
    entry({
      action: "billing.email_changed",
      targetType: "billing",
      target: null,
      after: { billingEmail: "ap@acme.example" },
    }),
    "Adam Admin set the billing email to ap@acme.example",
  ],
  ...(
    [
      ["integration.created", adam, "Adam Admin created the integration “Alerts”"],
      ["integration.updated", adam, "Adam Admin updated the integration “Alerts”"],
      ["integration.deleted", adam, "Adam Admin deleted the integration “Alerts”"],
      ["integration.enabled", adam, "Adam Admin turned on the integration “Alerts”"],
      ["integration.disabled", adam, "Adam Admin turned off the integration “Alerts”"],
      ["integration.secret_rotated", adam, "Adam Admin rotated the signing secret of “Alerts”"],
      ["integration.test_sent", adam, "Adam Admin sent a test event to “Alerts”"],
      ["integration.paused", null, "The integration “Alerts” was paused: its destination is gone"],
      ["integration.auto_disabled", null, "The integration “Alerts” was turned off after repeated failures"],
    ] as const
  ).map(([action, actor, sentence]): [string, DescribableAuditEntry, string] => [
    action,
    entry({ action, actor, targetType: "integration", target: null, after: { name: "Alerts" } }),
    sentence,
  ]),
  [
    "integration.replayed",
    entry({
      action: "integration.replayed",
      targetType: "integration",
      target: null,
      after: { name: "Alerts", since: "2026-11-20T09:00:00.000Z" },
    }),
    "Adam Admin replayed events since 2026-11-20 09:00 UTC to “Alerts”",
  ],
  [
    "long names from a snapshot are shortened",
    entry({ action: "workspace.created", targetType: "workspace", target: null, after: { name: "N".repeat(200) } }),
    `Adam Admin created the workspace “${"N".repeat(80)}…”`,
  ],
];

describe("describeAuditEntry", () => {
  it.each(sentences)("%s", (_, input, expected) => {
    expect(describeAuditEntry(input)).toBe(expected);
  });
});

describe("every action the Action filter lists", () => {
  it("has a row in the table above, so its sentence is spelled out", () => {
    const tabled = new Set(sentences.map(([, input]) => input.action));
    expect(KNOWN_AUDIT_ACTIONS.filter((action) => !tabled.has(action))).toEqual([]);
  });
});
