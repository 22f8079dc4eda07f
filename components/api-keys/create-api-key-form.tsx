"use client";

import { Loader2Icon } from "lucide-react";
import { useState, useTransition } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Role } from "@/lib/access/permissions";
import { createApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { createApiKey } from "@/lib/api-keys/api-key-server-actions";
import type { FieldErrors } from "@/lib/errors";
import { expiryOf } from "./api-key-display";
import { ExpiryField } from "./expiry-field";
import { ScopeFieldset } from "./scope-fieldset";

type Errors = { form?: string; name?: string; scopes?: string; expiresAt?: string };

/** The server's (or zod's) field errors by dotted path, as the first message per field of this form. */
function errorsOf(fieldErrors: FieldErrors | Partial<Record<string, string[]>>, form?: string): Errors {
  const first = (field: string) =>
    Object.entries(fieldErrors).find(([path]) => path === field || path.startsWith(`${field}.`))?.[1]?.[0];
  const other = Object.entries(fieldErrors).find(([path]) => !/^(name|scopes|expiresAt)(\.|$)/.test(path))?.[1]?.[0];
  return { form: form ?? other, name: first("name"), scopes: first("scopes"), expiresAt: first("expiresAt") };
}

/**
 * Name, scopes and an optional expiry, checked here with the action's own schema; then the server
 * decides (scopes the role may give, the plan's limit) and its refusal is shown in the form.
 */
export function CreateApiKeyForm({
  workspaceId,
  actorRole,
  dateBounds,
  onCreated,
  onCancel,
}: {
  workspaceId: string;
  actorRole: Role;
  /** The earliest and latest expiry dates (YYYY-MM-DD) the server accepts. */
  dateBounds: { min: string; max: string };
  onCreated: (secret: string) => void;
  onCancel: () => void;
}) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Errors>({});

  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input = {
          workspaceId,
          name: String(form.get("name") ?? ""),
          scopes: form.getAll("scopes").map(String),
          expiresAt: expiryOf(String(form.get("expires") ?? "")),
        };
        const checked = createApiKeySchema.safeParse(input);
        if (!checked.success) {
          const flat = z.flattenError(checked.error);
          setErrors(errorsOf(flat.fieldErrors, flat.formErrors[0]));
          return;
        }
        setErrors({});
        startTransition(async () => {
          const result = await createApiKey(input);
          if (!result.ok) {
            setErrors({ ...errorsOf(result.fieldErrors ?? {}), form: result.message });
            return;
          }
          onCreated(result.data.secret);
        });
      }}
    >
      {errors.form && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {errors.form}
        </p>
      )}
      <Field label="Name" name="name" placeholder="CI deploys" autoComplete="off" maxLength={100} error={errors.name} />
      <ScopeFieldset actorRole={actorRole} error={errors.scopes} />
      <ExpiryField min={dateBounds.min} max={dateBounds.max} error={errors.expiresAt} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending && <Loader2Icon aria-hidden="true" className="animate-spin" />}
          {pending ? "Creating…" : "Create key"}
        </Button>
      </div>
    </form>
  );
}
