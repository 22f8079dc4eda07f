// Anchored billing periods (docs/decisions/011-usage-metering.md): pure, literal tables.
import { describe, expect, it } from "vitest";
import { addAnchoredMonths, periodContaining } from "./billing-period";

const utc = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("addAnchoredMonths", () => {
  it("walks a year from the 31st, clamping each month from the anchor (leap February)", () => {
    const anchor = utc("2024-01-31T09:30:15.250Z");
    expect(Array.from({ length: 13 }, (_, k) => iso(addAnchoredMonths(anchor, k)).slice(0, 10))).toEqual([
      "2024-01-31",
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
      "2024-05-31",
      "2024-06-30",
      "2024-07-31",
      "2024-08-31",
      "2024-09-30",
      "2024-10-31",
      "2024-11-30",
      "2024-12-31",
      "2025-01-31",
    ]);
    expect(iso(addAnchoredMonths(anchor, 13))).toBe("2025-02-28T09:30:15.250Z");
  });

  it.each([
    ["2025-01-30T00:00:00.000Z", ["2025-02-28", "2025-03-30", "2025-04-30"]],
    ["2025-01-29T00:00:00.000Z", ["2025-02-28", "2025-03-29", "2025-04-29"]],
    ["2024-01-29T00:00:00.000Z", ["2024-02-29", "2024-03-29", "2024-04-29"]],
    ["2025-02-28T00:00:00.000Z", ["2025-03-28", "2025-04-28", "2025-05-28"]],
    ["2024-12-31T23:59:59.999Z", ["2025-01-31", "2025-02-28", "2025-03-31"]],
  ])("from %s", (anchor, expected) => {
    expect([1, 2, 3].map((k) => iso(addAnchoredMonths(utc(anchor), k)).slice(0, 10))).toEqual(expected);
  });
});

describe("periodContaining", () => {
  const anchor = utc("2025-01-31T09:30:00.000Z");

  it.each([
    ["2025-01-31T09:30:00.000Z", "2025-01-31T09:30:00.000Z", "2025-02-28T09:30:00.000Z"],
    ["2025-02-28T09:29:59.999Z", "2025-01-31T09:30:00.000Z", "2025-02-28T09:30:00.000Z"],
    ["2025-02-28T09:30:00.000Z", "2025-02-28T09:30:00.000Z", "2025-03-31T09:30:00.000Z"],
    ["2025-03-15T00:00:00.000Z", "2025-02-28T09:30:00.000Z", "2025-03-31T09:30:00.000Z"],
    ["2025-03-31T09:30:00.000Z", "2025-03-31T09:30:00.000Z", "2025-04-30T09:30:00.000Z"],
    ["2025-12-31T10:00:00.000Z", "2025-12-31T09:30:00.000Z", "2026-01-31T09:30:00.000Z"],
    ["2028-02-29T12:00:00.000Z", "2028-02-29T09:30:00.000Z", "2028-03-31T09:30:00.000Z"],
  ])("at %s: %s .. %s", (at, start, end) => {
    const period = periodContaining(anchor, utc(at));
    expect([iso(period.start), iso(period.end)]).toEqual([start, end]);
  });

  it("keeps the time of day and is never chained from a clamped date (the 30th after February)", () => {
    const period = periodContaining(utc("2025-01-30T23:15:00.000Z"), utc("2025-03-30T23:14:59.000Z"));
    expect([iso(period.start), iso(period.end)]).toEqual(["2025-02-28T23:15:00.000Z", "2025-03-30T23:15:00.000Z"]);
  });

  it("works before the anchor too (an anchor set in the future)", () => {
    const period = periodContaining(anchor, utc("2024-12-31T09:30:00.000Z"));
    expect([iso(period.start), iso(period.end)]).toEqual(["2024-12-31T09:30:00.000Z", "2025-01-31T09:30:00.000Z"]);
  });
});
