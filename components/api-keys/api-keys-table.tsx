"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeApiKey } from "@/lib/api-keys/api-key-server-actions";
import type { ApiKeyView } from "@/lib/api-keys/list-api-keys";
import { shownPrefix } from "./api-key-display";
import { ApiKeyRow } from "./api-key-row";
import "./api-keys-table.css";

/**
 * The workspace's keys (never their secrets) with Revoke per key, which asks first. One markup for
 * every width: api-keys-table.css lays the rows out as cards below 640px.
 */
export function ApiKeysTable({ workspaceId, keys, now }: { workspaceId: string; keys: ApiKeyView[]; now: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);

  function revoke(key: ApiKeyView) {
    startTransition(async () => {
      const result = await revokeApiKey({ workspaceId, keyId: key.id });
      setRevoking(null);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success("API key revoked", { description: `Requests made with “${key.name}” are now refused.` });
      router.refresh();
    });
  }

  return (
    <>
      <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="api-keys-table">
          <caption className="sr-only">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} now={now} busy={pending} onRevoke={() => setRevoking(key)} />
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && !pending && setRevoking(null)}
        title={revoking ? `Revoke ${revoking.name}?` : ""}
        description={
          revoking && (
            <>
              <p>
                The next request made with <code className="font-mono">{shownPrefix(revoking.prefix)}</code> is refused,
                at once. Scripts and services that use it stop working.
              </p>
              <p className="mt-2">This cannot be undone: to reconnect them, create a new key.</p>
            </>
          )
        }
        confirmLabel="Revoke key"
        variant="destructive"
        pending={pending}
        onConfirm={() => revoking && revoke(revoking)}
      />
    </>
  );
}
