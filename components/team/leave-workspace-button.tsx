"use client";

import { LogOutIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { leaveWorkspace } from "@/lib/team/team-server-actions";

/** "Leave workspace" with a confirmation; disabled, with the reason beside it, when leaving is not possible (the last owner). */
export function LeaveWorkspaceButton({
  workspaceId,
  workspaceName,
  blockedReason,
}: {
  workspaceId: string;
  workspaceName: string;
  blockedReason?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const reasonId = useId();
  return (
    <div className="grid max-w-xs justify-items-start gap-1">
      <Button
        variant="secondary"
        disabled={Boolean(blockedReason)}
        aria-describedby={blockedReason ? reasonId : undefined}
        onClick={() => setOpen(true)}
      >
        <LogOutIcon aria-hidden="true" />
        Leave workspace
      </Button>
      {blockedReason && (
        <p id={reasonId} className="text-xs text-zinc-600 dark:text-zinc-400">
          {blockedReason}
        </p>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Leave ${workspaceName}?`}
        description="You lose access at once. An admin can invite you again."
        confirmLabel="Leave workspace"
        variant="destructive"
        pending={pending}
        onConfirm={() =>
          startTransition(async () => {
            const result = await leaveWorkspace({ workspaceId });
            if (!result.ok) {
              toast.error(result.message);
              setOpen(false);
              return;
            }
            toast.success(`You left ${workspaceName}`);
            router.push("/");
          })
        }
      />
    </div>
  );
}
