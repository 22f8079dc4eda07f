"use client";

import { CopyIcon, Loader2Icon } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { copyInvitationLink } from "@/lib/team/team-server-actions";
import { copyToClipboard } from "./copy-to-clipboard";

/** New links for every pending invitation on the page, copied as "address link" lines — after a warning that the old links stop working. */
export function CopyAllLinksButton({
  workspaceId,
  invitations,
}: {
  workspaceId: string;
  invitations: { id: string; email: string }[];
}) {
  const [asking, setAsking] = useState(false);
  const [pending, startTransition] = useTransition();
  const count = invitations.length;

  return (
    <>
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => setAsking(true)}>
        {pending ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : <CopyIcon aria-hidden="true" />}
        Copy all links
      </Button>
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={`Create new links for ${count} pending invitation${count === 1 ? "" : "s"}?`}
        description="Each invitation gets a new link, copied to your clipboard one per line. The links already sent stop working."
        confirmLabel="Create and copy links"
        onConfirm={() => {
          setAsking(false);
          startTransition(async () => {
            const lines: string[] = [];
            const failed: string[] = [];
            for (const invitation of invitations) {
              const result = await copyInvitationLink({ workspaceId, memberId: invitation.id });
              if (result.ok) lines.push(`${invitation.email} ${result.data.link}`);
              else failed.push(`${invitation.email}: ${result.message}`);
            }
            if (lines.length && (await copyToClipboard(lines.join("\n"), "Copy these links"))) {
              toast.success(`${lines.length} link${lines.length === 1 ? "" : "s"} copied`);
            }
            if (failed.length) toast.error(`No new link for ${failed.join("; ")}`);
          });
        }}
      />
    </>
  );
}
