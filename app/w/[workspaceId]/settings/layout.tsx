import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PastDueBanner } from "@/components/billing/past-due-banner";
import { AccessDeactivated } from "@/components/settings/access-deactivated";
import "@/components/settings/settings-chrome.css";
import { SettingsNav } from "@/components/settings/settings-nav";
import { WorkspaceSwitcher } from "@/components/settings/workspace-switcher";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/access/permissions";
import { settingsContext } from "@/lib/access/settings-context";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  const base = `/w/${workspaceId}/settings`;
  // One statement, shared with the page (React cache): who, their role, this workspace, their workspaces.
  const context = await settingsContext(workspaceId);
  if (context.kind === "signed-out") return children; // the page redirects to sign-in with its own URL
  if (context.kind === "deactivated") return <AccessDeactivated access={context.access} />;
  if (context.kind === "not-found") notFound();
  const { workspace, user, role, workspaces, planStatus } = context;

  const tabs = [
    { href: `${base}/team`, label: "Team" },
    ...(can(role, "billing:read") ? [{ href: `${base}/billing`, label: "Billing" }] : []),
    { href: `${base}/integrations`, label: "Integrations" },
    ...(can(role, "api_keys:read") ? [{ href: `${base}/api-keys`, label: "API keys" }] : []),
    ...(can(role, "audit:read") ? [{ href: `${base}/audit-log`, label: "Audit log" }] : []),
  ];

  return (
    <div className="min-h-dvh">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 sm:px-6">
          <div className="flex items-center gap-2">
            <Link href="/" className="hidden text-sm font-semibold text-brand-600 sm:inline dark:text-brand-50">
              Agent Observability
            </Link>
            <span aria-hidden="true" className="hidden text-zinc-300 sm:inline dark:text-zinc-700">
              /
            </span>
            <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
            <Badge>{role}</Badge>
          </div>
          <div className="flex items-center gap-1">
            <ThemeToggle />
            <span className="hidden max-w-48 truncate px-2 text-sm text-zinc-600 md:inline dark:text-zinc-400">
              {user.email}
            </span>
            <Link
              href="/sign-out"
              className="inline-flex min-h-10 items-center rounded-lg px-3 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              Sign out
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6 sm:px-6 sm:py-8">
        {(planStatus === "past_due" || planStatus === "suspended") && (
          <div className="mb-4">
            <PastDueBanner workspaceId={workspaceId} status={planStatus} isOwner={role === "owner"} />
          </div>
        )}
        <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
        <div className="mt-4">
          <SettingsNav tabs={tabs} />
        </div>
        <div className="mt-6">{children}</div>
      </main>
      <footer className="settings-footer">
        <Link href="/docs/api">API reference</Link>
      </footer>
    </div>
  );
}
