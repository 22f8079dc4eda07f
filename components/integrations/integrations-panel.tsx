"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { SectionHeading } from "@/components/settings/section-heading";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import {
  deleteIntegration,
  rotateSigningSecret,
  sendTestEvent,
  setIntegrationEnabled,
} from "@/lib/integrations/integration-server-actions";
import type { IntegrationView } from "@/lib/integrations/list-integrations";
import { DeliveryLogDialog } from "./delivery-log";
import type { IntegrationActionKind } from "./integration-actions-menu";
import { IntegrationCard, type TestState } from "./integration-card";
import { formatCount } from "./integration-display";
import { IntegrationFormDialog } from "./integration-form-dialog";
import type { SavedIntegration } from "./integration-form";
import { ReplayDialog } from "./replay-dialog";
import { runReplay } from "./run-replay";
import { SigningSecretDialog, type RevealedSecret } from "./signing-secret-dialog";

type Confirm =
  | { kind: "delete"; integration: IntegrationView }
  | { kind: "rotate"; integration: IntegrationView }
  | { kind: "missed"; integration: IntegrationView; count: number; since: string };

/**
 * The Integrations tab: the list (unhealthy and paused first, as the read orders it), and for
 * owners and admins everything that changes it — "Add integration", each card's switch, test
 * event and actions menu, and the dialogs they open. Members and viewers get the same list, read-only.
 * A change updates the card from the action's answer at once, then the page's data is refreshed.
 */
export function IntegrationsPanel({
  workspaceId,
  integrations,
  canManage,
  askOwner,
  now,
}: {
  workspaceId: string;
  integrations: IntegrationView[];
  canManage: boolean;
  /** "Ask Olga Owner." */
  askOwner: string;
  /** The server's clock, for "3 minutes ago". */
  now: number;
}) {
  const router = useRouter();
  // The server's list, with the answers of changes made here until the refreshed list arrives.
  const [views, setViews] = useState(integrations);
  const [fromServer, setFromServer] = useState(integrations);
  if (fromServer !== integrations) {
    setFromServer(integrations);
    setViews(integrations);
  }
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<IntegrationView | null>(null);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [logOf, setLogOf] = useState<IntegrationView | null>(null);
  const [replayOf, setReplayOf] = useState<IntegrationView | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [switching, setSwitching] = useState<ReadonlySet<string>>(new Set());
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [confirming, startConfirm] = useTransition();
  const [, startChange] = useTransition();

  const replace = (integration: IntegrationView) =>
    setViews((list) => list.map((item) => (item.id === integration.id ? integration : item)));
  const refresh = () => router.refresh();
  const openAdd = () => {
    setEditing(null);
    setFormOpen(true);
  };

  function onSaved(saved: SavedIntegration, mode: "create" | "edit") {
    const { integration, signingSecret } = saved;
    if (mode === "create") setViews((list) => [...list, integration]);
    else replace(integration);
    if (signingSecret) setRevealed({ integrationName: integration.name, secret: signingSecret });
    else if (mode === "create") toast.success(`Added “${integration.name}”. Send a test event to check it.`);
    else toast.success(`Saved changes to “${integration.name}”.`);
    refresh();
  }

  function setEnabled(integration: IntegrationView, enabled: boolean) {
    setSwitching((ids) => new Set(ids).add(integration.id));
    replace({ ...integration, isEnabled: enabled, paused: enabled ? null : integration.paused });
    startChange(async () => {
      const result = await setIntegrationEnabled({ workspaceId, integrationId: integration.id, enabled });
      setSwitching((ids) => {
        const next = new Set(ids);
        next.delete(integration.id);
        return next;
      });
      if (!result.ok) {
        replace(integration);
        toast.error(result.message);
        return;
      }
      const { released, missed } = result.data;
      replace(result.data.integration);
      if (!enabled) {
        toast.success(
          `Turned off “${integration.name}”. Events are kept: queued deliveries wait until you turn it back on, and you can replay what arrives meanwhile.`,
        );
      } else {
        const kept = released
          ? ` ${formatCount(released)} kept deliver${released === 1 ? "y is" : "ies are"} being sent.`
          : "";
        toast.success(`Turned on “${integration.name}”.${kept}`);
        if (missed && missed.count > 0) {
          setConfirm({
            kind: "missed",
            integration: result.data.integration,
            count: missed.count,
            since: missed.since,
          });
        }
      }
      refresh();
    });
  }

  function sendTest(integration: IntegrationView) {
    const put = (state: TestState) => setTests((all) => ({ ...all, [integration.id]: state }));
    put({ kind: "sending" });
    startChange(async () => {
      const result = await sendTestEvent({ workspaceId, integrationId: integration.id });
      if (!result.ok) {
        put({ kind: "refused", message: result.message });
        return;
      }
      put({ kind: "done", outcome: result.data });
      refresh();
    });
  }

  function onAction(integration: IntegrationView, kind: IntegrationActionKind) {
    switch (kind) {
      case "edit":
        setEditing(integration);
        setFormOpen(true);
        break;
      case "log":
        setLogOf(integration);
        break;
      case "replay":
        setReplayOf(integration);
        break;
      case "rotate":
      case "delete":
        setConfirm({ kind, integration });
        break;
    }
  }

  function onConfirm() {
    if (!confirm) return;
    const { integration } = confirm;
    startConfirm(async () => {
      if (confirm.kind === "delete") {
        const result = await deleteIntegration({ workspaceId, integrationId: integration.id });
        if (!result.ok) {
          toast.error(result.message);
          return;
        }
        setViews((list) => list.filter((item) => item.id !== integration.id));
        toast.success(`Deleted “${integration.name}”.`);
      } else if (confirm.kind === "rotate") {
        const result = await rotateSigningSecret({ workspaceId, integrationId: integration.id });
        if (!result.ok) {
          toast.error(result.message);
          return;
        }
        replace(result.data.integration);
        const { signingSecret, previousValidUntil } = result.data;
        if (signingSecret)
          setRevealed({ integrationName: integration.name, secret: signingSecret, previousValidUntil });
      } else {
        // A replay reaches back at most 30 days (REPLAY_MAX_DAYS, lib/integrations/integration-schemas.ts, not
        // imported here: it would bring zod onto the page): an integration off for longer replays the last 30.
        const earliest = Date.now() - 30 * 86_400_000 + 60_000;
        const since = new Date(Math.max(new Date(confirm.since).getTime(), earliest)).toISOString();
        const result = await runReplay({ workspaceId, integrationId: integration.id, since }, integration.name);
        if (!result.ok) {
          toast.error(result.message);
          return;
        }
      }
      setConfirm(null);
      refresh();
    });
  }

  return (
    <section className="grid grid-cols-1 gap-4">
      <SectionHeading
        title="Integrations"
        description="Where this workspace's alerts, usage, billing and team events are delivered."
        actions={canManage && views.length > 0 ? <AddButton onClick={openAdd} /> : null}
      />
      {!canManage && (
        <p className="rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          Only owners and admins can change integrations. {askOwner}
        </p>
      )}
      {views.length === 0 ? (
        <EmptyState title="No integrations yet">
          <p>
            Events stay inside the platform. Connect Slack, PagerDuty, Sentry, Datadog or your own endpoint to hear
            about alerts, usage limits, billing and team changes where you work.
          </p>
          {canManage && (
            <div className="mt-4 flex justify-center">
              <AddButton onClick={openAdd} />
            </div>
          )}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-3" aria-label="Integrations">
          {views.map((integration) => (
            <IntegrationCard
              key={integration.id}
              integration={integration}
              canManage={canManage}
              now={now}
              switching={switching.has(integration.id)}
              test={tests[integration.id] ?? { kind: "idle" }}
              onEnabledChange={(enabled) => setEnabled(integration, enabled)}
              onSendTest={() => sendTest(integration)}
              onAction={(kind) => onAction(integration, kind)}
            />
          ))}
        </ul>
      )}
      {canManage && (
        <>
          <IntegrationFormDialog
            open={formOpen}
            onOpenChange={setFormOpen}
            workspaceId={workspaceId}
            editing={editing}
            onSaved={onSaved}
          />
          <SigningSecretDialog revealed={revealed} onDone={() => setRevealed(null)} />
          <ReplayDialog workspaceId={workspaceId} integration={replayOf} onClose={() => setReplayOf(null)} />
          <ConfirmDialog
            open={confirm !== null}
            onOpenChange={(open) => !open && setConfirm(null)}
            pending={confirming}
            onConfirm={onConfirm}
            {...confirmText(confirm)}
          />
        </>
      )}
      <DeliveryLogDialog
        workspaceId={workspaceId}
        integration={logOf}
        canManage={canManage}
        onClose={() => setLogOf(null)}
      />
    </section>
  );
}

function confirmText(confirm: Confirm | null): {
  title: string;
  description: string;
  confirmLabel: string;
  variant: "default" | "destructive";
} {
  if (!confirm) return { title: "", description: "", confirmLabel: "", variant: "default" };
  const name = confirm.integration.name;
  switch (confirm.kind) {
    case "delete":
      return {
        title: `Delete ${name}?`,
        description: `Nothing more is sent to it, and its delivery log is deleted. Events stay in the platform. This cannot be undone; to stop deliveries for a while, turn it off instead.`,
        confirmLabel: "Delete integration",
        variant: "destructive",
      };
    case "rotate":
      return {
        title: `Rotate the signing secret of ${name}?`,
        description:
          "A new secret is made and shown once. For 24 hours requests are signed with both the new and the current secret, so your receiver can switch over without refusing any.",
        confirmLabel: "Rotate signing secret",
        variant: "default",
      };
    case "missed": {
      const n = formatCount(confirm.count);
      return {
        title: `Replay ${n} missed event${confirm.count === 1 ? "" : "s"}?`,
        description: `${n} event${confirm.count === 1 ? "" : "s"} matching its filters arrived while “${name}” was off (since ${new Date(confirm.since).toLocaleString("en-US")}) and ${confirm.count === 1 ? "was" : "were"} not sent. Replay sends them now, oldest first; you can also do it later with “Replay since…”.`,
        confirmLabel: `Replay ${n} missed event${confirm.count === 1 ? "" : "s"}`,
        variant: "default",
      };
    }
  }
}

function AddButton({ onClick }: { onClick: () => void }) {
  return (
    <Button onClick={onClick}>
      <PlusIcon aria-hidden="true" />
      Add integration
    </Button>
  );
}
