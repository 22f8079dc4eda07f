import { EmptyState } from "@/components/ui/empty-state";

export function NoAccess({ what }: { what: string }) {
  return (
    <EmptyState title="You do not have access to this page">
      {what} Ask an owner of this workspace if you need it.
    </EmptyState>
  );
}
