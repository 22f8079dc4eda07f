"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { REPLAY_MAX_DAYS, replayIntegrationSchema } from "@/lib/integrations/integration-schemas";
import { CheckboxField, FormAlert, TextField } from "./form-controls";
import { toLocalInput } from "./integration-display";
import { runReplay } from "./run-replay";

/** The form's own shape: a local date and time, checked by the action's `since` once it is a full ISO timestamp. */
const replayFormSchema = z.object({
  since: z
    .string()
    .min(1, "Choose the date and time to replay from")
    .transform((local) => (Number.isNaN(new Date(local).getTime()) ? local : new Date(local).toISOString()))
    .pipe(replayIntegrationSchema.shape.since),
  includeDelivered: z.boolean(),
});
type ReplayFormInput = z.input<typeof replayFormSchema>;
type ReplayFormOutput = z.output<typeof replayFormSchema>;

/** "Replay since…": every matching event from a moment on (at most 30 days back) is queued again. */
export function ReplayForm({
  workspaceId,
  integrationId,
  integrationName,
  onDone,
  onCancel,
}: {
  workspaceId: string;
  integrationId: string;
  integrationName: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  // The form mounts when the dialog opens: its bounds are taken from the clock then.
  const [bounds] = useState(() => {
    const now = Date.now();
    return {
      min: toLocalInput(now - REPLAY_MAX_DAYS * 86_400_000 + 60_000),
      max: toLocalInput(now),
      start: toLocalInput(now - 86_400_000),
    };
  });
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ReplayFormInput, unknown, ReplayFormOutput>({
    resolver: zodResolver(replayFormSchema),
    defaultValues: { since: bounds.start, includeDelivered: false },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await runReplay(
      { workspaceId, integrationId, since: values.since.toISOString(), includeDelivered: values.includeDelivered },
      integrationName,
    );
    if (result.ok) {
      onDone();
      return;
    }
    const sinceError = result.fieldErrors?.since?.[0];
    if (sinceError) setError("since", { type: "server", message: sinceError }, { shouldFocus: true });
    setFormError(result.message);
  });

  return (
    <form noValidate className="grid gap-4" onSubmit={submit}>
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField
        label="Replay events since"
        type="datetime-local"
        min={bounds.min}
        max={bounds.max}
        hint={`Your local time; at most ${REPLAY_MAX_DAYS} days back. Events that match the integration's filters and were not delivered are sent again, oldest first.`}
        error={formState.errors.since?.message}
        {...register("since")}
      />
      <CheckboxField
        label="Also resend events that were already delivered"
        hint="Receivers see the same webhook-id as the first time, so they can skip duplicates."
        {...register("includeDelivered")}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting && <Loader2Icon aria-hidden="true" className="animate-spin" />}
          Replay
        </Button>
      </div>
    </form>
  );
}
