"use client";

import { KeyRoundIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type Ref } from "react";
import { SectionHeading } from "@/components/settings/section-heading";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { Role } from "@/lib/access/permissions";
import type { ApiKeyView } from "@/lib/api-keys/list-api-keys";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

/**
 * The API keys tab: the allowance, "Create API key" (in the heading, or in the empty state) and the
 * keys. The dialog sits outside both, so the reveal survives the refresh that swaps one for the other.
 */
export function ApiKeysPanel({
  workspaceId,
  keys,
  allowance,
  limitHint,
  actorRole,
  now,
  dateBounds,
}: {
  workspaceId: string;
  keys: ApiKeyView[];
  /** "3 of 5 keys on the Starter plan". */
  allowance: string;
  /** Said when the plan's keys are all in use. */
  limitHint: string | null;
  actorRole: Role;
  /** The server's clock, for "3 hours ago". */
  now: number;
  dateBounds: { min: string; max: string };
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const headingButton = useRef<HTMLButtonElement>(null);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setSecret(null); // the key is gone from the page once the dialog closes
  };
  return (
    <section className="grid grid-cols-1 gap-4">
      <SectionHeading
        title="API keys"
        description={allowance}
        actions={keys.length > 0 ? <CreateKeyButton ref={headingButton} onClick={() => setOpen(true)} /> : null}
      />
      {limitHint && (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {limitHint} To create another, revoke a key you no longer need or upgrade the plan on the{" "}
          <Link href={`/w/${workspaceId}/settings/billing`} className="font-medium underline underline-offset-4">
            Billing tab
          </Link>
          .
        </p>
      )}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">
          <p>
            Keys let your CI, scripts and services call the API for this workspace — read settings, report usage,
            publish alerts — without a person signing in.
          </p>
          <div className="mt-4 flex justify-center">
            <CreateKeyButton onClick={() => setOpen(true)} />
          </div>
        </EmptyState>
      ) : (
        <ApiKeysTable workspaceId={workspaceId} keys={keys} now={now} />
      )}
      <p className="flex items-start gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <KeyRoundIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <span>
          Send a key as <code className="font-mono break-all">Authorization: Bearer obs_live_…</code>. A key can do no
          more than its scopes allow, nor more than the role of the person who created it.
        </span>
      </p>
      <CreateApiKeyDialog
        open={open}
        secret={secret}
        onOpenChange={onOpenChange}
        onCreated={(created) => {
          setSecret(created);
          router.refresh();
        }}
        onCloseFocus={() => (headingButton.current?.isConnected ? headingButton.current : null)}
        workspaceId={workspaceId}
        actorRole={actorRole}
        dateBounds={dateBounds}
      />
    </section>
  );
}

function CreateKeyButton({ ref, onClick }: { ref?: Ref<HTMLButtonElement>; onClick: () => void }) {
  return (
    <Button ref={ref} onClick={onClick}>
      <PlusIcon aria-hidden="true" />
      Create API key
    </Button>
  );
}
