import type { Metadata } from "next";
import { IntegrationList } from "@/components/integrations/integration-list";
import { SectionHeading } from "@/components/settings/section-heading";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { integrationsRead } from "@/lib/integrations/list-integrations";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const load = await loadWorkspacePage(
    workspaceId,
    "workspace:read",
    `/w/${workspaceId}/settings/integrations`,
    integrationsRead,
  );
  if (!load.allowed) return null; // every role may see integrations
  return (
    <section className="grid gap-4">
      <SectionHeading title="Integrations" description="Where alerts, usage and billing events are delivered." />
      {load.data.length === 0 ? (
        <EmptyState title="No integrations yet">Events are not delivered anywhere outside the platform.</EmptyState>
      ) : (
        <IntegrationList integrations={load.data} />
      )}
    </section>
  );
}
