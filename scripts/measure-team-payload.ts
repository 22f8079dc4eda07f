// Bytes of the Team page for 25 members: the HTML document (markup and inlined RSC chunks) and
// the RSC navigation payload (the same URL with `RSC: 1`). Needs a build and DATABASE_URL.
//   DATABASE_URL=... npx tsx scripts/measure-team-payload.ts --port 3401 [--save /tmp/team]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createPrismaClient } from "../lib/db/prisma";
import { productionServerEnv } from "./bench/server-process";
import { env } from "../lib/env";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3401" }, save: { type: "string" } },
});
const base = `http://127.0.0.1:${values.port}`;
const db = createPrismaClient(env.DATABASE_URL!);

/** An owner and 24 more members (one deactivated), then 3 pending invitations; `pendingFirst` puts them on page 1. */
async function fixture(pendingFirst: boolean) {
  const tag = randomBytes(4).toString("hex");
  const workspace = await db.workspace.create({ data: { name: `Payload ${tag}`, slug: `payload-${tag}` } });
  await db.billingConfig.create({
    data: {
      workspaceId: workspace.id,
      teamMembersLimit: 100,
      currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
    },
  });
  const owner = await db.user.create({ data: { email: `owner-${tag}@payload.example`, name: "Olga Owner" } });
  const invite = async (i: number) => {
    const user = await db.user.create({ data: { email: `invitee-${tag}-${i}@payload.example` } });
    await db.teamMember.create({
      data: {
        workspaceId: workspace.id,
        userId: user.id,
        role: "member",
        status: "pending",
        invitationExpiresAt: new Date(Date.now() + 7 * 86_400_000),
        invitedBy: owner.id,
      },
    });
  };
  const join = async (userId: string, i: number) =>
    db.teamMember.create({
      data: {
        workspaceId: workspace.id,
        userId,
        role: i === 0 ? "owner" : i < 4 ? "admin" : i < 20 ? "member" : "viewer",
        status: i === 7 ? "inactive" : "active",
        joinedAt: new Date(Date.now() - i * 86_400_000),
        lastActiveAt: i % 3 ? new Date(Date.now() - i * 3_600_000) : null,
        invitedBy: i ? owner.id : null,
      },
    });
  if (pendingFirst) for (let i = 0; i < 3; i++) await invite(i);
  await join(owner.id, 0);
  for (let i = 1; i < 25; i++) {
    const user = await db.user.create({
      data: { email: `person-${tag}-${i}@payload.example`, name: `Person ${i} Example` },
    });
    await join(user.id, i);
  }
  if (!pendingFirst) for (let i = 0; i < 3; i++) await invite(i);
  const session = async (userId: string) => {
    const sessionToken = randomBytes(32).toString("hex");
    await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 86_400_000) } });
    return `authjs.session-token=${sessionToken}`;
  };
  const member = await db.teamMember.findFirstOrThrow({
    where: { workspaceId: workspace.id, role: "member", status: "active" },
  });
  return { workspaceId: workspace.id, owner: await session(owner.id), member: await session(member.userId) };
}

function breakdown(html: string) {
  const scripts = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\(.*?\)<\/script>/gs)].map((m) => m[0]);
  const rsc = scripts.reduce((n, s) => n + Buffer.byteLength(s), 0);
  return { html: Buffer.byteLength(html), inlinedRsc: rsc, markup: Buffer.byteLength(html) - rsc };
}

const server = spawn("node", ["scripts/start-server.mjs", "--hostname", "127.0.0.1", "--port", values.port], {
  env: productionServerEnv(base),
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
try {
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  for (const pendingFirst of [false, true]) {
    const { workspaceId, ...cookies } = await fixture(pendingFirst);
    const url = `${base}/w/${workspaceId}/settings/team`;
    for (const [who, cookie] of Object.entries(cookies)) {
      const html = await (await fetch(url, { headers: { cookie } })).text();
      const rsc = await (await fetch(url, { headers: { cookie, RSC: "1" } })).text();
      const page = pendingFirst ? "22 members + 3 invitations on page 1" : "25 members on page 1";
      console.log(`${page}, as the ${who}`, { ...breakdown(html), rscNavigation: Buffer.byteLength(rsc) });
      const name = `${values.save}-${pendingFirst ? "mixed" : "members"}-${who}`;
      if (values.save) {
        writeFileSync(`${name}.html`, html);
        writeFileSync(`${name}.rsc`, rsc);
      }
    }
  }
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  await db.$disconnect();
}
