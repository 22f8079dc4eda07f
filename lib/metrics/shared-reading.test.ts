// The database readings of a scrape: one query for all the gauges that ask at once, a failure
// that leaves the scrape standing, and a statement timeout the database enforces.
import { describe, expect, it } from "vitest";
import { Prisma } from "../generated/prisma/client";
import { READING_TIMEOUT_MS, readWithTimeout, sharedReading } from "./database-reading";

describe("sharedReading", () => {
  it("gauges asking at once share one read; a later scrape reads again", async () => {
    let reads = 0;
    const read = sharedReading("test", async () => ++reads);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(await read()).toBe(2);
  });

  it("a failed read is null (the scrape still answers), and the next one tries again", async () => {
    let fail = true;
    const read = sharedReading("test", async () => {
      if (fail) throw Object.assign(new Error("relation does not exist"), { code: "42P01" });
      return "ok";
    });
    expect(await read()).toBeNull();
    fail = false;
    expect(await read()).toBe("ok");
  });
});

describe("readWithTimeout (real PostgreSQL)", () => {
  it("answers a quick query", async () => {
    expect(await readWithTimeout<{ n: number }>(Prisma.sql`SELECT 1::int AS n`)).toEqual([{ n: 1 }]);
  });

  it("the database cancels a query that runs past the timeout", async () => {
    const started = Date.now();
    await expect(readWithTimeout(Prisma.sql`SELECT pg_sleep(${(READING_TIMEOUT_MS + 3000) / 1000})`)).rejects.toThrow(
      /statement timeout/,
    );
    expect(Date.now() - started).toBeLessThan(READING_TIMEOUT_MS + 2500);
  });
});
