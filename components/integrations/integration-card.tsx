"use client";

import { CircleAlertIcon, CirclePauseIcon, Loader2Icon, ScrollTextIcon, SendIcon } from "lucide-react";
import { useId } from "react";
import { RelativeTime } from "@/components/settings/relative-time";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import type { IntegrationView } from "@/lib/integrations/list-integrations";
import type { TestEventOutcome } from "@/lib/integrations/manage-deliveries";
import { IntegrationActionsMenu, type IntegrationActionKind } from "./integration-actions-menu";
import { typeLabel, TypeLogo } from "./integration-catalogue";
import {
  formatCount,
  formatErrorRate,
  formatLatency,
  pausedBanner,
  secretLine,
  subscriptionOf,
  testOutcomeLine,
} from "./integration-display";

export type TestState =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "done"; outcome: TestEventOutcome }
  | { kind: "refused"; message: string };

const HEALTH_DOT: Record<IntegrationView["healthStatus"], string> = {
  healthy: "bg-emerald-500",
  degraded: "bg-amber-500",
  unhealthy: "bg-red-500",
  unknown: "bg-zinc-400",
};

/**
 * One integration: what it is and where it delivers, its "Enabled" switch, health in words, the
 * last 24 hours, why it is paused and how to fix it; for owners and admins, "Send test event"
 * (answered in place, in the card's status region) and the actions menu.
 */
export function IntegrationCard({
  integration,
  canManage,
  now,
  switching,
  test,
  onEnabledChange,
  onSendTest,
  onAction,
}: {
  integration: IntegrationView;
  canManage: boolean;
  /** The server's clock, for "3 minutes ago". */
  now: number;
  /** The switch's change is on its way. */
  switching: boolean;
  test: TestState;
  onEnabledChange: (enabled: boolean) => void;
  onSendTest: () => void;
  onAction: (kind: IntegrationActionKind) => void;
}) {
  const id = useId();
  const headingId = `${id}-name`;
  const switchId = `${id}-enabled`;
  const subscription = subscriptionOf(integration.eventFilters);
  const paused = integration.paused ? pausedBanner(integration.paused, integration.lastErrorMessage, canManage) : null;
  const secret = secretLine(integration);
  const last24h = integration.last24h;

  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="grid grid-cols-1 gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        {paused && (
          <div
            className={`flex gap-2 rounded-lg px-3 py-2 text-sm ${
              paused.tone === "bad"
                ? "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"
                : "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
            }`}
          >
            {paused.tone === "bad" ? (
              <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            ) : (
              <CirclePauseIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            )}
            <p>
              <strong className="font-semibold">{paused.title}</strong> {paused.fix}
              {integration.paused?.at && (
                <>
                  {" "}
                  <span className="whitespace-nowrap">
                    (since <RelativeTime iso={integration.paused.at} now={now} />)
                  </span>
                </>
              )}
            </p>
          </div>
        )}
        <div className="flex items-start gap-3">
          <TypeLogo type={integration.type} />
          <div className="min-w-0 flex-1">
            <h3 id={headingId} className="font-semibold break-words">
              {integration.name}
            </h3>
            <p className="text-sm break-words text-zinc-600 dark:text-zinc-400">
              {typeLabel(integration.type)} · {integration.destination}
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-2 pt-0.5">
            <label htmlFor={switchId} className="text-sm font-medium">
              Enabled
            </label>
            <Switch
              id={switchId}
              checked={integration.isEnabled}
              disabled={!canManage || switching}
              onCheckedChange={onEnabledChange}
              aria-describedby={canManage ? undefined : `${id}-readonly`}
            />
            {!canManage && (
              <span id={`${id}-readonly`} className="sr-only">
                Read-only: only owners and admins can switch it.
              </span>
            )}
          </div>
        </div>
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="inline-flex items-center gap-1.5 font-medium">
            <span aria-hidden="true" className={`size-2 rounded-full ${HEALTH_DOT[integration.healthStatus]}`} />
            <span>Health: {integration.healthStatus}</span>
          </span>
          {integration.healthDetail && (
            <span className="text-zinc-600 dark:text-zinc-400">
              <span aria-hidden="true">· </span>
              {integration.healthDetail}
            </span>
          )}
        </p>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div className="col-span-2 sm:col-span-4">
            <dt className="text-zinc-600 dark:text-zinc-400">Events</dt>
            <dd className="break-words">
              {subscription.events} · {subscription.severity}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Last delivery</dt>
            <dd>
              <RelativeTime iso={integration.lastDeliveryAt} empty="None yet" now={now} />
            </dd>
          </div>
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Events sent</dt>
            <dd className="tabular-nums">{formatCount(integration.totalEventsSent)}</dd>
          </div>
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Error rate (24 h)</dt>
            <dd className="tabular-nums">
              {formatErrorRate(last24h.errorRate)}
              {last24h.attempts > 0 && (
                <span className="text-zinc-600 dark:text-zinc-400">
                  {" "}
                  ({formatCount(last24h.failures)} of {formatCount(last24h.attempts)} attempts)
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">p95 latency (24 h)</dt>
            <dd className="tabular-nums">{formatLatency(last24h.p95LatencyMs)}</dd>
          </div>
          {secret && (
            <div className="col-span-2 sm:col-span-4">
              <dt className="text-zinc-600 dark:text-zinc-400">Secret</dt>
              <dd className="font-mono text-xs break-all">{secret}</dd>
            </div>
          )}
        </dl>
        {integration.lastErrorMessage && !paused && (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm break-words text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            Last error
            {integration.lastErrorAt && (
              <>
                {" "}
                (<RelativeTime iso={integration.lastErrorAt} now={now} />)
              </>
            )}
            : {integration.lastErrorMessage}
          </p>
        )}
        {!canManage && (
          <div className="border-t border-zinc-100 pt-3 dark:border-zinc-800">
            <Button variant="secondary" size="sm" onClick={() => onAction("log")}>
              <ScrollTextIcon aria-hidden="true" />
              Delivery log
            </Button>
          </div>
        )}
        {canManage && (
          <div>
            <div className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 pt-3 dark:border-zinc-800">
              <Button variant="secondary" size="sm" disabled={test.kind === "sending"} onClick={onSendTest}>
                {test.kind === "sending" ? (
                  <Loader2Icon aria-hidden="true" className="animate-spin" />
                ) : (
                  <SendIcon aria-hidden="true" />
                )}
                Send test event
              </Button>
              <IntegrationActionsMenu integration={integration} onSelect={onAction} />
            </div>
            <TestEventStatus test={test} />
          </div>
        )}
      </article>
    </li>
  );
}

/** The test event's outcome, in place; a live region, so it is read out when it arrives. */
function TestEventStatus({ test }: { test: TestState }) {
  return (
    <div role="status" aria-live="polite">
      {test.kind === "sending" && (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Sending a test event…</p>
      )}
      {test.kind === "refused" && (
        <p className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          Not sent: {test.message}
        </p>
      )}
      {test.kind === "done" && (
        <div
          className={`mt-3 grid gap-1 rounded-lg px-3 py-2 text-sm ${
            test.outcome.delivered
              ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
              : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"
          }`}
        >
          <p className="font-semibold">Test event: {testOutcomeLine(test.outcome)}</p>
          {test.outcome.error && <p>{test.outcome.error}</p>}
          {test.outcome.fixHint && <p>How to fix it: {test.outcome.fixHint}</p>}
          {test.outcome.responseExcerpt && (
            <>
              <p className="text-xs opacity-80">The receiver answered:</p>
              <pre className="max-h-40 overflow-auto rounded bg-white/70 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-black/30">
                {test.outcome.responseExcerpt}
              </pre>
            </>
          )}
        </div>
      )}
    </div>
  );
}
