export default function Loading() {
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-10" aria-busy="true">
      <p className="sr-only">Loading…</p>
      <div className="h-8 w-64 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="mt-8 h-32 animate-pulse rounded-xl bg-zinc-200 dark:bg-zinc-800" />
    </main>
  );
}
