import { afterAll, describe, expect, it } from "vitest";
import { requestStore } from "../request-store";
import { testDatabaseUrl } from "../testing/require-database";
import { createPool } from "./pools";
import { pipelinedTransaction } from "./pipelined-transaction";

const pool = createPool(testDatabaseUrl, { pipeline: true });
afterAll(() => pool.end());

describe("statement counting (the budgets' instrument)", () => {
  it("counts every statement a request sends, BEGIN and COMMIT included", async () => {
    const store = { peerAddress: "127.0.0.1", statements: 0 };
    await requestStore().run(store, async () => {
      await pool.query("SELECT 1");
      await pipelinedTransaction(pool, [
        { text: "SELECT 2", values: [] },
        { text: "SELECT $1::int", values: [3] },
      ]);
    });
    expect(store.statements).toBe(5);
  });

  it("counts nothing when the server does not count, or outside a request", async () => {
    const store: { peerAddress: string; statements?: number } = { peerAddress: "127.0.0.1" };
    await requestStore().run(store, () => pool.query("SELECT 1"));
    expect(store.statements).toBeUndefined();
    await expect(pool.query("SELECT 1")).resolves.toBeTruthy();
  });

  it("keeps two concurrent requests' counts apart", async () => {
    const a = { peerAddress: "127.0.0.1", statements: 0 };
    const b = { peerAddress: "127.0.0.1", statements: 0 };
    await Promise.all([
      requestStore().run(a, async () => {
        for (let i = 0; i < 3; i++) await pool.query("SELECT 1");
      }),
      requestStore().run(b, () => pool.query("SELECT 1")),
    ]);
    expect([a.statements, b.statements]).toEqual([3, 1]);
  });
});
