import Link from "next/link";
import type { MyWorkspace } from "@/lib/workspaces/list-my-workspaces";

/** A disclosure listing the user's workspaces (native <details>: keyboard and screen readers work as is). */
export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: { id: string; name: string };
  workspaces: MyWorkspace[];
}) {
  return (
    <details className="group relative">
      <summary
        aria-label={`Workspace: ${current.name}. Switch workspace`}
        className="flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-lg px-3 font-semibold hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <span className="max-w-[40vw] truncate sm:max-w-xs">{current.name}</span>
        <span aria-hidden="true" className="text-xs text-zinc-500 group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-72 rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
        <ul aria-label="Your workspaces">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <Link
                href={`/w/${workspace.id}/settings/team`}
                aria-current={workspace.id === current.id ? "true" : undefined}
                className="flex items-center justify-between gap-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-100 aria-[current=true]:font-semibold dark:hover:bg-zinc-800"
              >
                <span className="truncate">{workspace.name}</span>
                <span className="text-xs text-zinc-500">{workspace.role}</span>
              </Link>
            </li>
          ))}
        </ul>
        <Link
          href="/workspaces/new"
          className="mt-1 block rounded-lg border-t border-zinc-200 px-3 py-2 text-sm text-brand-600 hover:bg-zinc-100 dark:border-zinc-800 dark:text-brand-50 dark:hover:bg-zinc-800"
        >
          + Create workspace
        </Link>
      </div>
    </details>
  );
}
