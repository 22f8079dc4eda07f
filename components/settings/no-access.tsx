import { EmptyState } from "@/components/ui/empty-state";

/** A tab the viewer's role may not see: what it is for, and who to ask. */
export function NoAccess({ what, owner }: { what: string; owner?: string | null }) {
  return (
    <EmptyState title="You do not have access to this page">
      {what}{" "}
      {owner
        ? `Ask ${owner}, an owner of this workspace, if you need it.`
        : "Ask an owner of this workspace if you need it."}
    </EmptyState>
  );
}
