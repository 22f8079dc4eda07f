"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createWorkspace } from "@/lib/workspaces/workspace-server-actions";
import { createWorkspaceSchema } from "@/lib/workspaces/workspace-schemas";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();

  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const input = { name: String(new FormData(event.currentTarget).get("name") ?? "") };
        const checked = createWorkspaceSchema.safeParse(input);
        if (!checked.success) {
          setError(checked.error.issues[0]?.message);
          return;
        }
        setError(undefined);
        startTransition(async () => {
          const result = await createWorkspace(checked.data);
          if (!result.ok) {
            setError(result.fieldErrors?.name?.[0] ?? result.message);
            toast.error(result.message);
            return;
          }
          toast.success(`Workspace “${result.data.name}” created`);
          router.push(`/w/${result.data.id}/settings/team`);
        });
      }}
    >
      <Field
        label="Workspace name"
        name="name"
        required
        maxLength={100}
        placeholder="Acme AI"
        error={error}
        autoFocus
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
