"use client";

import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { MyWorkspace } from "@/lib/workspaces/list-my-workspaces";

/** The workspace menu in the header: the user's workspaces, and "Create workspace". Arrow keys move, Escape closes. */
export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: { id: string; name: string };
  workspaces: MyWorkspace[];
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Workspace: ${current.name}. Switch workspace`}
        className="flex min-h-10 cursor-pointer items-center gap-2 rounded-lg px-3 font-semibold hover:bg-zinc-100 data-[state=open]:bg-zinc-100 dark:hover:bg-zinc-800 dark:data-[state=open]:bg-zinc-800"
      >
        <span className="max-w-[40vw] truncate sm:max-w-xs">{current.name}</span>
        <ChevronsUpDownIcon aria-hidden="true" className="size-4 text-zinc-500 dark:text-zinc-400" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72 max-w-[calc(100vw-1rem)]">
        <DropdownMenuLabel>Your workspaces</DropdownMenuLabel>
        {workspaces.map((workspace) => (
          <DropdownMenuItem key={workspace.id} asChild>
            <Link
              href={`/w/${workspace.id}/settings/team`}
              aria-current={workspace.id === current.id ? "true" : undefined}
              className="justify-between aria-[current=true]:font-semibold"
            >
              <span className="flex min-w-0 items-center gap-2">
                {workspace.id === current.id ? (
                  <CheckIcon aria-hidden="true" />
                ) : (
                  <span aria-hidden="true" className="size-4" />
                )}
                <span className="truncate">{workspace.name}</span>
              </span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{workspace.role}</span>
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/workspaces/new" className="text-brand-600 dark:text-brand-50">
            <PlusIcon aria-hidden="true" />
            Create workspace
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
