import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { readDevMailbox } from "@/lib/email/dev-mailbox";
import { devMailboxVisible } from "@/lib/email/dev-mailbox-access";

export const metadata: Metadata = { title: "Development mailbox" };
export const dynamic = "force-dynamic";

/** Development only (DEV_MAILBOX=1, loopback clients): the emails the app would have sent. */
export default function DevMailboxPage() {
  if (!devMailboxVisible()) notFound();
  const messages = readDevMailbox();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-bold tracking-tight">Development mailbox</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        No SMTP server is configured (EMAIL_SERVER), so outgoing email lands here and in the console. Newest first.
      </p>
      <ul className="mt-6 grid gap-4">
        {messages.length === 0 && (
          <li>
            <EmptyState title="No email yet">Ask for a sign-in link and it appears here.</EmptyState>
          </li>
        )}
        {messages.map((message) => (
          <li key={message.id}>
            <Card>
              <p className="text-xs text-zinc-500">
                {new Date(message.sentAt).toLocaleString("en-US")} · to {message.to}
              </p>
              <h2 className="mt-1 font-semibold">{message.subject}</h2>
              <pre className="mt-3 overflow-x-auto text-sm whitespace-pre-wrap">{linkify(message.text)}</pre>
            </Card>
          </li>
        ))}
      </ul>
    </main>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="font-medium text-brand-600 underline dark:text-brand-50">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
