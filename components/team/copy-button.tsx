"use client";

import { CheckIcon, CopyIcon, Loader2Icon } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { copyToClipboard } from "./copy-to-clipboard";

/**
 * "Copy link": copies a link (given, or fetched when clicked), then reads "Copied" for a moment.
 * The visible label stays in the accessible name; `subject` (an address) is added for screen readers.
 */
export function CopyButton({
  text,
  label = "Copy link",
  subject,
}: {
  text: string | (() => Promise<string | null>);
  label?: string;
  subject?: string;
}) {
  const [state, setState] = useState<"idle" | "working" | "copied">("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2_500);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={state === "working"}
      className="text-brand-600 dark:text-brand-50"
      onClick={async () => {
        setState("working");
        const value = typeof text === "string" ? text : await text();
        if (value && (await copyToClipboard(value))) {
          toast.success(subject ? `Link for ${subject} copied` : "Link copied");
          setState("copied");
        } else setState("idle");
      }}
    >
      {state === "copied" ? (
        <CheckIcon aria-hidden="true" />
      ) : state === "working" ? (
        <Loader2Icon aria-hidden="true" className="animate-spin" />
      ) : (
        <CopyIcon aria-hidden="true" />
      )}
      {state === "copied" ? "Copied" : label}
      {subject && <span className="sr-only"> for {subject}</span>}
    </Button>
  );
}
