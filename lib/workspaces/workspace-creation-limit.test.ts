// Creating workspaces: 10 per person per day and 30 per network address per day; a refusal creates
// nothing and costs nothing (real PostgreSQL).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../access/request-context";
import { rateLimiter } from "../rate-limit/rate-limiter";
import { WORKSPACES_PER_IP_PER_DAY, WORKSPACES_PER_USER_PER_DAY } from "../rate-limit/workspace-creation-limits";
import { createSession } from "../testing/fixtures";
import { createTestUser, testPrisma } from "../testing/test-db";
import { createWorkspaceAction } from "./workspace-action-definitions";

const db = testPrisma();
afterAll(() => db.$disconnect());

/** A documentation-range (2001:db8::/32) address of this test run's own: the per-IP budget lasts a day. */
const uniqueIp = () => `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::1`;

async function signedInUser(label: string) {
  const user = await createTestUser(db, label);
  return { ...user, token: await createSession(db, user.id) };
}

const context = (token: string, ip: string | null): RequestContext => ({
  sessionToken: token,
  ip,
  userAgent: "vitest",
});
const ownerships = (userId: string) => db.teamMember.count({ where: { userId, role: "owner" } });

describe("per person", () => {
  it("10 workspaces a day, the 11th is refused with a clear message and creates nothing", async () => {
    expect(WORKSPACES_PER_USER_PER_DAY).toBe(10);
    const user = await signedInUser("creator");
    for (let i = 1; i <= 10; i++) {
      const result = await createWorkspaceAction.run(context(user.token, null), { name: `Limit ${i}` });
      expect(result, `workspace ${i}`).toMatchObject({ ok: true });
    }
    expect(await ownerships(user.id)).toBe(10);

    const refused = await createWorkspaceAction.run(context(user.token, null), { name: "Limit 11" });
    expect(refused).toMatchObject({ ok: false, code: "rate_limited" });
    if (refused.ok) throw new Error("unreachable");
    expect(refused.message).toMatch(
      /^You have created the most workspaces allowed for now\. Try again in \d+ (hours|minutes?)\.$/,
    );
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(86_400);
    expect(await ownerships(user.id)).toBe(10);
    expect(await db.workspace.count({ where: { name: "Limit 11", teamMembers: { some: { userId: user.id } } } })).toBe(
      0,
    );
    const budget = await rateLimiter("workspace_user", WORKSPACES_PER_USER_PER_DAY, 86_400).get(user.id);
    expect(budget?.consumedPoints).toBe(10);
  });

  it("invalid input costs no budget", async () => {
    const user = await signedInUser("creator-invalid");
    const invalid = await createWorkspaceAction.run(context(user.token, null), { name: "x" });
    expect(invalid).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await rateLimiter("workspace_user", WORKSPACES_PER_USER_PER_DAY, 86_400).get(user.id)).toBeNull();
  });
});

describe("per network address", () => {
  it("30 a day from one address across people; the 31st is refused, creates nothing, and costs its person nothing", async () => {
    expect(WORKSPACES_PER_IP_PER_DAY).toBe(30);
    const ip = uniqueIp();
    const users = [await signedInUser("ip-a"), await signedInUser("ip-b"), await signedInUser("ip-c")];
    for (const user of users) {
      for (let i = 1; i <= 10; i++) {
        const result = await createWorkspaceAction.run(context(user.token, ip), { name: `From one address ${i}` });
        expect(result, `${user.email} #${i}`).toMatchObject({ ok: true });
      }
    }
    const fourth = await signedInUser("ip-d");
    const refused = await createWorkspaceAction.run(context(fourth.token, ip), { name: "One too many" });
    expect(refused).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await ownerships(fourth.id)).toBe(0);
    expect((await rateLimiter("workspace_ip", WORKSPACES_PER_IP_PER_DAY, 86_400).get(ip))?.consumedPoints).toBe(30);
    expect(
      (await rateLimiter("workspace_user", WORKSPACES_PER_USER_PER_DAY, 86_400).get(fourth.id))?.consumedPoints ?? 0,
    ).toBe(0);

    // The same person from another address (or an unknown one) still can.
    expect(await createWorkspaceAction.run(context(fourth.token, uniqueIp()), { name: "Elsewhere" })).toMatchObject({
      ok: true,
    });
    expect(await createWorkspaceAction.run(context(fourth.token, null), { name: "Unknown address" })).toMatchObject({
      ok: true,
    });
    expect(await ownerships(fourth.id)).toBe(2);
  });
});

describe("a failed creation", () => {
  it("gives back the budgets it took", async () => {
    const user = await signedInUser("creator-failed");
    // An address longer than audit_log.ip_address (varchar 64) makes the creation's audit insert fail after
    // the budgets were taken (as a deadlock or lost connection would).
    const ip = `${uniqueIp()}-${"x".repeat(60)}`;
    const failed = await createWorkspaceAction.run(context(user.token, ip), { name: "Will fail" });
    expect(failed).toMatchObject({ ok: false, code: "internal" });
    expect(await ownerships(user.id)).toBe(0);
    expect(
      (await rateLimiter("workspace_user", WORKSPACES_PER_USER_PER_DAY, 86_400).get(user.id))?.consumedPoints ?? 0,
    ).toBe(0);
    expect((await rateLimiter("workspace_ip", WORKSPACES_PER_IP_PER_DAY, 86_400).get(ip))?.consumedPoints ?? 0).toBe(0);
  });
});
