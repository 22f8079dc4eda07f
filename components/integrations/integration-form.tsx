"use client";

import { ArrowLeftIcon, Loader2Icon } from "lucide-react";
import { useId, useState } from "react";
import { Controller, FormProvider, useForm, type Path } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { createIntegration, updateIntegration } from "@/lib/integrations/integration-server-actions";
import type { IntegrationType } from "@/lib/integrations/integration-types";
import type { IntegrationView } from "@/lib/integrations/list-integrations";
import { FormAlert, TextField } from "./form-controls";
import {
  initialValues,
  integrationResolver,
  isFormField,
  isMaskedUrl,
  type IntegrationFormValues,
} from "./integration-form-values";
import { errorAt, IntegrationTypeFields } from "./integration-type-fields";

/** What each event means, beside its checkbox (docs/integrations.md lists their payloads). */
const EVENT_MEANING: Record<string, string> = {
  "alert.triggered": "an alert fired",
  "alert.resolved": "an alert cleared",
  "usage.threshold_reached": "usage passed a share of the plan",
  "usage.limit_exceeded": "usage went over the plan's limit",
  "billing.payment_failed": "a payment did not go through",
  "billing.plan_changed": "the plan changed",
  "billing.trial_ending": "the trial ends soon",
  "member.invited": "someone was invited",
  "member.joined": "someone joined",
  "member.removed": "someone was removed",
  "member.role_changed": "someone's role changed",
};
/** Test events are sent on request whatever the filters say, so they are not offered. */
const SUBSCRIBABLE = EVENT_TYPES.filter((type) => type !== "integration.test");

const MIN_SEVERITY_OPTIONS = [
  { value: "info", label: "Info (every event)" },
  { value: "warning", label: "Warning and above" },
  { value: "error", label: "Error and above" },
  { value: "critical", label: "Critical only" },
];

export type SavedIntegration = { integration: IntegrationView; signingSecret?: string };

/**
 * Adding or editing one integration: react-hook-form with the action's own schema for the type
 * (zodResolver), so each field shows the schema's message; then the server's checks (where a URL
 * resolves, a name already taken) come back as field errors on the same fields.
 */
export function IntegrationForm({
  type,
  workspaceId,
  current,
  onSaved,
  onCancel,
  onBack,
}: {
  type: IntegrationType;
  workspaceId: string;
  /** The integration being edited; null when adding one. */
  current: IntegrationView | null;
  onSaved: (saved: SavedIntegration) => void;
  onCancel: () => void;
  /** Back to the catalogue (adding only). */
  onBack?: () => void;
}) {
  const mode = current ? "edit" : "create";
  const form = useForm<IntegrationFormValues>({
    resolver: integrationResolver(type, mode),
    defaultValues: initialValues(type, workspaceId, current),
  });
  const { register, control, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const eventsHintId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const advancedHasError = Boolean(errors.rateLimitPerMinute || errors.retryConfig);
  const storedUrl = current?.settings.url;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const result = current ? await updateIntegration(values) : await createIntegration(values);
    if (result.ok) {
      onSaved(result.data as SavedIntegration);
      return;
    }
    const fieldErrors = Object.entries(result.fieldErrors ?? {});
    const elsewhere: string[] = [];
    for (const [path, messages] of fieldErrors) {
      const message = messages[0] ?? result.message;
      if (isFormField(path, type)) {
        if (path.startsWith("retryConfig") || path === "rateLimitPerMinute") setAdvancedOpen(true);
        setError(path as Path<IntegrationFormValues>, { type: "server", message }, { shouldFocus: true });
      } else elsewhere.push(message);
    }
    setFormError(elsewhere.length ? `${result.message} ${elsewhere.join(" ")}` : result.message);
  });

  return (
    <FormProvider {...form}>
      <form noValidate className="grid gap-5" onSubmit={submit}>
        {formError && <FormAlert>{formError}</FormAlert>}
        <TextField
          label="Name"
          placeholder="On-call alerts"
          autoComplete="off"
          maxLength={100}
          error={errorAt(errors, "name")}
          {...register("name")}
        />
        <IntegrationTypeFields
          type={type}
          mode={mode}
          secretHint={current?.secretHint ?? null}
          maskedUrl={current && isMaskedUrl(storedUrl) ? String(storedUrl) : null}
        />
        <fieldset className="grid gap-2" aria-describedby={eventsHintId}>
          <legend className="text-sm font-medium">Events</legend>
          <p id={eventsHintId} className="text-sm text-zinc-600 dark:text-zinc-400">
            None checked: every event, including types added later.
          </p>
          <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {SUBSCRIBABLE.map((eventType) => (
              <label key={eventType} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  value={eventType}
                  className="mt-0.5 size-4 shrink-0 accent-brand-600"
                  {...register("eventFilters.event_types")}
                />
                <span>
                  <span className="font-mono text-xs">{eventType}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{EVENT_MEANING[eventType]}</span>
                </span>
              </label>
            ))}
          </div>
          {errorAt(errors, "eventFilters.event_types") && (
            <p className="text-sm text-red-600 dark:text-red-400">{errorAt(errors, "eventFilters.event_types")}</p>
          )}
        </fieldset>
        <Controller
          control={control}
          name="eventFilters.min_severity"
          render={({ field }) => (
            <SelectField
              label="Minimum severity"
              value={field.value}
              onValueChange={field.onChange}
              options={MIN_SEVERITY_OPTIONS}
            />
          )}
        />
        <details
          open={advancedOpen || advancedHasError}
          onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}
          className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800"
        >
          <summary className="cursor-pointer py-1 text-sm font-medium">Advanced</summary>
          <div className="mt-3 grid gap-4 pb-2 sm:grid-cols-3">
            <TextField
              label="Rate limit per minute"
              type="number"
              inputMode="numeric"
              min={1}
              max={60_000}
              hint="Requests at most; more wait."
              error={errorAt(errors, "rateLimitPerMinute")}
              {...register("rateLimitPerMinute", { valueAsNumber: true })}
            />
            <TextField
              label="Retries"
              type="number"
              inputMode="numeric"
              min={0}
              max={20}
              hint="After a failed attempt."
              error={errorAt(errors, "retryConfig.max_retries")}
              {...register("retryConfig.max_retries", { valueAsNumber: true })}
            />
            <TextField
              label="Backoff (seconds)"
              type="number"
              inputMode="numeric"
              min={1}
              max={3600}
              hint="First wait; it doubles each retry."
              error={errorAt(errors, "retryConfig.backoff_seconds")}
              {...register("retryConfig.backoff_seconds", { valueAsNumber: true })}
            />
          </div>
        </details>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-end">
          {onBack && (
            <Button variant="ghost" className="sm:mr-auto" onClick={onBack}>
              <ArrowLeftIcon aria-hidden="true" />
              Other types
            </Button>
          )}
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting && <Loader2Icon aria-hidden="true" className="animate-spin" />}
            {current ? "Save changes" : "Add integration"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
