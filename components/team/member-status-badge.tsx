import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { MemberView } from "@/lib/team/list-members";

const STATUS_TONE: Record<MemberView["status"], BadgeTone> = { active: "good", pending: "warn", inactive: "neutral" };

export function MemberStatusBadge({ status }: { status: MemberView["status"] }) {
  return <Badge tone={STATUS_TONE[status]}>{status}</Badge>;
}
