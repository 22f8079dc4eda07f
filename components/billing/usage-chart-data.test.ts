import { describe, expect, it } from "vitest";
import { chartDaysOf } from "./usage-chart-data";
import { forecastOf, projectedBillOf } from "@/lib/billing/billing-overview";

describe("the usage chart's days", () => {
  const start = "2027-03-01T00:00:00.000Z";
  const end = "2027-03-05T00:00:00.000Z";
  const now = Date.parse("2027-03-03T12:00:00Z");

  it("has every day of the period: recorded up to today, the forecast's daily rate after it", () => {
    const days = chartDaysOf(
      [
        { day: "2027-03-01", traces: 30 },
        { day: "2027-03-03", traces: 60 },
      ],
      start,
      end,
      now,
      // 90 counted, 135 forecast: 45 more over the 1.5 days left.
      { used: 90, forecast: 135 },
    );
    expect(days).toEqual([
      { day: "2027-03-01", traces: 30, forecast: null },
      { day: "2027-03-02", traces: 0, forecast: null },
      { day: "2027-03-03", traces: 60, forecast: 60 },
      { day: "2027-03-04", traces: null, forecast: 30 },
    ]);
  });

  it("draws no forecast above zero when nothing more is expected", () => {
    const days = chartDaysOf([{ day: "2027-03-03", traces: 500 }], start, end, now, { used: 0, forecast: 0 });
    expect(days.at(-1)).toEqual({ day: "2027-03-04", traces: null, forecast: 0 });
  });
});

describe("the forecast and projected bill", () => {
  const start = new Date("2027-03-01T00:00:00Z");
  const end = new Date("2027-03-31T00:00:00Z");

  it("extends this period's rate to its end, never below what is used", () => {
    expect(forecastOf(1000, start, end, new Date("2027-03-11T00:00:00Z"))).toBe(3000);
    expect(forecastOf(1000, start, end, new Date("2027-03-01T00:10:00Z"))).toBe(1000);
    expect(forecastOf(1000, start, end, new Date("2027-05-01T00:00:00Z"))).toBe(1000);
  });

  it("adds overage at the plan's rate only past the limit", () => {
    expect(projectedBillOf(49, 150_000, 100_000, 0.5)).toBe(74);
    expect(projectedBillOf(49, 90_000, 100_000, 0.5)).toBe(49);
    expect(projectedBillOf(0, 20_000, 10_000, null)).toBe(0);
  });
});
