"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import { Controller, get, useFieldArray, useFormContext, type FieldErrors } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";
import {
  CUSTOM_METHODS,
  DATADOG_SITES,
  PAGERDUTY_SEVERITIES,
  SEVERITIES,
  type IntegrationType,
} from "@/lib/integrations/integration-types";
import { CheckboxField, SecretField, TextAreaField, TextField } from "./form-controls";
import { TEMPLATE_VARIABLES, type FormMode, type IntegrationFormValues } from "./integration-form-values";

/** The first error message at `path` or under it (an array's or an object's entries). */
export function errorAt(errors: FieldErrors<IntegrationFormValues>, path: string): string | undefined {
  const found = get(errors, path);
  const first = (node: unknown): string | undefined => {
    if (!node || typeof node !== "object") return undefined;
    const message = (node as { message?: unknown }).message;
    if (typeof message === "string" && message) return message;
    for (const [key, child] of Object.entries(node)) {
      if (key === "ref" || key === "type" || key === "types") continue;
      const inner = first(child);
      if (inner) return inner;
    }
    return undefined;
  };
  return first(found);
}

const keepHint = (what: string, hint: string | null) =>
  `Leave empty to keep the current ${what}${hint ? ` (${hint})` : ""}.`;

/** The fields of one integration type (inside the form's FormProvider). */
export function IntegrationTypeFields({
  type,
  mode,
  secretHint,
  maskedUrl,
}: {
  type: IntegrationType;
  mode: FormMode;
  /** On edit: the masked hint of the stored secret. */
  secretHint: string | null;
  /** On edit: the stored URL, masked (its query string may hold a token), when it cannot be shown. */
  maskedUrl: string | null;
}) {
  const { register, control, formState } = useFormContext<IntegrationFormValues>();
  const errors = formState.errors;
  const editing = mode === "edit";
  const urlHint = maskedUrl ? keepHint("URL", maskedUrl) : undefined;

  switch (type) {
    case "slack":
      return (
        <>
          <SecretField
            label="Webhook URL"
            placeholder={editing ? "" : "https://hooks.slack.com/services/…"}
            hint={
              editing
                ? keepHint("secret", secretHint)
                : "In Slack: Apps → Incoming Webhooks → Add New Webhook to Workspace, then copy the URL."
            }
            error={errorAt(errors, "webhookUrl")}
            {...register("webhookUrl")}
          />
          <TextField
            label="Channel label"
            placeholder="#agent-alerts"
            hint="Shown on this card only; Slack posts to the channel the webhook was made for."
            error={errorAt(errors, "channel")}
            {...register("channel")}
          />
          <CheckboxField label="Mention @channel on critical events" {...register("mentionOnCritical")} />
        </>
      );
    case "pagerduty":
      return (
        <>
          <SecretField
            label="Routing key"
            placeholder={editing ? "" : "32 letters and digits"}
            hint={
              editing
                ? keepHint("secret", secretHint)
                : "The Integration Key of an Events API v2 integration on your PagerDuty service."
            }
            error={errorAt(errors, "routingKey")}
            {...register("routingKey")}
          />
          <fieldset className="grid gap-2">
            <legend className="text-sm font-medium">Severity in PagerDuty</legend>
            <div className="grid grid-cols-2 gap-3">
              {SEVERITIES.map((severity) => (
                <Controller
                  key={severity}
                  control={control}
                  name={`severityMapping.${severity}`}
                  render={({ field }) => (
                    <SelectField
                      label={`Our ${severity}`}
                      value={field.value as string}
                      onValueChange={field.onChange}
                      options={PAGERDUTY_SEVERITIES.map((value) => ({ value, label: value }))}
                    />
                  )}
                />
              ))}
            </div>
          </fieldset>
        </>
      );
    case "webhook":
      return (
        <TextField
          label="Endpoint URL"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com/hooks/observability"
          hint={
            urlHint ??
            "Each request is a POST of JSON signed with Standard Webhooks headers; the signing secret is shown once after you add it."
          }
          error={errorAt(errors, "url")}
          {...register("url")}
        />
      );
    case "sentry":
      return (
        <>
          <SecretField
            label="DSN"
            placeholder={editing ? "" : "https://<public key>@o123.ingest.sentry.io/<project id>"}
            hint={editing ? keepHint("secret", secretHint) : "Sentry: Project Settings → Client Keys (DSN)."}
            error={errorAt(errors, "dsn")}
            {...register("dsn")}
          />
          <TextField
            label="Environment"
            placeholder="production"
            hint="Empty means production."
            error={errorAt(errors, "environment")}
            {...register("environment")}
          />
        </>
      );
    case "datadog":
      return (
        <>
          <SecretField
            label="API key"
            placeholder={editing ? "" : "32 hexadecimal characters"}
            hint={
              editing
                ? keepHint("secret", secretHint)
                : "Datadog: Organization Settings → API Keys (an API key, not an application key)."
            }
            error={errorAt(errors, "apiKey")}
            {...register("apiKey")}
          />
          <Controller
            control={control}
            name="site"
            render={({ field }) => (
              <SelectField
                label="Datadog site"
                value={field.value as string}
                onValueChange={field.onChange}
                options={Object.entries(DATADOG_SITES).map(([site, host]) => ({
                  value: site,
                  label: `${site} (${host})`,
                }))}
              />
            )}
          />
        </>
      );
    case "custom":
      return <CustomFields editing={editing} urlHint={urlHint} secretHint={secretHint} />;
  }
}

function CustomFields({
  editing,
  urlHint,
  secretHint,
}: {
  editing: boolean;
  urlHint: string | undefined;
  secretHint: string | null;
}) {
  const { register, control, formState } = useFormContext<IntegrationFormValues>();
  const errors = formState.errors;
  const headers = useFieldArray({ control, name: "headers" });
  return (
    <>
      <TextField
        label="Endpoint URL"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://example.com/ingest"
        hint={urlHint}
        error={errorAt(errors, "url")}
        {...register("url")}
      />
      <Controller
        control={control}
        name="method"
        render={({ field }) => (
          <SelectField
            label="Method"
            value={field.value as string}
            onValueChange={field.onChange}
            options={CUSTOM_METHODS.map((method) => ({ value: method, label: method }))}
          />
        )}
      />
      <fieldset className="grid gap-2">
        <legend className="text-sm font-medium">Headers</legend>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {editing
            ? `Header values are secret and never shown. ${
                secretHint ? `Stored: ${secretHint}. ` : ""
              }Leave the list empty to keep them; headers you add here replace them all.`
            : "Sent with every request, stored encrypted (an Authorization header, say)."}
        </p>
        {headers.fields.map((header, index) => (
          <div
            key={header.id}
            className="grid gap-2 rounded-lg border border-zinc-200 p-3 sm:grid-cols-[1fr_1fr_auto] dark:border-zinc-800"
          >
            <TextField
              label={`Header ${index + 1} name`}
              placeholder="Authorization"
              autoComplete="off"
              error={errorAt(errors, `headers.${index}.name`)}
              {...register(`headers.${index}.name`)}
            />
            <SecretField
              label={`Header ${index + 1} value`}
              error={errorAt(errors, `headers.${index}.value`)}
              {...register(`headers.${index}.value`)}
            />
            <Button
              variant="ghost"
              size="icon"
              className="self-end"
              aria-label={`Remove header ${index + 1}`}
              onClick={() => headers.remove(index)}
            >
              <Trash2Icon aria-hidden="true" />
            </Button>
          </div>
        ))}
        {errorAt(errors, "headers") && !headers.fields.length && (
          <p className="text-sm text-red-600 dark:text-red-400">{errorAt(errors, "headers")}</p>
        )}
        <div>
          <Button
            variant="secondary"
            size="sm"
            disabled={headers.fields.length >= 10}
            onClick={() => headers.append({ name: "", value: "" })}
          >
            <PlusIcon aria-hidden="true" />
            Add header
          </Button>
        </div>
      </fieldset>
      <TextAreaField
        label="Body template"
        rows={9}
        spellCheck={false}
        error={errorAt(errors, "bodyTemplate")}
        hint="The request body, at most 10 KB; empty means the default JSON body. Variables are listed below."
        {...register("bodyTemplate")}
      />
      <div className="grid gap-1 text-sm">
        <p className="font-medium">Template variables</p>
        <ul className="grid gap-x-4 gap-y-0.5 text-zinc-600 sm:grid-cols-2 dark:text-zinc-400">
          {TEMPLATE_VARIABLES.map(([variable, meaning]) => (
            <li key={variable}>
              <code className="font-mono text-xs text-zinc-800 dark:text-zinc-200">{variable}</code> {meaning}
            </li>
          ))}
        </ul>
        <p className="text-zinc-600 dark:text-zinc-400">
          Text values are inserted JSON-escaped without quotes, so put them inside a JSON string:{" "}
          <code className="font-mono text-xs break-all">{`{"summary": "{{event.title}}", "data": {{event.payload}}}`}</code>
          .
        </p>
      </div>
    </>
  );
}
