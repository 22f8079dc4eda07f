"use client";

import { toast } from "sonner";

/** Copies text (a link) to the clipboard, with a toast either way. */
export function CopyButton({ text, label }: { text: string | (() => Promise<string | null>); label: string }) {
  return (
    <button
      type="button"
      className="inline-flex min-h-9 items-center rounded-lg px-3 text-sm font-medium text-brand-600 hover:bg-zinc-100 dark:text-brand-50 dark:hover:bg-zinc-800"
      onClick={async () => {
        const value = typeof text === "string" ? text : await text();
        if (!value) return;
        try {
          await navigator.clipboard.writeText(value);
          toast.success("Link copied");
        } catch {
          toast.message("Copy this link", { description: value, duration: 30_000 });
        }
      }}
    >
      {label}
    </button>
  );
}
