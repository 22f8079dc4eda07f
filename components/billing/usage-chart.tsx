"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { count, shortDay } from "./billing-format";
import { chartDaysOf } from "./usage-chart-data";

const dayLabel = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

/**
 * Daily traces this period (bars) and the month-end forecast (dashed line). The chart takes focus and
 * its arrow keys step through the days (Recharts' accessibility layer); the same numbers are in a
 * table under "Show the numbers".
 */
export function UsageChart({
  dailyUsage,
  periodStart,
  periodEnd,
  now,
  used,
  forecast,
}: {
  dailyUsage: { day: string; traces: number }[];
  periodStart: string;
  periodEnd: string;
  now: number;
  /** This period's count and its month-end forecast (the meter's numbers). */
  used: number;
  forecast: number;
}) {
  const days = chartDaysOf(dailyUsage, periodStart, periodEnd, now, { used, forecast });
  const recorded = days.filter((d) => d.traces !== null);
  return (
    <Card aria-labelledby="daily-heading" className="lg:col-span-2">
      <h2 id="daily-heading" className="text-lg font-semibold">
        Daily traces
      </h2>
      <p id="daily-caption" className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Traces recorded each day (UTC) this period; the dashed line is the forecast to the period&apos;s end at the rate
        so far. Focus the chart and use the arrow keys to read each day.
      </p>
      {recorded.every((d) => !d.traces) ? (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">No traces recorded this period yet.</p>
      ) : null}
      <figure className="mt-4 h-64" aria-labelledby="daily-heading" aria-describedby="daily-caption">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.15} />
            <XAxis
              dataKey="day"
              tickFormatter={dayLabel}
              minTickGap={16}
              tick={{ fontSize: 12, fill: "currentColor" }}
              label={{ value: "Day (UTC)", position: "insideBottom", offset: -2, fontSize: 12, fill: "currentColor" }}
              height={40}
            />
            <YAxis
              tickFormatter={(n: number) => count.format(n)}
              tick={{ fontSize: 12, fill: "currentColor" }}
              width={64}
              label={{ value: "Traces", angle: -90, position: "insideLeft", fontSize: 12, fill: "currentColor" }}
            />
            <Tooltip
              labelFormatter={(day) => dayLabel(String(day))}
              formatter={(value, name) => [count.format(Number(value)), name]}
              contentStyle={{ color: "#18181b" }}
            />
            <Legend />
            <Bar dataKey="traces" name="Traces" fill="#6366f1" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Line
              dataKey="forecast"
              name="Forecast"
              stroke="#d97706"
              strokeDasharray="6 4"
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium">Show the numbers</summary>
        <table className="mt-2 w-full text-left tabular-nums">
          <caption className="sr-only">Traces per day this period</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 font-medium">
                Day
              </th>
              <th scope="col" className="py-1 font-medium">
                Traces
              </th>
            </tr>
          </thead>
          <tbody>
            {recorded.map((d) => (
              <tr key={d.day}>
                <td className="py-0.5">{dayLabel(d.day)}</td>
                <td className="py-0.5">{count.format(d.traces ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}
