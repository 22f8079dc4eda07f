import type { DeliveryEvent } from "../integration-types";

export interface SummaryField {
  label: string;
  value: string;
}

/** An event in words, shared by every sender (Slack's message, PagerDuty's summary, Sentry's message…). */
export interface EventSummary {
  /** One line. */
  title: string;
  /** A sentence or two (plain text; senders escape it for their markup). */
  text: string;
  /** Details worth showing beside the text. */
  fields: SummaryField[];
}

const MAX_FIELDS = 10;
const MAX_VALUE = 300;

type Payload = Record<string, unknown>;

function text(payload: Payload, key: string): string | null {
  const value = payload[key];
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

const formatCount = (value: string | null) =>
  value !== null && /^\d+(\.\d+)?$/.test(value) ? new Intl.NumberFormat("en-US").format(Number(value)) : value;

const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** "alertId" → "Alert id", "amount_due" → "Amount due". */
function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.-]+/g, " ")
    .toLowerCase();
  return capitalized(words.trim());
}

function shown(value: unknown): string | null {
  if (typeof value === "string") return value.trim() ? value : null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The payload's other plain values as fields (objects and lists are left to the raw payload). */
function otherFields(payload: Payload, used: string[]): SummaryField[] {
  return Object.entries(payload)
    .filter(([key]) => !used.includes(key) && key !== "source")
    .flatMap(([key, value]) => {
      const display = shown(value);
      if (display === null) return [];
      return [{ label: labelOf(key), value: display.length > MAX_VALUE ? `${display.slice(0, MAX_VALUE)}…` : display }];
    });
}

function money(payload: Payload): string | null {
  const amount = payload.amountDue;
  const currency = text(payload, "currency");
  if (typeof amount !== "number" || !currency) return null;
  try {
    const format = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
    // Stripe amounts are in the currency's smallest unit.
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return null;
  }
}

function day(value: string | null): string | null {
  if (!value || Number.isNaN(Date.parse(value))) return value;
  return new Date(value).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
}

type Describe = (payload: Payload, workspace: string) => { title: string; text: string; used: string[] };

const DESCRIBE: Record<string, Describe> = {
  "alert.triggered": (p, ws) => ({
    title: `Alert triggered: ${text(p, "title") ?? text(p, "alertId") ?? "untitled alert"}`,
    text: text(p, "details") ?? `An alert fired in ${ws}.`,
    used: ["title", "details"],
  }),
  "alert.resolved": (p, ws) => ({
    title: `Alert resolved: ${text(p, "title") ?? text(p, "alertId") ?? "untitled alert"}`,
    text: text(p, "details") ?? `The alert is resolved in ${ws}.`,
    used: ["title", "details"],
  }),
  "usage.threshold_reached": (p, ws) => {
    const percent = text(p, "percent") ?? text(p, "threshold") ?? "80";
    const used = formatCount(text(p, "used"));
    const limit = formatCount(text(p, "limit"));
    return {
      title: `Usage reached ${percent}% of the plan's traces`,
      text:
        used && limit
          ? `${ws} has used ${used} of ${limit} traces this period.`
          : `${ws} has used ${percent}% of its traces this period.`,
      used: ["percent", "threshold", "used", "limit"],
    };
  },
  "usage.limit_exceeded": (p, ws) => {
    const limit = formatCount(text(p, "limit"));
    return {
      title: "Trace limit reached",
      text: `${ws} reached its plan's trace limit${limit ? ` of ${limit} traces` : ""} for this period.`,
      used: ["limit"],
    };
  },
  "billing.payment_failed": (p, ws) => {
    const amount = money(p);
    const attempt = text(p, "attempt");
    const next = day(text(p, "nextAttempt"));
    return {
      title: "Payment failed",
      text:
        `A payment${amount ? ` of ${amount}` : ""} for ${ws} failed${attempt ? ` (attempt ${attempt})` : ""}.` +
        (next ? ` The next attempt is on ${next}.` : ""),
      used: ["amountDue", "currency", "attempt", "nextAttempt"],
    };
  },
  "billing.plan_changed": (p, ws) => {
    const from = text(p, "from");
    const to = text(p, "to");
    return {
      title: from && to ? `Plan changed: ${capitalized(from)} → ${capitalized(to)}` : "Plan changed",
      text: to ? `${ws} is now on the ${capitalized(to)} plan.` : `${ws} changed its plan.`,
      used: ["from", "to"],
    };
  },
  "billing.trial_ending": (p, ws) => {
    const ends = day(text(p, "trialEndsAt"));
    return {
      title: "Trial ending soon",
      text: `The trial of ${ws} ends${ends ? ` on ${ends}` : " soon"}.`,
      used: ["trialEndsAt"],
    };
  },
  "member.invited": (p, ws) => {
    const email = text(p, "email") ?? "Someone";
    const role = text(p, "role");
    const by = text(p, "invitedBy");
    return {
      title: `${email} was invited to ${ws}`,
      text: `${by ? `${by} invited ${email}` : `${email} was invited`}${role ? ` as ${role}` : ""}.`,
      used: ["email", "role", "invitedBy"],
    };
  },
  "member.joined": (p, ws) => {
    const email = text(p, "email") ?? "Someone";
    const role = text(p, "role");
    return {
      title: `${email} joined ${ws}`,
      text: `${email} joined${role ? ` as ${role}` : ""}.`,
      used: ["email", "role"],
    };
  },
  "member.removed": (p, ws) => {
    const email = text(p, "email") ?? "A member";
    return { title: `${email} was removed from ${ws}`, text: `${email} no longer has access.`, used: ["email"] };
  },
  "member.role_changed": (p, ws) => {
    const email = text(p, "email") ?? "A member";
    const from = text(p, "from");
    const to = text(p, "to");
    return {
      title: `${email}'s role changed${from && to ? `: ${from} → ${to}` : ""}`,
      text: to ? `${email}'s role in ${ws} is now ${to}.` : `${email} has another role in ${ws}.`,
      used: ["email", "from", "to"],
    };
  },
  "integration.test": (p, ws) => {
    const by = text(p, "requestedBy") ?? text(p, "sentBy");
    return {
      title: "Test event from Agent Observability",
      text: `A test event from ${ws}${by ? `, sent by ${by}` : ""}. If you can read this, the integration works.`,
      used: ["requestedBy", "sentBy", "message"],
    };
  },
};

/** A type the summary does not know yet ("usage.something_new" → "Usage something new"). */
const describeUnknown =
  (type: string): Describe =>
  (p) => ({ title: text(p, "title") ?? labelOf(type), text: text(p, "message") ?? "", used: ["title", "message"] });

/** A readable title, sentence and fields for any event; unknown types and payload keys degrade gracefully. */
export function summarizeEvent(event: DeliveryEvent): EventSummary {
  const payload = event.payload ?? {};
  const describe = DESCRIBE[event.type] ?? describeUnknown(event.type);
  const { title, text: sentence, used } = describe(payload, event.workspaceName);
  return { title, text: sentence, fields: otherFields(payload, used).slice(0, MAX_FIELDS) };
}
