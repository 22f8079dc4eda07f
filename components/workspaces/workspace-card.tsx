import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { WorkspaceOverview } from "@/lib/workspaces/workspace-overview";

const number = new Intl.NumberFormat("en-US");

export function WorkspaceCard({ workspace }: { workspace: WorkspaceOverview }) {
  const percent = workspace.tracesLimit ? Math.min(100, Math.round((workspace.tracesUsed / workspace.tracesLimit) * 100)) : null;
  return (
    <Card aria-labelledby={`ws-${workspace.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`ws-${workspace.id}`} className="text-lg font-semibold">
          {workspace.name}
        </h2>
        {workspace.planType && <Badge tone="good">{workspace.planType}</Badge>}
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Team</dt>
          <dd className="mt-1 font-medium">
            {workspace.activeMembers} active · {workspace.pendingInvitations} pending
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Traces this month</dt>
          <dd className="mt-1 font-medium">
            {number.format(workspace.tracesUsed)}
            {workspace.tracesLimit !== null && ` of ${number.format(workspace.tracesLimit)}`}
          </dd>
          {percent !== null && (
            <div
              role="progressbar"
              aria-label="Traces"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="mt-2 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800"
            >
              <div className="h-full rounded-full bg-brand-500" style={{ width: `${percent}%` }} />
            </div>
          )}
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Integrations</dt>
          <dd className="mt-1 font-medium">
            {workspace.enabledIntegrations} of {workspace.integrations} enabled
          </dd>
        </div>
      </dl>
    </Card>
  );
}
