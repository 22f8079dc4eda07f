import type { Metadata } from "next";
import { ApiKeysTab } from "@/components/api-keys/api-keys-tab";
import { NoAccess } from "@/components/settings/no-access";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { apiKeysPageRead } from "@/lib/api-keys/list-api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const load = await loadWorkspacePage(
    workspaceId,
    "api_keys:read",
    `/w/${workspaceId}/settings/api-keys`,
    apiKeysPageRead,
  );
  if (!load.allowed) return <NoAccess what="API keys are visible to owners and admins." owner={load.ownerName} />;
  return (
    <ApiKeysTab workspaceId={workspaceId} keys={load.data.keys} allowance={load.data.allowance} actorRole={load.role} />
  );
}
