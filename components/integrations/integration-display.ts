import type { IntegrationView } from "@/lib/integrations/list-integrations";

/**
 * The sentences and numbers of an integration card, pure (the card and the tests share them).
 * Nothing here imports server code.
 */

const count = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return count.format(n);
}

export function formatLatency(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "—" : `${count.format(Math.round(ms))} ms`;
}

/** "2.5%" (one decimal under 10%), "—" with no attempts. */
export function formatErrorRate(rate: number | null): string {
  if (rate === null) return "—";
  const percent = rate * 100;
  if (percent === 0) return "0%";
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** "All events" or the subscribed types, and the minimum severity: "All events · severity ≥ warning". */
export function subscriptionOf(filters: IntegrationView["eventFilters"]): { events: string; severity: string } {
  return {
    events: filters.event_types.length === 0 ? "All events" : filters.event_types.join(", "),
    severity: `severity ≥ ${filters.min_severity}`,
  };
}

/** How the masked secret is described per type (the hint never holds the secret itself). */
export function secretLine(
  integration: Pick<IntegrationView, "type" | "secretHint" | "hasCredentials">,
): string | null {
  const hint = integration.secretHint;
  if (!hint) return integration.hasCredentials ? "Stored encrypted" : null;
  switch (integration.type) {
    case "webhook":
      // "whsec_…a1b2" → "…a1b2": the prefix says nothing, and pages never carry "whsec_".
      return `Signing secret ${hint.replace(/^whsec_/, "")}`;
    case "slack":
      return `Webhook URL ${hint}`;
    case "sentry":
      return `DSN ${hint}`;
    default:
      return hint.charAt(0).toUpperCase() + hint.slice(1);
  }
}

/** A sentence: trimmed, capitalised, ending with a full stop unless it has its own. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Why a paused integration is off, and what fixes it. The engine records the fix as the pause's
 * reason (a 410's hint, or "Turned off after N consecutive failed deliveries…"); the last error
 * says what the receiver answered.
 */
export function pausedBanner(
  paused: NonNullable<IntegrationView["paused"]>,
  lastError: string | null,
  canManage: boolean,
): { tone: "bad" | "neutral"; title: string; fix: string } {
  const reason = paused.reason?.trim() || null;
  switch (paused.by) {
    case "gone":
      return {
        tone: "bad",
        title: `Paused: ${lastError ? sentence(lastError) : "the receiver answered that this destination is gone (410 Gone)."}`,
        fix: canManage
          ? `${sentence(reason ?? "Edit the destination to one that accepts events")} Then turn it on.`
          : "An owner or admin can update it and turn it on again.",
      };
    case "failures":
      return {
        tone: "bad",
        title: `Paused after repeated failed deliveries.${lastError ? ` Last error: ${sentence(lastError)}` : ""}`,
        fix: canManage
          ? sentence(
              reason ??
                "Fix the receiver or the settings (Send test event shows what it answers), then turn it on and replay what it missed",
            )
          : "An owner or admin can fix it and turn it on again.",
      };
    case "user":
      return {
        tone: "neutral",
        title: "Turned off. Events that arrive meanwhile are not sent to it.",
        fix: canManage
          ? "Turn it on to send the deliveries it kept; you can then replay the events it missed."
          : "An owner or admin can turn it on again.",
      };
  }
}

export function testOutcomeLine(outcome: { delivered: boolean; httpStatus: number | null; latencyMs: number }): string {
  return [
    outcome.delivered ? "Delivered" : "Failed",
    outcome.httpStatus === null ? "no HTTP answer" : `HTTP ${outcome.httpStatus}`,
    formatLatency(outcome.latencyMs),
  ].join(" · ");
}

/** A `datetime-local` value (local time, minutes) for a moment. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
