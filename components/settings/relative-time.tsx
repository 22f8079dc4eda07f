const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/**
 * "3 hours ago" / "in 6 days", with the exact time on hover and for assistive tech. `now` (the
 * server's clock, passed down) makes a client component's text the same on the server and in hydration.
 */
export function RelativeTime({ iso, empty = "—", now }: { iso: string | null; empty?: string; now?: number }) {
  if (!iso) return <span className="text-zinc-500 dark:text-zinc-400">{empty}</span>;
  // Rendered on the server once per request, so reading the clock here is intended.
  // eslint-disable-next-line react-hooks/purity
  const diff = new Date(iso).getTime() - (now ?? Date.now());
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? ["minute", 60_000];
  return (
    <time dateTime={iso} title={new Date(iso).toUTCString()}>
      {Math.abs(diff) < 60_000 ? "just now" : rtf.format(Math.round(diff / ms), unit)}
    </time>
  );
}
