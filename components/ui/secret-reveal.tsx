"use client";

import { CheckIcon, CopyIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A secret shown once (a new API key, a webhook's signing secret): the warning, the whole secret in a
 * read-only field that is focused and selected, and Copy, whose outcome is announced. The secret
 * lives only in props: never in a URL, storage or a toast.
 */
export function SecretReveal({
  secret,
  label,
  noun,
  warning,
}: {
  secret: string;
  /** The field's label, e.g. "Your new API key". */
  label: string;
  /** What it is, lower case, for the Copy button's name and the fallback message: "API key", "signing secret". */
  noun: string;
  warning: string;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [announcement, setAnnouncement] = useState("");
  const copied = announcement === "Copied";

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setAnnouncement(""), 4_000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setAnnouncement("Copied");
    } catch {
      field.current?.focus();
      field.current?.select();
      setAnnouncement(`Your browser did not allow copying: the ${noun} is selected, copy it with Ctrl+C or ⌘C.`);
    }
  }

  return (
    <>
      <p className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
        <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        {warning}
      </p>
      <div className="grid gap-1.5">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id={id}
            ref={field}
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
            className="min-h-10 w-full min-w-0 rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
          />
          <Button variant="secondary" onClick={copy}>
            {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
            Copy<span className="sr-only"> {noun}</span>
          </Button>
        </div>
        <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
          {announcement}
        </p>
      </div>
    </>
  );
}
