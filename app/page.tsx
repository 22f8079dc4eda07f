import { WorkspaceCard } from "@/components/workspaces/workspace-card";
import { systemDb } from "@/lib/db/prisma";
import { listWorkspaceOverviews } from "@/lib/workspaces/workspace-overview";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const workspaces = await listWorkspaceOverviews(systemDb());
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <p className="text-sm font-medium text-brand-600 dark:text-brand-50">Agent Observability</p>
      <h1 className="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">Workspace settings</h1>
      <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
        Team, billing and integrations for each workspace. Sign-in and the settings tabs arrive next; this page shows what
        the database holds.
      </p>
      {workspaces.length === 0 ? (
        <p className="mt-8 rounded-xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No workspaces yet. Run <code className="font-mono">npm run db:seed</code> to load the sample workspace.
        </p>
      ) : (
        <ul className="mt-8 grid gap-4" aria-label="Workspaces">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <WorkspaceCard workspace={workspace} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
