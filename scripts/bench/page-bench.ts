import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db/prisma";
import { childProcessEnv } from "../../lib/env";
import { serverActionId } from "../server-action-id";
import { runLoad, type LoadResult } from "./load";

export interface PageResult {
  name: string;
  result: LoadResult;
}

/** A workspace with 50 members and a signed-in owner, for the page benchmark. */
async function pageFixture(db: Db): Promise<{ workspaceId: string; cookie: string; memberId: string }> {
  const tag = randomBytes(4).toString("hex");
  const workspace = await db.workspace.create({ data: { name: `Bench pages ${tag}`, slug: `bench-pages-${tag}` } });
  await db.billingConfig.create({
    data: {
      workspaceId: workspace.id,
      planType: "professional",
      teamMembersLimit: 100,
      currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
    },
  });
  const users = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      db.user.create({ data: { email: `page-${tag}-${i}@bench.example`, name: `Member ${i}` } }),
    ),
  );
  const members = [];
  for (const [i, user] of users.entries()) {
    members.push(
      await db.teamMember.create({
        data: {
          workspaceId: workspace.id,
          userId: user.id,
          role: i === 0 ? "owner" : i < 5 ? "admin" : i < 40 ? "member" : "viewer",
          status: "active",
          joinedAt: new Date(),
        },
      }),
    );
  }
  for (let i = 0; i < 3; i++) {
    await db.integrationConfig.create({
      data: { workspaceId: workspace.id, integrationType: "webhook", name: `Hook ${i}`, healthStatus: "healthy" },
    });
  }
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: users[0]!.id, expires: new Date(Date.now() + 86_400_000) } });
  return { workspaceId: workspace.id, cookie: `authjs.session-token=${sessionToken}`, memberId: members[10]!.id };
}

/** Our production server on the benchmark database, then the settings pages and one server action under load. */
export async function runPageBench(
  db: Db,
  databaseUrl: string,
  options: { port: number; concurrency: number; seconds: number },
): Promise<PageResult[]> {
  const fixture = await pageFixture(db);
  const base = `http://127.0.0.1:${options.port}`;
  const server = spawn(
    "node",
    ["scripts/start-server.mjs", "--hostname", "127.0.0.1", "--port", String(options.port)],
    {
      env: childProcessEnv({
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        AUTH_SECRET: randomBytes(32).toString("base64"),
        AUTH_URL: base,
        APP_URL: base,
        INTEGRATION_CREDENTIALS_KEY: randomBytes(32).toString("base64"),
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
      }),
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    },
  );
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const headers = { cookie: fixture.cookie };
    const settings = `${base}/w/${fixture.workspaceId}/settings`;
    const changeRole = serverActionId("lib/team/team-server-actions.ts", "changeRole");
    const targets: [string, () => Promise<Response>][] = [
      ["Team page (50 members)", () => fetch(`${settings}/team`, { headers })],
      ["Billing page", () => fetch(`${settings}/billing`, { headers })],
      ["Integrations page", () => fetch(`${settings}/integrations`, { headers })],
      [
        "Server action changeRole (locks the team)",
        () =>
          fetch(`${settings}/team`, {
            method: "POST",
            headers: {
              ...headers,
              "Next-Action": changeRole,
              "Content-Type": "text/plain;charset=UTF-8",
              Accept: "text/x-component",
            },
            body: JSON.stringify([{ workspaceId: fixture.workspaceId, memberId: fixture.memberId, role: "member" }]),
          }),
      ],
    ];
    const results: PageResult[] = [];
    for (const [name, request] of targets) results.push({ name, result: await runLoad(request, options) });
    return results;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}
