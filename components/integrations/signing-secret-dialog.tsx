"use client";

import { Button } from "@/components/ui/button";
import { DialogContent, DialogDescription, DialogRoot, DialogTitle } from "@/components/ui/dialog";
import { SecretReveal } from "@/components/ui/secret-reveal";

export interface RevealedSecret {
  integrationName: string;
  secret: string;
  /** After a rotation: until when the previous secret signs too. */
  previousValidUntil?: string;
}

/**
 * The one time a webhook's signing secret is shown (on creation and on rotation): the secret in a
 * read-only field, Copy (announced), how receivers verify it, Done. The secret lives only in this
 * component's props: never in a URL, storage or a toast. A click outside does not close it.
 */
export function SigningSecretDialog({ revealed, onDone }: { revealed: RevealedSecret | null; onDone: () => void }) {
  return (
    <DialogRoot open={revealed !== null} onOpenChange={(open) => !open && onDone()}>
      <DialogContent
        onPointerDownOutside={(event) => event.preventDefault()}
        onInteractOutside={(event) => event.preventDefault()}
      >
        <DialogTitle>Signing secret</DialogTitle>
        <DialogDescription>
          {revealed?.previousValidUntil
            ? `A new signing secret for “${revealed.integrationName}”.`
            : `“${revealed?.integrationName}” signs every request with this secret.`}
        </DialogDescription>
        <div className="mt-4">{revealed && <Reveal revealed={revealed} onDone={onDone} />}</div>
      </DialogContent>
    </DialogRoot>
  );
}

function Reveal({ revealed, onDone }: { revealed: RevealedSecret; onDone: () => void }) {
  const until = revealed.previousValidUntil ? new Date(revealed.previousValidUntil) : null;
  return (
    <div className="grid gap-4">
      <SecretReveal
        secret={revealed.secret}
        label="Signing secret"
        noun="signing secret"
        warning="Copy it now: you will not see it again. Store it where your receiver reads its secrets."
      />
      {until && (
        <p className="text-sm">
          The previous secret keeps signing too until{" "}
          <time dateTime={revealed.previousValidUntil}>{until.toLocaleString("en-US")}</time> (24 hours): each request
          carries both signatures, so update your receiver before then.
        </p>
      )}
      <div className="grid gap-1 text-sm text-zinc-600 dark:text-zinc-400">
        <p>
          Requests follow{" "}
          <a
            href="https://www.standardwebhooks.com/"
            target="_blank"
            rel="noreferrer"
            className="font-medium text-brand-600 underline underline-offset-4 dark:text-brand-50"
          >
            Standard Webhooks
          </a>
          : they carry <code className="font-mono text-xs">webhook-id</code>,{" "}
          <code className="font-mono text-xs">webhook-timestamp</code> and{" "}
          <code className="font-mono text-xs">webhook-signature</code> (<code className="font-mono text-xs">v1,</code> +
          base64 HMAC-SHA256 of <code className="font-mono text-xs">id.timestamp.body</code>).
        </p>
        <p>
          Verify them with a Standard Webhooks library (for Node.js,{" "}
          <code className="font-mono text-xs">new Webhook(secret).verify(body, headers)</code> from{" "}
          <code className="font-mono text-xs">standardwebhooks</code>), and refuse timestamps older than 5 minutes.
        </p>
      </div>
      <Button onClick={onDone}>Done</Button>
    </div>
  );
}
