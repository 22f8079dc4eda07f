"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDownIcon, ChevronRightIcon, Loader2Icon, RotateCcwIcon } from "lucide-react";
import { Fragment, useState, useTransition } from "react";
import { toast } from "sonner";
import { RelativeTime } from "@/components/settings/relative-time";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogDescription, DialogRoot, DialogTitle } from "@/components/ui/dialog";
import { retryDelivery } from "@/lib/integrations/integration-server-actions";
import type { IntegrationView } from "@/lib/integrations/list-integrations";
import type { DeliveryAttemptView, DeliveryView } from "@/lib/integrations/list-deliveries";
import { formatLatency } from "./integration-display";
import "./delivery-log.css";

/** How often the open log refreshes (TanStack Query pauses it while the tab is hidden). */
export const DELIVERY_LOG_POLL_MS = 5_000;
const PAGE_SIZE = 25;

interface DeliveryPage {
  deliveries: DeliveryView[];
  next_cursor: string | null;
}

async function fetchDeliveries(
  workspaceId: string,
  integrationId: string,
  cursor: string | null,
): Promise<DeliveryPage> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
  const response = await fetch(`/api/workspaces/${workspaceId}/integrations/${integrationId}/deliveries?${query}`, {
    headers: { accept: "application/json" },
  });
  const body = (await response.json().catch(() => null)) as
    { data?: DeliveryPage; error?: { message?: string } } | (DeliveryPage & { error?: undefined }) | null;
  if (!response.ok || !body) {
    throw new Error(body?.error?.message ?? `The delivery log could not be loaded (HTTP ${response.status}).`);
  }
  return "data" in body && body.data ? body.data : (body as DeliveryPage);
}

const STATUS_TEXT: Record<DeliveryView["status"], string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  pending: "Pending",
  held: "Held",
};
const STATUS_CLASS: Record<DeliveryView["status"], string> = {
  succeeded: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400",
  pending: "text-zinc-700 dark:text-zinc-300",
  held: "text-amber-800 dark:text-amber-300",
};
const OUTCOME_TEXT: Record<DeliveryAttemptView["outcome"], string> = {
  success: "Succeeded",
  retryable: "Failed, retried",
  permanent: "Failed, not retried",
  gone: "410 Gone",
};

/** "Delivery log for <name>": recent deliveries, polled while open, with their attempts and "Retry now". */
export function DeliveryLogDialog({
  workspaceId,
  integration,
  canManage,
  onClose,
}: {
  workspaceId: string;
  /** The integration whose log is open; null when closed. */
  integration: IntegrationView | null;
  canManage: boolean;
  onClose: () => void;
}) {
  return (
    <DialogRoot open={integration !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="w-[min(64rem,calc(100vw-2rem))]!">
        <DialogTitle>Delivery log for {integration?.name}</DialogTitle>
        <DialogDescription>
          Newest first, refreshed every few seconds. Failed deliveries are retried on their own
          {integration ? ` (up to ${integration.retryConfig.max_retries} times)` : ""}.
          {integration && !integration.isEnabled && " It is turned off: held deliveries are sent once it is on again."}
        </DialogDescription>
        <div className="mt-4">
          {integration && <DeliveryLog workspaceId={workspaceId} integration={integration} canManage={canManage} />}
        </div>
      </DialogContent>
    </DialogRoot>
  );
}

function DeliveryLog({
  workspaceId,
  integration,
  canManage,
}: {
  workspaceId: string;
  integration: IntegrationView;
  canManage: boolean;
}) {
  const queryKey = ["integration-deliveries", workspaceId, integration.id];
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchDeliveries(workspaceId, integration.id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: DELIVERY_LOG_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [retrying, startRetry] = useTransition();
  const [retryingId, setRetryingId] = useState<string | null>(null);

  if (query.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <Loader2Icon aria-hidden="true" className="size-4 animate-spin" />
        Loading deliveries…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div role="alert" className="grid justify-items-start gap-2 text-sm">
        <p className="rounded-lg bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950 dark:text-red-200">
          {query.error.message}
        </p>
        <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  const deliveries = query.data.pages.flatMap((page) => page.deliveries);
  if (deliveries.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700">
        <p className="font-medium">No deliveries yet</p>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          Events that match this integration&apos;s filters show up here as they are sent
          {canManage ? "; Send test event sends one now" : ""}.
        </p>
      </div>
    );
  }

  const toggle = (id: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const retry = (delivery: DeliveryView) => {
    setRetryingId(delivery.id);
    startRetry(async () => {
      const result = await retryDelivery({ workspaceId, integrationId: integration.id, deliveryId: delivery.id });
      setRetryingId(null);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(`Queued ${delivery.eventType} again; it is sent within seconds.`);
      await queryClient.invalidateQueries({ queryKey });
    });
  };

  return (
    <div className="grid gap-3">
      <table className="delivery-log">
        <caption className="sr-only">Deliveries to {integration.name}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">HTTP</th>
            <th scope="col">Latency</th>
            <th scope="col">When</th>
            <th scope="col">Next attempt</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => {
            const open = expanded.has(delivery.id);
            const historyId = `delivery-${delivery.id}-attempts`;
            const retriable =
              canManage &&
              integration.isEnabled &&
              delivery.eventId !== null &&
              ["failed", "pending", "held"].includes(delivery.status);
            return (
              <Fragment key={delivery.id}>
                <tr>
                  <td>
                    <span className="font-mono text-xs">{delivery.eventType}</span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">{delivery.severity}</span>
                  </td>
                  <td>
                    <span className={`font-medium ${STATUS_CLASS[delivery.status]}`}>
                      {STATUS_TEXT[delivery.status]}
                    </span>
                    {delivery.status !== "succeeded" && delivery.lastError && (
                      <span className="block max-w-64 text-xs break-words text-zinc-600 dark:text-zinc-400">
                        {delivery.lastError}
                      </span>
                    )}
                  </td>
                  <td>
                    <span className="dl-label">Attempts </span>
                    {delivery.attempts}
                  </td>
                  <td>
                    <span className="dl-label">HTTP </span>
                    {delivery.lastHttpStatus ?? "—"}
                  </td>
                  <td>
                    <span className="dl-label">Latency </span>
                    {formatLatency(delivery.lastLatencyMs)}
                  </td>
                  <td>
                    <RelativeTime iso={delivery.deliveredAt ?? delivery.createdAt} />
                  </td>
                  <td>
                    <span className="dl-label">Next attempt </span>
                    {delivery.status === "pending" || delivery.status === "failed" ? (
                      <RelativeTime iso={delivery.nextAttemptAt} />
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <div>
                      {delivery.attemptLog.length > 0 && (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-expanded={open}
                          aria-controls={open ? historyId : undefined}
                          onClick={() => toggle(delivery.id)}
                        >
                          {open ? <ChevronDownIcon aria-hidden="true" /> : <ChevronRightIcon aria-hidden="true" />}
                          Attempts<span className="sr-only"> of {delivery.eventType}</span>
                        </Button>
                      )}
                      {retriable && (
                        <Button variant="secondary" size="sm" disabled={retrying} onClick={() => retry(delivery)}>
                          {retryingId === delivery.id ? (
                            <Loader2Icon aria-hidden="true" className="animate-spin" />
                          ) : (
                            <RotateCcwIcon aria-hidden="true" />
                          )}
                          Retry now
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
                {open && (
                  <tr className="dl-history" id={historyId}>
                    <td colSpan={8}>
                      <AttemptHistory attempts={delivery.attemptLog} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {query.hasNextPage && (
        <div>
          <Button
            variant="secondary"
            size="sm"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage && <Loader2Icon aria-hidden="true" className="animate-spin" />}
            Older deliveries
          </Button>
        </div>
      )}
    </div>
  );
}

function AttemptHistory({ attempts }: { attempts: DeliveryAttemptView[] }) {
  return (
    <ol className="grid gap-2" aria-label="Attempts, newest first">
      {attempts.map((attempt) => (
        <li
          key={`${attempt.attempt}-${attempt.attemptedAt}`}
          className="rounded-lg border border-zinc-200 bg-white p-2 text-xs dark:border-zinc-800 dark:bg-zinc-900"
        >
          <p className="flex flex-wrap gap-x-3 gap-y-0.5">
            <span className="font-medium">Attempt {attempt.attempt}</span>
            <span>{OUTCOME_TEXT[attempt.outcome]}</span>
            <span>{attempt.httpStatus === null ? "no HTTP answer" : `HTTP ${attempt.httpStatus}`}</span>
            <span>{formatLatency(attempt.latencyMs)}</span>
            <RelativeTime iso={attempt.attemptedAt} />
            {attempt.requestId && <span className="font-mono">request {attempt.requestId}</span>}
          </p>
          {attempt.error && <p className="mt-1 text-red-700 dark:text-red-400">{attempt.error}</p>}
          {attempt.responseExcerpt && (
            <pre className="mt-1 max-h-40 overflow-auto rounded bg-zinc-100 p-2 font-mono break-all whitespace-pre-wrap dark:bg-zinc-950">
              {attempt.responseExcerpt}
            </pre>
          )}
        </li>
      ))}
    </ol>
  );
}
