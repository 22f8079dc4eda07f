"use client";

import { Button } from "@/components/ui/button";
import { SecretReveal } from "@/components/ui/secret-reveal";

/**
 * The one time a new key is shown: the whole key in a read-only field, Copy (announced), the
 * warning and Done. The key lives only in this component's props: never in a URL, storage or a toast.
 */
export function ApiKeyReveal({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="grid gap-4">
      <SecretReveal
        secret={secret}
        label="Your new API key"
        noun="API key"
        warning="This is the only time the key is shown. Store it somewhere safe."
      />
      <Button onClick={onDone}>Done</Button>
    </div>
  );
}
