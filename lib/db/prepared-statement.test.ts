import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testAdminDatabaseUrl } from "../testing/require-database";
import { preparedQuery, unnamedStatementsOf } from "./prepared-statement";

// Straight to PostgreSQL: a prepared statement lives on one server connection (not through a pooler).
const pool = new pg.Pool({ connectionString: testAdminDatabaseUrl, max: 2 });
const unnamed = new pg.Pool({ connectionString: testAdminDatabaseUrl, max: 1 });
unnamed.on("connect", unnamedStatementsOf);
afterAll(() => Promise.all([pool.end(), unnamed.end()]));

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

  it("with prepared statements off, a pool sends even a library's named statements unnamed", async () => {
    const client = await unnamed.connect();
    try {
      const answer = await client.query<{ n: number }>({
        name: "rlflx-upsert",
        text: "SELECT $1::int AS n",
        values: [7],
      });
      const again = await client.query<{ n: number }>({
        name: "rlflx-upsert",
        text: "SELECT $1::int + 1 AS n",
        values: [7],
      });
      expect([answer.rows[0]!.n, again.rows[0]!.n]).toEqual([7, 8]);
      const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_prepared_statements");
      expect(rows[0].n).toBe(0);
    } finally {
      client.release();
    }
  });
});
