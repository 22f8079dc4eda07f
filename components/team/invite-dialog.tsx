"use client";

import { Loader2Icon, UserPlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import type { Role } from "@/lib/access/permissions";
import { inviteMembers } from "@/lib/team/team-server-actions";
import { inviteMembersSchema, splitEmails } from "@/lib/team/team-schemas";
import { InviteResults, type InviteResult } from "./invite-results";
import { inviteOutcome, type Outcome } from "./invitation-messages";
import { grantableRoles, roleLabel } from "./member-display";

const notify = ({ tone, message }: Outcome) =>
  tone === "success" ? toast.success(message) : tone === "warning" ? toast.warning(message) : toast.message(message);

/** "Invite member": one or several addresses and a role; then says per address whether the email went out. */
export function InviteDialog({ workspaceId, actorRole }: { workspaceId: string; actorRole: Role }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const [results, setResults] = useState<InviteResult | null>(null);
  const grantable = grantableRoles(actorRole);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setResults(null);
      setError(undefined);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlusIcon aria-hidden="true" />
        Invite member
      </Button>
      <Dialog
        open={open}
        onOpenChange={onOpenChange}
        title="Invite members"
        description="They get an email with a link that works for 7 days."
      >
        {results ? (
          <InviteResults results={results} onDone={() => onOpenChange(false)} />
        ) : (
          <form
            noValidate
            className="grid gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const input = {
                workspaceId,
                emails: splitEmails(String(form.get("emails") ?? "")),
                role: String(form.get("role")),
              };
              const checked = inviteMembersSchema.safeParse(input);
              if (!checked.success) {
                setError(checked.error.issues[0]?.message);
                return;
              }
              setError(undefined);
              startTransition(async () => {
                const result = await inviteMembers(checked.data);
                if (!result.ok) {
                  setError(result.message);
                  toast.error(result.message);
                  return;
                }
                notify(inviteOutcome(result.data.invited, result.data.skipped.length));
                setResults(result.data);
                router.refresh();
              });
            }}
          >
            <Field
              label="Email"
              name="emails"
              placeholder="ana@example.com, ben@example.com"
              autoComplete="off"
              error={error}
            />
            <SelectField
              label="Role"
              name="role"
              defaultValue={grantable.includes("member") ? "member" : grantable[0]}
              options={grantable.map((r) => ({ value: r, label: roleLabel(r) }))}
            />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending && <Loader2Icon aria-hidden="true" className="animate-spin" />}
                {pending ? "Sending…" : "Send invitation"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
