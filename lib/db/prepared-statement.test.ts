import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../testing/require-database";
import { createPool } from "./pools";
import { preparedQuery } from "./prepared-statement";

const pool = createPool(testDatabaseUrl);
afterAll(() => pool.end());

describe("preparedQuery", () => {
  it("names a statement after its text when on, so one text is one prepared statement", () => {
    const a = preparedQuery("SELECT $1::int", [1], "on");
    expect(a.name).toMatch(/^read_[0-9a-f]{24}$/);
    expect(preparedQuery("SELECT $1::int", [2], "on").name).toBe(a.name);
    expect(preparedQuery("SELECT $1::int + 1", [2], "on").name).not.toBe(a.name);
  });

  it("sends it unnamed when off (for poolers that cannot keep prepared statements)", () => {
    expect(preparedQuery("SELECT 1", [], "off")).toEqual({ text: "SELECT 1", values: [] });
  });

  it("a prepared read is reused on its connection and answers with each call's values", async () => {
    const client = await pool.connect();
    try {
      const first = await client.query<{ n: number }>(preparedQuery("SELECT $1::int AS n", [1], "on"));
      const second = await client.query<{ n: number }>(preparedQuery("SELECT $1::int AS n", [2], "on"));
      expect([first.rows[0]!.n, second.rows[0]!.n]).toEqual([1, 2]);
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'read_%'",
      );
      expect(rows[0].n).toBe(1);
    } finally {
      client.release();
    }
  });
});
