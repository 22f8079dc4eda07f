import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { createPrismaClient, DatabaseNotConfiguredError } from "../db/prisma";
import { checkHealth } from "./check-health";

// A port nothing listens on: the database is unreachable.
const unreachable = createPrismaClient("postgresql://postgres:secret-pw@127.0.0.1:1/nothing");
afterAll(() => unreachable.$disconnect());

describe("GET /api/health", () => {
  it("answers 200 with app and database up", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(body.app.status).toBe("up");
    expect(body.database.status).toBe("up");
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe("checkHealth", () => {
  it("reports 503 when the database is unreachable, without leaking the URL", async () => {
    const { httpStatus, report } = await checkHealth(() => unreachable);
    expect(httpStatus).toBe(503);
    expect(report.status).toBe("degraded");
    expect(report.app.status).toBe("up");
    expect(report.database).toEqual({ status: "down", error: "database unreachable" });
    expect(JSON.stringify(report)).not.toContain("secret-pw");
  });

  it("reports 503 with the reason when no database is configured", async () => {
    const { httpStatus, report } = await checkHealth(() => {
      throw new DatabaseNotConfiguredError();
    });
    expect(httpStatus).toBe(503);
    expect(report.database).toMatchObject({
      status: "down",
      error: expect.stringContaining("DATABASE_URL is not set"),
    });
  });
});
