"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { Loader2Icon } from "lucide-react";
import { useRef, type ReactNode } from "react";
import { Button } from "./button";
import { DialogContent, DialogDescription, DialogRoot, DialogTitle } from "./dialog";

/**
 * The alert-dialog pattern: a question, what will happen, Cancel (focused first, the safe
 * choice) and the confirming action. `destructive` paints the action red. Clicking outside
 * does not dismiss it; Escape and Cancel do.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  variant = "default",
  pending = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: "default" | "destructive";
  pending?: boolean;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <DialogRoot open={open} onOpenChange={onOpenChange}>
      <DialogContent
        role="alertdialog"
        showClose={false}
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          cancelRef.current?.focus();
        }}
        onPointerDownOutside={(event) => event.preventDefault()}
        onInteractOutside={(event) => event.preventDefault()}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription asChild>
          <div>{description}</div>
        </DialogDescription>
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogPrimitive.Close asChild>
            <Button ref={cancelRef} variant="secondary">
              Cancel
            </Button>
          </DialogPrimitive.Close>
          <Button
            variant={variant === "destructive" ? "destructive" : "primary"}
            disabled={pending}
            onClick={onConfirm}
          >
            {pending && <Loader2Icon aria-hidden="true" className="animate-spin" />}
            {confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </DialogRoot>
  );
}
