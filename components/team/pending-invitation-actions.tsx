"use client";

import { MailIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Tooltip } from "@/components/ui/tooltip";
import { copyInvitationLink, resendInvitation, revokeInvitation } from "@/lib/team/team-server-actions";
import { CopyButton } from "./copy-button";
import { copyToClipboard } from "./copy-to-clipboard";
import { resendOutcome } from "./invitation-messages";
import { useTeamAction } from "./use-team-action";

export const NEW_LINK_NOTE = "Creates a new link: the link sent before stops working.";

/** Resend / Revoke / Copy link for one pending invitation; names carry the address ("Resend invitation to a@b.c"). */
export function PendingInvitationActions({
  workspaceId,
  memberId,
  email,
}: {
  workspaceId: string;
  memberId: string;
  email: string;
}) {
  const { run, pending } = useTeamAction();
  const [asking, setAsking] = useState<"resend" | "revoke" | null>(null);
  const target = { workspaceId, memberId };

  return (
    <div className="flex flex-wrap items-center gap-1">
      <Button variant="ghost" size="sm" disabled={pending} onClick={() => setAsking("resend")}>
        <MailIcon aria-hidden="true" />
        Resend<span className="sr-only"> invitation to {email}</span>
      </Button>
      <Tooltip content={NEW_LINK_NOTE}>
        <span className="inline-flex">
          <CopyButton
            subject={email}
            text={async () => {
              const result = await copyInvitationLink(target);
              if (!result.ok) {
                toast.error(result.message);
                return null;
              }
              return result.data.link;
            }}
          />
        </span>
      </Tooltip>
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        className="text-red-700 dark:text-red-400"
        onClick={() => setAsking("revoke")}
      >
        <XIcon aria-hidden="true" />
        Revoke<span className="sr-only"> invitation to {email}</span>
      </Button>

      <ConfirmDialog
        open={asking === "resend"}
        onOpenChange={(open) => !open && setAsking(null)}
        title={`Resend the invitation to ${email}?`}
        description="We email a new link. The link sent before stops working at once."
        confirmLabel="Resend invitation"
        onConfirm={() => {
          setAsking(null);
          run(() => resendInvitation(target), {
            success: (delivered) => {
              const outcome = resendOutcome(email, delivered.emailSent);
              if (outcome.tone === "success") toast.success(outcome.message);
              else
                toast.warning(outcome.message, {
                  duration: 30_000,
                  action: {
                    label: "Copy link",
                    onClick: () =>
                      void copyToClipboard(delivered.link).then((ok) => ok && toast.success("Link copied")),
                  },
                });
            },
          });
        }}
      />
      <ConfirmDialog
        open={asking === "revoke"}
        onOpenChange={(open) => !open && setAsking(null)}
        title={`Revoke the invitation to ${email}?`}
        description="The link stops working at once. You can invite the address again later."
        confirmLabel="Revoke invitation"
        variant="destructive"
        onConfirm={() => {
          setAsking(null);
          run(() => revokeInvitation(target), { success: `Invitation to ${email} revoked` });
        }}
      />
    </div>
  );
}
