"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { leaveWorkspace } from "@/lib/team/team-server-actions";

export function LeaveWorkspaceButton({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Leave workspace
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Leave ${workspaceName}?`}
        description="You lose access at once. An admin can invite you again."
      >
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            type="button"
            className="bg-red-600 hover:bg-red-500"
            disabled={pending}
            onClick={() =>
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
          >
            Leave workspace
          </Button>
        </div>
      </Dialog>
    </>
  );
}
