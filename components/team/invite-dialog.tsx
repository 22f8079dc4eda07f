"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { ROLES, type Role } from "@/lib/access/permissions";
import { inviteMembers } from "@/lib/team/team-server-actions";
import { refuseGrant } from "@/lib/team/role-rules";
import { inviteMembersSchema, splitEmails } from "@/lib/team/team-schemas";
import { CopyButton } from "./copy-button";

type Delivered = { memberId: string; email: string; link: string; emailSent: boolean };

export function InviteDialog({ workspaceId, actorRole }: { workspaceId: string; actorRole: Role }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const [results, setResults] = useState<{ invited: Delivered[]; skipped: { email: string; reason: string }[] } | null>(
    null,
  );
  const grantable = ROLES.filter((role) => refuseGrant(actorRole, role) === null);

  const close = () => {
    setOpen(false);
    setResults(null);
    setError(undefined);
  };

  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        Invite member
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Invite members"
        description="They get an email with a link that works for 7 days."
      >
        {results ? (
          <div className="grid gap-3">
            <ul className="grid gap-2 text-sm" aria-label="Invitation results">
              {results.invited.map((r) => (
                <li
                  key={r.memberId}
                  className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-zinc-50 px-3 py-2 dark:bg-zinc-800"
                >
                  <span>
                    {r.email} — {r.emailSent ? "email sent" : "email not sent: copy the link and share it"}
                  </span>
                  <CopyButton text={r.link} label="Copy link" />
                </li>
              ))}
              {results.skipped.map((s) => (
                <li
                  key={s.email}
                  className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                >
                  {s.email} — {s.reason}
                </li>
              ))}
            </ul>
            <Button type="button" variant="secondary" onClick={close}>
              Done
            </Button>
          </div>
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
                const count = result.data.invited.length;
                toast.success(count ? `${count} invitation${count === 1 ? "" : "s"} sent` : "Nobody new to invite");
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
              autoFocus
            />
            <SelectField
              label="Role"
              name="role"
              defaultValue={grantable.includes("member") ? "member" : grantable[0]}
              options={grantable.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }))}
            />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Sending…" : "Send invitation"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
