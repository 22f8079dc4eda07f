"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { updateBilling } from "@/lib/billing/billing-server-actions";

/** The billing email (owners): where Stripe sends invoices and receipts. */
export function BillingEmailForm({
  workspaceId,
  billingEmail,
  onChanged,
}: {
  workspaceId: string;
  billingEmail: string | null;
  onChanged: () => void;
}) {
  const [value, setValue] = useState(billingEmail ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="grid gap-2 sm:max-w-md"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const result = await updateBilling({ workspaceId, billingEmail: value.trim() });
        setPending(false);
        if (!result.ok) {
          setError(result.fieldErrors?.billingEmail?.[0] ?? result.message);
          return;
        }
        setError(null);
        toast.success("Billing email saved.");
        onChanged();
      }}
    >
      <label htmlFor="billing-email" className="text-sm font-medium">
        Billing email
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="billing-email"
          type="email"
          autoComplete="email"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "billing-email-error" : "billing-email-hint"}
          className="min-h-10 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save email"}
        </Button>
      </div>
      {error ? (
        <p id="billing-email-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : (
        <p id="billing-email-hint" className="text-sm text-zinc-600 dark:text-zinc-400">
          Invoices and receipts go here.
        </p>
      )}
    </form>
  );
}
