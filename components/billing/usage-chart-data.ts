/** One day of the chart: recorded traces, or (after today) the forecast at this period's daily rate. */
export interface ChartDay {
  day: string;
  traces: number | null;
  forecast: number | null;
}

/**
 * Every UTC day of the period: recorded days carry their traces, days after today the forecast's
 * daily rate — what the month-end forecast adds to this period's count, spread over the days left
 * (drawn dashed). Today carries both, so the lines meet.
 */
export function chartDaysOf(
  dailyUsage: { day: string; traces: number }[],
  periodStart: string,
  periodEnd: string,
  now: number,
  counted: { used: number; forecast: number },
): ChartDay[] {
  const recorded = new Map(dailyUsage.map((d) => [d.day, d.traces]));
  const first = Date.UTC(...ymd(periodStart));
  const last = new Date(periodEnd).getTime() - 1;
  const today = Date.UTC(...ymd(new Date(now).toISOString()));
  const daysLeft = Math.max(1, (last + 1 - now) / 86_400_000);
  const rate = Math.max(0, Math.round((counted.forecast - counted.used) / daysLeft));
  const days: ChartDay[] = [];
  for (let t = first; t <= last && days.length < 62; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const past = t <= today;
    days.push({
      day,
      traces: past ? (recorded.get(day) ?? 0) : null,
      forecast: t >= today ? (t === today ? (recorded.get(day) ?? 0) : rate) : null,
    });
  }
  return days;
}

function ymd(iso: string): [number, number, number] {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}
