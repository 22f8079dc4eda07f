"use client";

import { EllipsisIcon, HistoryIcon, KeyRoundIcon, PencilIcon, ScrollTextIcon, Trash2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { IntegrationView } from "@/lib/integrations/list-integrations";

export type IntegrationActionKind = "edit" | "log" | "replay" | "rotate" | "delete";

/** "Actions for <name>": Edit, Delivery log, Replay since…, Rotate signing secret (webhooks), and a red Delete. */
export function IntegrationActionsMenu({
  integration,
  onSelect,
}: {
  integration: Pick<IntegrationView, "name" | "type">;
  onSelect: (kind: IntegrationActionKind) => void;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${integration.name}`}>
          <EllipsisIcon aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => onSelect("edit")}>
          <PencilIcon aria-hidden="true" />
          Edit
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onSelect("log")}>
          <ScrollTextIcon aria-hidden="true" />
          Delivery log
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onSelect("replay")}>
          <HistoryIcon aria-hidden="true" />
          Replay since…
        </DropdownMenuItem>
        {integration.type === "webhook" && (
          <DropdownMenuItem onSelect={() => onSelect("rotate")}>
            <KeyRoundIcon aria-hidden="true" />
            Rotate signing secret
          </DropdownMenuItem>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={() => onSelect("delete")}>
          <Trash2Icon aria-hidden="true" />
          Delete
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
