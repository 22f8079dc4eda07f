import {
  BellRingIcon,
  BracesIcon,
  BugIcon,
  DogIcon,
  HashIcon,
  PlugIcon,
  WebhookIcon,
  type LucideIcon,
} from "lucide-react";
import type { IntegrationType } from "@/lib/integrations/integration-types";

/** The six integration types as the tab shows them: name, one line about each, an icon (docs/integrations.md). */
export const CATALOGUE: Record<IntegrationType, { label: string; description: string; icon: LucideIcon }> = {
  slack: {
    label: "Slack",
    description: "Post alerts and notices to a channel through an incoming webhook.",
    icon: HashIcon,
  },
  pagerduty: {
    label: "PagerDuty",
    description: "Trigger and resolve incidents with the Events API v2.",
    icon: BellRingIcon,
  },
  webhook: {
    label: "Webhook",
    description: "POST signed JSON to your own endpoint (Standard Webhooks).",
    icon: WebhookIcon,
  },
  sentry: {
    label: "Sentry",
    description: "Send alerts to a Sentry project as events, by DSN.",
    icon: BugIcon,
  },
  datadog: {
    label: "Datadog",
    description: "Record alerts and usage as Datadog events on your site.",
    icon: DogIcon,
  },
  custom: {
    label: "Custom",
    description: "Any HTTP endpoint, with your method, headers and body template.",
    icon: BracesIcon,
  },
};

export function typeLabel(type: string): string {
  return CATALOGUE[type as IntegrationType]?.label ?? type;
}

/** The type's icon in a small tile, beside the card's name or in the catalogue. */
export function TypeLogo({ type, className = "" }: { type: string; className?: string }) {
  const Icon = CATALOGUE[type as IntegrationType]?.icon ?? PlugIcon;
  return (
    <span
      aria-hidden="true"
      className={`inline-flex size-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-600 dark:bg-zinc-800 dark:text-brand-50 ${className}`}
    >
      <Icon className="size-5" />
    </span>
  );
}
