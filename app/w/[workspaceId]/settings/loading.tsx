export default function SettingsLoading() {
  return (
    <div aria-busy="true" className="grid gap-3">
      <p className="sr-only">Loading…</p>
      <div className="h-6 w-48 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-40 animate-pulse rounded-xl bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
