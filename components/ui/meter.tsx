const number = new Intl.NumberFormat("en-US");

/** A labelled usage meter (role progressbar); `limit` null means unlimited. */
export function Meter({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const percent = limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  const tone = percent >= 100 ? "bg-red-500" : percent >= 80 ? "bg-amber-500" : "bg-brand-500";
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-zinc-600 tabular-nums dark:text-zinc-400">
          {number.format(used)} {limit === null ? "· unlimited" : `of ${number.format(limit)} (${percent}%)`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit ?? undefined}
        aria-valuenow={used}
        aria-valuetext={
          limit === null
            ? `${number.format(used)}, unlimited`
            : `${number.format(used)} of ${number.format(limit)} (${percent}%)`
        }
        className="mt-2 h-2 rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${limit === null ? 0 : percent}%` }} />
      </div>
    </div>
  );
}
