"use client";

import { Loader2Icon } from "lucide-react";
import dynamic from "next/dynamic";
import { useId, useState } from "react";
import { DialogContent, DialogDescription, DialogRoot, DialogTitle } from "@/components/ui/dialog";
import { INTEGRATION_TYPES, type IntegrationType } from "@/lib/integrations/integration-types";
import type { IntegrationView } from "@/lib/integrations/list-integrations";
import { CATALOGUE, TypeLogo, typeLabel } from "./integration-catalogue";
import type { SavedIntegration } from "./integration-form";

// Loaded when the dialog first shows a form: react-hook-form and the schemas stay off the page until then.
const IntegrationForm = dynamic(() => import("./integration-form").then((m) => m.IntegrationForm), {
  loading: () => (
    <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
      <Loader2Icon aria-hidden="true" className="size-4 animate-spin" />
      Loading…
    </p>
  ),
});

/**
 * "Add integration" (the catalogue of types, then the type's form) or "Edit <name>" (the form).
 * Closing it drops what was typed.
 */
export function IntegrationFormDialog({
  open,
  onOpenChange,
  workspaceId,
  editing,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  workspaceId: string;
  /** The integration to edit; null to add one. */
  editing: IntegrationView | null;
  onSaved: (saved: SavedIntegration, mode: "create" | "edit") => void;
}) {
  const [chosen, setChosen] = useState<IntegrationType | null>(null);
  const type = (editing?.type as IntegrationType | undefined) ?? chosen;
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) setChosen(null);
  };
  const title = editing ? `Edit ${editing.name}` : chosen ? `Add ${typeLabel(chosen)} integration` : "Add integration";
  const description = editing
    ? `${typeLabel(editing.type)} · ${editing.destination}`
    : chosen
      ? CATALOGUE[chosen].description
      : "Choose where this workspace's events should go.";

  return (
    <DialogRoot open={open} onOpenChange={close}>
      <DialogContent
        className="w-[min(42rem,calc(100vw-2rem))]!"
        // A click outside would lose what was typed; Escape, Cancel and × close it.
        onPointerDownOutside={(event) => type && event.preventDefault()}
        onInteractOutside={(event) => type && event.preventDefault()}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <div className="mt-4">
          {type ? (
            <IntegrationForm
              key={editing?.id ?? type}
              type={type}
              workspaceId={workspaceId}
              current={editing}
              onCancel={() => close(false)}
              onBack={editing ? undefined : () => setChosen(null)}
              onSaved={(saved) => {
                close(false);
                onSaved(saved, editing ? "edit" : "create");
              }}
            />
          ) : (
            <Catalogue onChoose={setChosen} />
          )}
        </div>
      </DialogContent>
    </DialogRoot>
  );
}

function Catalogue({ onChoose }: { onChoose: (type: IntegrationType) => void }) {
  const id = useId();
  return (
    <ul className="grid gap-2 sm:grid-cols-2" aria-label="Integration types">
      {INTEGRATION_TYPES.map((type) => (
        <li key={type}>
          <button
            type="button"
            aria-labelledby={`${id}-${type}`}
            aria-describedby={`${id}-${type}-about`}
            onClick={() => onChoose(type)}
            className="flex h-full w-full items-start gap-3 rounded-xl border border-zinc-200 p-3 text-left hover:border-brand-500 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/60"
          >
            <TypeLogo type={type} />
            <span className="grid gap-0.5">
              <span id={`${id}-${type}`} className="font-medium">
                {CATALOGUE[type].label}
              </span>
              <span id={`${id}-${type}-about`} className="text-sm text-zinc-600 dark:text-zinc-400">
                {CATALOGUE[type].description}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
