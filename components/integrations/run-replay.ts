import { toast } from "sonner";
import { replayIntegration } from "@/lib/integrations/integration-server-actions";

/** Runs a replay and reports it in a toast; offers to continue when the limit cut it short. */
export async function runReplay(
  input: { workspaceId: string; integrationId: string; since: string; includeDelivered?: boolean },
  integrationName: string,
): Promise<{ ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> }> {
  const result = await replayIntegration(input);
  if (!result.ok) return result;
  const { requeued, created, truncated, nextSince } = result.data;
  const queued = requeued + created;
  const what = `Queued ${queued.toLocaleString("en-US")} event${queued === 1 ? "" : "s"} for “${integrationName}”`;
  if (truncated && nextSince) {
    toast.success(`${what}. More matched than one replay sends (10,000, oldest first).`, {
      duration: 30_000,
      action: {
        label: "Replay the rest",
        onClick: () => void runReplay({ ...input, since: nextSince }, integrationName),
      },
    });
  } else {
    toast.success(queued === 0 ? `${what}: nothing since then needs sending.` : `${what}.`);
  }
  return { ok: true };
}
