import { RelativeTime } from "@/components/settings/relative-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { IntegrationView } from "@/lib/integrations/list-integrations";

const HEALTH_TONE: Record<IntegrationView["healthStatus"], BadgeTone> = {
  healthy: "good",
  degraded: "warn",
  unhealthy: "bad",
  unknown: "neutral",
};
const TYPE_LABEL: Record<string, string> = {
  slack: "Slack",
  pagerduty: "PagerDuty",
  webhook: "Webhook",
  sentry: "Sentry",
  datadog: "Datadog",
  custom: "Custom",
};

export function IntegrationList({ integrations }: { integrations: IntegrationView[] }) {
  return (
    <ul className="grid gap-3" aria-label="Integrations">
      {integrations.map((integration) => (
        <li
          key={integration.id}
          aria-labelledby={`integration-${integration.id}`}
          className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <h3 id={`integration-${integration.id}`} className="font-semibold">
                {integration.name}
              </h3>
              <p className="text-sm text-zinc-500 dark:text-zinc-400">
                {TYPE_LABEL[integration.type] ?? integration.type}
              </p>
            </div>
            <div className="flex items-center gap-2 text-sm">
              <Badge tone={integration.isEnabled ? "good" : "neutral"}>
                {integration.isEnabled ? "Enabled" : "Disabled"}
              </Badge>
              <Badge tone={HEALTH_TONE[integration.healthStatus]}>Health: {integration.healthStatus}</Badge>
            </div>
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Events sent</dt>
              <dd className="tabular-nums">{integration.totalEventsSent.toLocaleString("en-US")}</dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Errors</dt>
              <dd className="tabular-nums">{integration.totalErrors.toLocaleString("en-US")}</dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Last check</dt>
              <dd>
                <RelativeTime iso={integration.lastHealthCheckAt} empty="never" />
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Credentials</dt>
              <dd>{integration.hasCredentials ? "Stored (encrypted)" : "None"}</dd>
            </div>
          </dl>
          {integration.lastErrorMessage && (
            <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              Last error: {integration.lastErrorMessage}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
