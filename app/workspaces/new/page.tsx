import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { requireCurrentUser } from "@/lib/access/current-user";
import { systemDb } from "@/lib/db/prisma";
import { listMyWorkspaces } from "@/lib/workspaces/list-my-workspaces";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function NewWorkspacePage() {
  const user = await requireCurrentUser("/workspaces/new");
  const workspaces = await listMyWorkspaces(systemDb(), user.id);
  return (
    <AuthCard title={workspaces.length ? "Create a workspace" : "Create your first workspace"}>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        {workspaces.length
          ? "You will be its owner, on the free plan."
          : "You are not a member of any workspace yet. Create one (you will be its owner, on the free plan), or open an invitation link you received."}
      </p>
      <CreateWorkspaceForm />
      {workspaces.length > 0 && (
        <p className="mt-6 text-sm">
          <Link className="underline" href="/">
            Back to your workspaces
          </Link>
        </p>
      )}
    </AuthCard>
  );
}
