"use client";

import { Loader2Icon } from "lucide-react";
import dynamic from "next/dynamic";
import { Dialog } from "@/components/ui/dialog";
import type { IntegrationView } from "@/lib/integrations/list-integrations";

const ReplayForm = dynamic(() => import("./replay-form").then((m) => m.ReplayForm), {
  loading: () => (
    <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
      <Loader2Icon aria-hidden="true" className="size-4 animate-spin" />
      Loading…
    </p>
  ),
});

export function ReplayDialog({
  workspaceId,
  integration,
  onClose,
}: {
  workspaceId: string;
  /** The integration to replay to; null when closed. */
  integration: IntegrationView | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={integration !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`Replay events to ${integration?.name ?? ""}`}
      description="Send events again from a moment on: after an outage on the receiver's side, say."
    >
      {integration && (
        <ReplayForm
          workspaceId={workspaceId}
          integrationId={integration.id}
          integrationName={integration.name}
          onDone={onClose}
          onCancel={onClose}
        />
      )}
    </Dialog>
  );
}
