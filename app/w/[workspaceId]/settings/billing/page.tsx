import type { Metadata } from "next";
import { PlanSummary } from "@/components/billing/plan-summary";
import { NoAccess } from "@/components/settings/no-access";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { billingOverviewRead } from "@/lib/billing/billing-overview";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const load = await loadWorkspacePage(
    workspaceId,
    "billing:read",
    `/w/${workspaceId}/settings/billing`,
    billingOverviewRead,
  );
  if (!load.allowed) return <NoAccess what="Billing and usage are visible to owners and admins." />;
  if (!load.data) return <EmptyState title="No billing information">This workspace has no plan yet.</EmptyState>;
  return <PlanSummary billing={load.data} />;
}
