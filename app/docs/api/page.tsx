import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/api-docs/api-reference";
import { API_TITLE } from "@/lib/api/openapi/document-description";

export const metadata: Metadata = {
  title: "API reference",
  description: `${API_TITLE}: every endpoint, its access rules, request and response shapes, and errors.`,
};

/** Public: the reference documents the API; calling it still needs a session or an API key. */
export default function ApiReferencePage() {
  return (
    // Not a <main>: the reference renders its own.
    <div id="main">
      <header className="mx-auto max-w-5xl px-4 pt-8 pb-4">
        <Link href="/" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-50">
          ← Back to settings
        </Link>
        <h1 className="mt-3 text-2xl font-semibold tracking-tight">API reference</h1>
        <p className="mt-2 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Manage your workspace&apos;s team, billing, integrations and API keys from scripts, and report usage and
          alerts from your services. Call the API signed in (your browser session) or with an API key:{" "}
          <code>Authorization: Bearer obs_live_…</code>. Owners and admins create keys in the workspace&apos;s settings.
          The machine-readable OpenAPI 3.1 document is at{" "}
          <a className="underline" href="/api/openapi.json">
            /api/openapi.json
          </a>
          .
        </p>
      </header>
      <ApiReference />
    </div>
  );
}
