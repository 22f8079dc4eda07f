/** A person as the audit log shows them: the account name when it may be shown, else the address. */
export interface AuditPerson {
  name: string | null;
  email: string | null;
}

/** What a sentence is made of; the listing resolves the names. */
export interface DescribableAuditEntry {
  action: string;
  /** null: the system did it (a job), not a person. */
  actor: AuditPerson | null;
  targetType: string;
  /** The member acted on, for `targetType: "member"`; a pending invitation has no name (only the address is shown). */
  target: AuditPerson | null;
  before: unknown;
  after: unknown;
}

const ROLE_LABELS: Record<string, string> = { owner: "Owner", admin: "Admin", member: "Member", viewer: "Viewer" };
const MAX_QUOTED = 80;

const field = (value: unknown, key: string): string | null => {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const inner = (value as Record<string, unknown>)[key];
  if (typeof inner !== "string") return null;
  const text = inner.trim();
  if (!text) return null;
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
};

const roleLabel = (role: string | null): string | null =>
  role === null ? null : (ROLE_LABELS[role] ?? role.charAt(0).toUpperCase() + role.slice(1));

const personName = (person: AuditPerson | null): string | null => person?.name?.trim() || person?.email || null;

const words = (identifier: string) => identifier.replaceAll("_", " ").trim();

/** "Olivia Owner updated the integration “Alerts”" for `<area>.<verb>` actions this file does not know. */
function genericSentence(actor: string, entry: DescribableAuditEntry): string {
  const [area = "", ...rest] = entry.action.split(".");
  const verb = words(rest.join(" "));
  const subject = words(area) || words(entry.targetType) || "workspace";
  const name = field(entry.after, "name") ?? field(entry.before, "name");
  if (/^[a-z]+ed\b/.test(verb)) return `${actor} ${verb} the ${subject}${name ? ` “${name}”` : ""}`;
  return `${actor} performed “${words(entry.action.replaceAll(".", " ")) || "an unnamed action"}”`;
}

/** ": 8,000 of 10,000 traces this period" from a usage alert's snapshot (empty when it has no numbers). */
function usageNumbers(after: unknown): string {
  const { used, limit } = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  if (typeof used !== "number" || typeof limit !== "number") return "";
  const format = new Intl.NumberFormat("en-US");
  return `: ${format.format(used)} of ${format.format(limit)} traces this period`;
}

const PLAN_LABELS: Record<string, string> = {
  free: "Free",
  starter: "Starter",
  professional: "Professional",
  enterprise: "Enterprise",
};
const planLabel = (plan: string | null): string | null => (plan ? (PLAN_LABELS[plan] ?? plan) : null);
/** What told us: a Stripe event type, or the nightly reconciliation. */
const sourceLabel = (source: string | null): string =>
  source === "reconciliation" ? "nightly reconciliation" : source ? `event ${source}` : "an event";

/**
 * One audit entry as a sentence naming who did it, to whom, and what changed:
 * "Adam Admin changed Mia Member's role: Member → Viewer". Pure; the names
 * come resolved from the listing. Unknown actions still read as a sentence.
 */
export function describeAuditEntry(entry: DescribableAuditEntry): string {
  const actor = personName(entry.actor) ?? "The system";
  const address =
    entry.target?.email ?? field(entry.after, "email") ?? field(entry.before, "email") ?? "an unknown address";
  const target = personName(entry.target) ?? field(entry.after, "email") ?? field(entry.before, "email") ?? "a member";
  const fromRole = roleLabel(field(entry.before, "role"));
  const toRole = roleLabel(field(entry.after, "role"));

  switch (entry.action) {
    case "member.role_changed":
      return fromRole && toRole
        ? `${actor} changed ${target}'s role: ${fromRole} → ${toRole}`
        : `${actor} changed ${target}'s role`;
    case "member.deactivated":
      return `${actor} deactivated ${target}`;
    case "member.reactivated":
      return `${actor} reactivated ${target}`;
    case "member.removed":
      return `${actor} removed ${target} from the workspace`;
    case "member.restored":
      return `${actor} restored ${target} to the workspace`;
    case "member.left":
      return `${actor} left the workspace`;
    case "member.joined":
      return toRole ? `${actor} joined as ${toRole}` : `${actor} joined`;
    case "invitation.sent":
      return toRole ? `${actor} invited ${address} as ${toRole}` : `${actor} invited ${address}`;
    case "invitation.resent":
      return `${actor} re-sent the invitation to ${address}`;
    case "invitation.link_copied":
      return `${actor} copied the invitation link for ${address}`;
    case "invitation.revoked":
      return `${actor} revoked the invitation to ${address}`;
    case "invitation.expired":
      return `The invitation to ${address} expired`;
    case "workspace.created": {
      const name = field(entry.after, "name");
      return name ? `${actor} created the workspace “${name}”` : `${actor} created the workspace`;
    }
    case "api_key.created":
    case "api_key.revoked": {
      const verb = entry.action === "api_key.created" ? "created" : "revoked";
      const name = field(entry.after, "name") ?? field(entry.before, "name");
      return name ? `${actor} ${verb} the API key “${name}”` : `${actor} ${verb} an API key`;
    }
    case "api_key.expired": {
      const name = field(entry.before, "name");
      return name ? `The API key “${name}” expired` : "An API key expired";
    }
    case "workspace.ownership_transferred": {
      const newOwner = personName(entry.target) ?? field(entry.after, "owner") ?? "another member";
      return `${actor} transferred ownership to ${newOwner}`;
    }
    case "integration.paused": {
      const name = field(entry.after, "name");
      return `The integration${name ? ` “${name}”` : ""} was paused: its destination is gone`;
    }
    case "integration.auto_disabled": {
      const name = field(entry.after, "name");
      return `The integration${name ? ` “${name}”` : ""} was turned off after repeated failures`;
    }
    case "integration.enabled":
    case "integration.disabled": {
      const name = field(entry.after, "name");
      return `${actor} turned ${entry.action === "integration.enabled" ? "on" : "off"} the integration${name ? ` “${name}”` : ""}`;
    }
    case "integration.secret_rotated": {
      const name = field(entry.after, "name");
      return `${actor} rotated the signing secret of${name ? ` “${name}”` : " an integration"}`;
    }
    case "integration.test_sent": {
      const name = field(entry.after, "name");
      return `${actor} sent a test event to${name ? ` “${name}”` : " an integration"}`;
    }
    case "integration.replayed": {
      const name = field(entry.after, "name");
      const since = field(entry.after, "since");
      return `${actor} replayed events${since ? ` since ${since.slice(0, 16).replace("T", " ")} UTC` : ""} to${name ? ` “${name}”` : " an integration"}`;
    }
    case "usage.threshold_reached":
    case "usage.limit_exceeded": {
      const numbers = usageNumbers(entry.after);
      return entry.action === "usage.limit_exceeded"
        ? `The workspace reached its trace limit${numbers}`
        : `The workspace used 80% of its traces${numbers}`;
    }
    case "billing.plan_changed": {
      const from = planLabel(field(entry.before, "plan"));
      const to = planLabel(field(entry.after, "plan"));
      const who = entry.actor ? actor : `Stripe (${sourceLabel(field(entry.after, "source"))})`;
      return from && to ? `${who} changed the plan: ${from} → ${to}` : `${who} changed the plan`;
    }
    case "billing.subscription_updated": {
      const who = entry.actor ? actor : `Stripe (${sourceLabel(field(entry.after, "source"))})`;
      const status = field(entry.after, "status");
      const cancels = (entry.after as { cancelAtPeriodEnd?: unknown } | null)?.cancelAtPeriodEnd === true;
      return `${who} updated the subscription${status ? `: ${status.replace("_", " ")}` : ""}${cancels ? ", cancels at the period's end" : ""}`;
    }
    case "billing.downgrade_scheduled": {
      const to = planLabel(field(entry.after, "plan"));
      return to ? `${actor} scheduled a move to ${to} at the period's end` : `${actor} scheduled a downgrade`;
    }
    case "billing.payment_failed": {
      const attempt = (entry.after as { attempt?: unknown } | null)?.attempt;
      return typeof attempt === "number" ? `A payment failed (attempt ${attempt})` : "A payment failed";
    }
    case "billing.payment_action_required":
      return "A payment needs the customer's confirmation";
    case "billing.email_changed": {
      const email = field(entry.after, "billingEmail");
      return email ? `${actor} set the billing email to ${email}` : `${actor} changed the billing email`;
    }
    default:
      return genericSentence(actor, entry);
  }
}
