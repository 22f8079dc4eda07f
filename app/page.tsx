import { redirect } from "next/navigation";
import { requireCurrentUser } from "@/lib/access/current-user";
import { systemDb } from "@/lib/db/prisma";
import { listMyWorkspaces } from "@/lib/workspaces/list-my-workspaces";

export const dynamic = "force-dynamic";

/** Signed out → sign in; no workspace → create one; else the first workspace's settings. */
export default async function HomePage() {
  const user = await requireCurrentUser("/");
  const [first] = await listMyWorkspaces(systemDb(), user.id);
  redirect(first ? `/w/${first.id}/settings/team` : "/workspaces/new");
}
