import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createSessionToken, createUser, createWorkspace, db } from "./support/db";

// Issue #10's statement budgets (docs/benchmarks.md): how many SQL statements one request may send,
// counted by our server (`--count-statements`, see playwright.config.ts) on every pooled
// connection the request used. A change that adds a query to a page fails here.
test.skip(({ isMobile }) => isMobile, "request-level: the desktop project runs it once");
test.afterAll(() => db.$disconnect());

const BUDGETS = [
  { name: "Team page", path: (id: string) => `/w/${id}/settings/team`, budget: 6 },
  { name: "Team JSON API", path: (id: string) => `/api/workspaces/${id}/team`, budget: 4 },
  { name: "Billing page", path: (id: string) => `/w/${id}/settings/billing`, budget: 6 },
  { name: "Integrations page", path: (id: string) => `/w/${id}/settings/integrations`, budget: 6 },
  { name: "API keys page", path: (id: string) => `/w/${id}/settings/api-keys`, budget: 6 },
];

/** A workspace as the benchmark has it: 50 members (25 on a page), pending invitations, integrations, usage. */
async function busyWorkspace() {
  const owner = await createUser("budget-owner", "Bea Owner");
  const others = await Promise.all(Array.from({ length: 49 }, (_, i) => createUser(`budget-${i}`, `Member ${i}`)));
  const workspace = await createWorkspace("Statement budgets", [
    { userId: owner.id, role: "owner" },
    ...others.map((user, i) => ({ userId: user.id, role: i < 4 ? ("admin" as const) : ("member" as const) })),
  ]);
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { teamMembersLimit: 100 } });
  for (const i of [1, 2, 3]) {
    const invitee = await createUser(`budget-invitee-${i}`);
    await db.teamMember.create({
      data: {
        workspaceId: workspace.id,
        userId: invitee.id,
        role: "viewer",
        status: "pending",
        invitedBy: owner.id,
        invitationExpiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await db.integrationConfig.create({
      data: { workspaceId: workspace.id, integrationType: "webhook", name: `Hook ${i}`, healthStatus: "healthy" },
    });
    await db.dailyUsage.create({
      data: { workspaceId: workspace.id, day: new Date(Date.now() - i * 86_400_000), traces: 100 * i },
    });
  }
  return { workspace, token: await createSessionToken(owner.id) };
}

async function statementsOf(request: APIRequestContext, response: APIResponse): Promise<number> {
  const requestId = response.headers()["x-request-id"];
  expect(requestId, "the response names its request").toBeTruthy();
  const counted = await request.get(`/__statements/${requestId}`);
  expect(counted.status(), "our server counted this request").toBe(200);
  return ((await counted.json()) as { statements: number }).statements;
}

test("each page and the Team JSON API stay within their SQL statement budgets", async ({ request }) => {
  const { workspace, token } = await busyWorkspace();
  const headers = { Cookie: `authjs.session-token=${token}` };
  for (const { name, path, budget } of BUDGETS) {
    await request.get(path(workspace.id), { headers }); // warm: compiled routes, pooled connections
    const response = await request.get(path(workspace.id), { headers });
    expect(response.status(), name).toBe(200);
    const statements = await statementsOf(request, response);
    // At least the opening statement and the read itself, inside BEGIN … COMMIT: proves counting works.
    expect(statements, `${name}: statements counted`).toBeGreaterThanOrEqual(4);
    expect(statements, `${name}: at most ${budget} SQL statements`).toBeLessThanOrEqual(budget);
  }
  // The pages really showed the workspace's data (budgets met by reading everything, not by reading less).
  const team = await request.get(BUDGETS[0]!.path(workspace.id), { headers });
  const html = await team.text();
  expect(html).toContain("Member 23");
  expect(html).toContain("53 of 100 seats used");
  const api = (await (await request.get(BUDGETS[1]!.path(workspace.id), { headers })).json()) as {
    data: { total: number; members: unknown[] };
  };
  expect(api.data.total).toBe(53);
  expect(api.data.members).toHaveLength(25);
});

test("a refused request is counted too, and costs no more than a served one", async ({ request }) => {
  const { workspace } = await busyWorkspace();
  const stranger = await createUser("budget-stranger");
  const headers = { Cookie: `authjs.session-token=${await createSessionToken(stranger.id)}` };
  await request.get(`/api/workspaces/${workspace.id}/team`, { headers });
  const refused = await request.get(`/api/workspaces/${workspace.id}/team`, { headers });
  expect(refused.status()).toBe(404);
  expect(await statementsOf(request, refused)).toBeLessThanOrEqual(4);
});
