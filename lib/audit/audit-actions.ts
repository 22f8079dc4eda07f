/**
 * The actions the app writes (lib/team, lib/workspaces, lib/api-keys, lib/billing, lib/usage, lib/integrations), grouped as the
 * Action filter lists them. The filter matches by prefix, so `member.`
 * selects every member change.
 */
export const AUDIT_ACTION_GROUPS = [
  {
    label: "Members",
    all: { value: "member.", label: "Any member change" },
    actions: [
      { value: "member.role_changed", label: "Role changed" },
      { value: "member.deactivated", label: "Member deactivated" },
      { value: "member.reactivated", label: "Member reactivated" },
      { value: "member.removed", label: "Member removed" },
      { value: "member.restored", label: "Member restored" },
      { value: "member.joined", label: "Member joined" },
      { value: "member.left", label: "Member left" },
    ],
  },
  {
    label: "Invitations",
    all: { value: "invitation.", label: "Any invitation change" },
    actions: [
      { value: "invitation.sent", label: "Invitation sent" },
      { value: "invitation.resent", label: "Invitation re-sent" },
      { value: "invitation.link_copied", label: "Invitation link copied" },
      { value: "invitation.revoked", label: "Invitation revoked" },
    ],
  },
  {
    label: "Workspace",
    all: { value: "workspace.", label: "Any workspace change" },
    actions: [
      { value: "workspace.created", label: "Workspace created" },
      { value: "workspace.ownership_transferred", label: "Ownership transferred" },
    ],
  },
  {
    label: "API keys",
    all: { value: "api_key.", label: "Any API key change" },
    actions: [
      { value: "api_key.created", label: "API key created" },
      { value: "api_key.revoked", label: "API key revoked" },
      { value: "api_key.expired", label: "API key expired" },
    ],
  },
  {
    label: "Billing",
    all: { value: "billing.", label: "Any billing change" },
    actions: [
      { value: "billing.plan_changed", label: "Plan changed" },
      { value: "billing.subscription_updated", label: "Subscription updated" },
      { value: "billing.downgrade_scheduled", label: "Downgrade scheduled" },
      { value: "billing.payment_failed", label: "Payment failed" },
      { value: "billing.payment_action_required", label: "Payment needs confirming" },
      { value: "billing.email_changed", label: "Billing email changed" },
    ],
  },
  {
    label: "Integrations",
    all: { value: "integration.", label: "Any integration change" },
    actions: [
      { value: "integration.created", label: "Integration added" },
      { value: "integration.updated", label: "Integration changed" },
      { value: "integration.enabled", label: "Integration turned on" },
      { value: "integration.disabled", label: "Integration turned off" },
      { value: "integration.deleted", label: "Integration removed" },
      { value: "integration.secret_rotated", label: "Signing secret rotated" },
      { value: "integration.test_sent", label: "Test event sent" },
      { value: "integration.replayed", label: "Events replayed" },
      { value: "integration.paused", label: "Paused: destination gone" },
      { value: "integration.auto_disabled", label: "Turned off after failures" },
    ],
  },
  {
    label: "Usage",
    all: { value: "usage.", label: "Any usage alert" },
    actions: [
      { value: "usage.threshold_reached", label: "80% of traces used" },
      { value: "usage.limit_exceeded", label: "Trace limit reached" },
    ],
  },
] as const;

export const KNOWN_AUDIT_ACTIONS: readonly string[] = AUDIT_ACTION_GROUPS.flatMap((group) =>
  group.actions.map((action) => action.value),
);
