"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/errors";

/**
 * Runs a team server action in a transition: an optional optimistic update first, then the
 * server's answer — success shows `success` (a message, or a function that reports itself)
 * and refreshes the page's data; a failure shows the server's message (the optimistic update
 * is undone when the transition ends).
 */
export function useTeamAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function run<T>(
    action: () => Promise<ActionResult<T>>,
    { optimistic, success }: { optimistic?: () => void; success: string | ((data: T) => void) },
  ) {
    startTransition(async () => {
      optimistic?.();
      const result = await action();
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      if (typeof success === "string") toast.success(success);
      else success(result.data);
      router.refresh();
    });
  }

  return { run, pending };
}
