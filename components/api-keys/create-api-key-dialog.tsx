"use client";

import { Loader2Icon } from "lucide-react";
import dynamic from "next/dynamic";
import { DialogContent, DialogDescription, DialogRoot, DialogTitle } from "@/components/ui/dialog";
import type { Role } from "@/lib/access/permissions";
import { ApiKeyReveal } from "./api-key-reveal";

// Loaded when the dialog first opens: the form brings the action's schema, whose imports cost
// the page Node polyfills in the browser (lib/api-keys/api-key-schemas.ts → lib/api/cursor.ts).
const CreateApiKeyForm = dynamic(() => import("./create-api-key-form").then((m) => m.CreateApiKeyForm), {
  loading: () => (
    <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
      <Loader2Icon aria-hidden="true" className="size-4 animate-spin" />
      Loading…
    </p>
  ),
});

/**
 * "Create API key", then the one-time reveal of the new key. While the key is shown, a click
 * outside does not close the dialog (it would lose the key); Done, Escape and × do, and drop it.
 */
export function CreateApiKeyDialog({
  open,
  secret,
  onOpenChange,
  onCreated,
  onCloseFocus,
  workspaceId,
  actorRole,
  dateBounds,
}: {
  open: boolean;
  /** The new key while it is revealed; null while the form is shown. */
  secret: string | null;
  onOpenChange: (open: boolean) => void;
  onCreated: (secret: string) => void;
  /** Where focus goes on closing when the button that opened the dialog is gone. */
  onCloseFocus: () => HTMLElement | null;
  workspaceId: string;
  actorRole: Role;
  dateBounds: { min: string; max: string };
}) {
  const keepOpen = (event: Event) => {
    if (secret) event.preventDefault();
  };
  return (
    <DialogRoot open={open} onOpenChange={onOpenChange}>
      <DialogContent
        onPointerDownOutside={keepOpen}
        onInteractOutside={keepOpen}
        onCloseAutoFocus={(event) => {
          const target = onCloseFocus();
          if (!target) return;
          event.preventDefault();
          target.focus();
        }}
      >
        <DialogTitle>{secret ? "API key created" : "Create API key"}</DialogTitle>
        <DialogDescription>
          {secret
            ? "Copy the key now and put it where your script or service reads its secrets."
            : "A key lets a script or service call the API for this workspace, with only the scopes you choose."}
        </DialogDescription>
        <div className="mt-4">
          {secret ? (
            <ApiKeyReveal secret={secret} onDone={() => onOpenChange(false)} />
          ) : (
            <CreateApiKeyForm
              workspaceId={workspaceId}
              actorRole={actorRole}
              dateBounds={dateBounds}
              onCreated={onCreated}
              onCancel={() => onOpenChange(false)}
            />
          )}
        </div>
      </DialogContent>
    </DialogRoot>
  );
}
