import type { Metadata } from "next";
import { Suspense } from "react";
import { BillingTab } from "@/components/billing/billing-tab";
import { NoAccess } from "@/components/settings/no-access";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { can } from "@/lib/access/permissions";
import { billingOverviewRead } from "@/lib/billing/billing-overview";
import { currentStripeSettings, paymentsOffMessage } from "@/lib/stripe/stripe-settings";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const load = await loadWorkspacePage(
    workspaceId,
    "billing:read",
    `/w/${workspaceId}/settings/billing`,
    billingOverviewRead,
  );
  if (!load.allowed)
    return <NoAccess what="Billing and usage are visible to owners and admins." owner={load.ownerName} />;
  if (!load.data) return <EmptyState title="No billing information">This workspace has no plan yet.</EmptyState>;
  return (
    <Suspense>
      <BillingTab
        workspaceId={workspaceId}
        initial={load.data}
        canManage={can(load.role, "billing:manage")}
        paymentsOffMessage={currentStripeSettings() ? null : paymentsOffMessage()}
        // eslint-disable-next-line react-hooks/purity -- the server's clock, read once per render for "in N days"
        serverNow={Date.now()}
      />
    </Suspense>
  );
}
