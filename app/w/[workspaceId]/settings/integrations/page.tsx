import type { Metadata } from "next";
import { IntegrationsPanel } from "@/components/integrations/integrations-panel";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { can } from "@/lib/access/permissions";
import { integrationsPageRead } from "./integrations-page-read";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const load = await loadWorkspacePage(
    workspaceId,
    "workspace:read",
    `/w/${workspaceId}/settings/integrations`,
    integrationsPageRead,
  );
  if (!load.allowed) return null; // every role may see integrations
  const ownerNames = load.data.owners.map((owner) => owner.name);
  return (
    <IntegrationsPanel
      workspaceId={workspaceId}
      integrations={load.data.integrations}
      canManage={can(load.role, "integrations:manage")}
      askOwner={ownerNames.length ? `Ask ${ownerNames.slice(0, 2).join(" or ")}.` : "Ask an owner of this workspace."}
      // eslint-disable-next-line react-hooks/purity -- the server's clock, read once per render for "3 minutes ago"
      now={Date.now()}
    />
  );
}
