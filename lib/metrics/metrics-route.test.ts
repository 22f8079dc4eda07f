// GET /api/metrics scraped as Prometheus does, against real PostgreSQL: the token gate, then each
// metric moving when the thing it counts happens (a REST call through a real route handler, a server
// action, an API key over its rate limit, Stripe webhooks, a pg-boss job, delivery attempts).
import { randomUUID } from "node:crypto";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bearerRequest, createTestApiKey } from "../testing/api-key-fixtures";
import { createRoleWorkspace, httpRequest, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { testDatabaseUrl } from "../testing/require-database";
import { stripeEvent, webhookRequest } from "../testing/stripe-fixtures";
import { testPrisma } from "../testing/test-db";
import { parsePrometheusText, sampleValue, type Sample } from "./prometheus-text";

const db = testPrisma();
const TOKEN = "test-metrics-token-7f3a9c1e5b2d";
const TEAM_ROUTE = "/api/workspaces/[workspaceId]/team";

type MetricsRoute = typeof import("../../app/api/metrics/route");
let withoutToken: MetricsRoute;
let metrics: MetricsRoute;
let team: typeof import("../../app/api/workspaces/[workspaceId]/team/route");
let stripeWebhook: typeof import("../../app/api/webhooks/stripe/route");
let teamActions: typeof import("../team/team-action-definitions");
let ws: RoleWorkspace;

beforeAll(async () => {
  // lib/env.ts reads the environment once, at import: each stub is followed by fresh imports.
  vi.stubEnv("METRICS_TOKEN", "");
  vi.resetModules();
  withoutToken = await import("../../app/api/metrics/route");
  vi.stubEnv("METRICS_TOKEN", TOKEN);
  vi.stubEnv("API_KEY_REQUESTS_PER_MINUTE", "2");
  vi.resetModules();
  metrics = await import("../../app/api/metrics/route");
  team = await import("../../app/api/workspaces/[workspaceId]/team/route");
  stripeWebhook = await import("../../app/api/webhooks/stripe/route");
  teamActions = await import("../team/team-action-definitions");
  ws = await createRoleWorkspace(db, "metrics");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.resetModules();
  await db.$disconnect();
});

const metricsRequest = (authorization?: string) =>
  new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} });

async function scrape(): Promise<Sample[]> {
  const response = await metrics.GET(metricsRequest(`Bearer ${TOKEN}`));
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

/** How much each sample moved across `act` (0 where it did not exist before). */
async function across(act: () => Promise<void>) {
  const before = await scrape();
  await act();
  const after = await scrape();
  return {
    after,
    delta: (name: string, labels: Record<string, string> = {}) => {
      const now = sampleValue(after, name, labels);
      expect(now, `${name} ${JSON.stringify(labels)} in the scrape`).toBeDefined();
      return now! - (sampleValue(before, name, labels) ?? 0);
    },
  };
}

const teamGet = (token: { cookie?: string; bearer?: string }, workspaceId = ws.workspaceId) => {
  const url = `/api/workspaces/${workspaceId}/team`;
  const request = token.bearer ? bearerRequest(url, token.bearer) : httpRequest(url, token.cookie ?? null);
  return team.GET(request, { params: Promise.resolve({ workspaceId }) });
};

describe("the gate", () => {
  it("without METRICS_TOKEN there is no route: 404, no challenge, no body", async () => {
    const response = await withoutToken.GET(metricsRequest(`Bearer ${TOKEN}`));
    expect(response.status).toBe(404);
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect(await response.text()).toBe("");
  });

  it.each([
    ["no Authorization header", undefined],
    ["an empty bearer", "Bearer "],
    ["a wrong token", "Bearer wrong-token-wrong-token-wrong"],
    ["the token with one more character", `Bearer ${TOKEN}x`],
    ["the token less its last character", `Bearer ${TOKEN.slice(0, -1)}`],
    ["the token as Basic credentials", `Basic ${Buffer.from(`metrics:${TOKEN}`).toString("base64")}`],
    ["the token without a scheme", TOKEN],
  ])("%s: 401 with WWW-Authenticate: Bearer and no metrics", async (_label, authorization) => {
    const response = await metrics.GET(metricsRequest(authorization));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(await response.text()).toBe("");
  });

  it("the token: 200, Prometheus text that parses line by line, not cached, process metrics included", async () => {
    const response = await metrics.GET(metricsRequest(`bearer ${TOKEN}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const samples = parsePrometheusText(await response.text());
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.filter((s) => !s.name.startsWith("settings_")).map((s) => s.name)).toEqual([]);
    expect(sampleValue(samples, "settings_process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sampleValue(samples, "settings_nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });
});

describe("requests and server actions", () => {
  it("a REST call counts under its route pattern, method and status, with its latency", async () => {
    const stranger = randomUUID();
    const { delta, after } = await across(async () => {
      expect((await teamGet({ cookie: ws.actors.viewer.token })).status).toBe(200);
      expect((await teamGet({ cookie: ws.actors.viewer.token }, stranger)).status).toBe(404);
    });
    const route = { route: TEAM_ROUTE, method: "GET" };
    expect(delta("settings_http_requests_total", { ...route, status: "200" })).toBe(1);
    expect(delta("settings_http_requests_total", { ...route, status: "404" })).toBe(1);
    expect(delta("settings_http_request_duration_seconds_count", route)).toBe(2);
    expect(delta("settings_http_request_duration_seconds_bucket", { ...route, le: "+Inf" })).toBe(2);
    expect(delta("settings_http_request_duration_seconds_sum", route)).toBeGreaterThan(0);
    const text = JSON.stringify(after);
    expect(text).not.toContain(ws.workspaceId);
    expect(text).not.toContain(stranger);
  });

  it("the pools the call used show their connections", async () => {
    const samples = await scrape();
    for (const pool of ["read", "system"]) {
      const idle = sampleValue(samples, "settings_db_pool_connections", { pool, state: "idle" });
      const inUse = sampleValue(samples, "settings_db_pool_connections", { pool, state: "in_use" });
      expect(idle, pool).toBeDefined();
      expect(idle! + inUse!, pool).toBeGreaterThan(0);
      expect(sampleValue(samples, "settings_db_pool_waiting_requests", { pool }), pool).toBe(0);
      expect(sampleValue(samples, "settings_db_pool_max_connections", { pool }), pool).toBeGreaterThanOrEqual(10);
    }
  });

  it("a server action counts by its name and outcome", async () => {
    const { delta } = await across(async () => {
      const result = await teamActions.inviteMembersAction.run(requestAs(ws.actors.viewer.token), {
        workspaceId: ws.workspaceId,
        emails: [`metrics-${randomUUID()}@example.com`],
        role: "viewer",
      });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    });
    const action = teamActions.inviteMembersAction.name;
    expect(delta("settings_server_actions_total", { action, outcome: "forbidden" })).toBe(1);
    expect(delta("settings_server_action_duration_seconds_count", { action })).toBe(1);
  });
});

describe("rate limits", () => {
  it("an API key over its budget is refused with 429, counted under api_key", async () => {
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["read"] });
    const { delta, after } = await across(async () => {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await teamGet({ bearer: key.secret })).status);
      expect(statuses).toEqual([200, 200, 429]);
    });
    expect(delta("settings_rate_limit_refusals_total", { limiter: "api_key" })).toBe(1);
    expect(delta("settings_http_requests_total", { route: TEAM_ROUTE, method: "GET", status: "429" })).toBe(1);
    expect(sampleValue(after, "settings_db_pool_connections", { pool: "rate-limit", state: "idle" })).toBeDefined();
    expect(JSON.stringify(after)).not.toContain(key.id);
    expect(JSON.stringify(after)).not.toContain(key.prefix);
  });
});

describe("Stripe webhooks", () => {
  it("count by event type and result: a bad signature, a wrong mode, an event the inbox does not handle", async () => {
    const { delta } = await across(async () => {
      const refused = await stripeWebhook.POST(webhookRequest(stripeEvent("invoice.paid", {}), "t=1,v1=deadbeef"));
      expect(refused.status).toBe(400);
      const live = stripeEvent("invoice.paid", { id: "in_x", object: "invoice" }, { livemode: true });
      expect((await stripeWebhook.POST(webhookRequest(live))).status).toBe(400);
      const other = await stripeWebhook.POST(webhookRequest(stripeEvent("customer.created", { id: "cus_x" })));
      expect(await other.json()).toEqual({ received: true, outcome: "unhandled" });
    });
    const events = "settings_stripe_webhook_events_total";
    expect(delta(events, { type: "unverified", result: "bad_signature" })).toBe(1);
    expect(delta(events, { type: "invoice.paid", result: "wrong_mode" })).toBe(1);
    expect(delta(events, { type: "other", result: "unhandled" })).toBe(1);
    const route = { route: "/api/webhooks/stripe", method: "POST" };
    expect(delta("settings_http_requests_total", { ...route, status: "400" })).toBe(2);
    expect(delta("settings_http_requests_total", { ...route, status: "200" })).toBe(1);
  });
});

describe("figures read from the database at scrape time", () => {
  it("a pg-boss queue's waiting and active jobs, and how long the oldest ready one has waited", async () => {
    const boss = new PgBoss({ connectionString: testDatabaseUrl, schema: "pgboss", supervise: false, schedule: false });
    boss.on("error", () => undefined);
    await boss.start();
    const queue = `metrics-test-${randomUUID().slice(0, 8)}`;
    try {
      await boss.createQueue(queue);
      await boss.send(queue, { n: 1 });
      await boss.send(queue, { n: 2 });
      await boss.send(queue, { n: 3 }, { startAfter: 3600 }); // deferred: waiting, but not ready
      expect(await boss.fetch(queue)).toHaveLength(1); // one active
      await db.$executeRaw`
        UPDATE pgboss.job SET created_on = now() - interval '90 seconds', start_after = now() - interval '90 seconds'
         WHERE name = ${queue} AND state = 'created' AND start_after <= now()`;
      const samples = await scrape();
      expect(sampleValue(samples, "settings_metrics_reading_up", { reading: "job_queues" })).toBe(1);
      expect(sampleValue(samples, "settings_job_queue_queued_jobs", { queue })).toBe(2);
      expect(sampleValue(samples, "settings_job_queue_active_jobs", { queue })).toBe(1);
      const age = sampleValue(samples, "settings_job_queue_oldest_ready_age_seconds", { queue });
      expect(age).toBeGreaterThanOrEqual(90);
      expect(age).toBeLessThan(600);

      await boss.deleteQueue(queue);
      const gone = await scrape();
      expect(gone.filter((s) => s.labels.queue === queue)).toEqual([]);
    } finally {
      await boss.deleteQueue(queue).catch(() => undefined);
      await boss.stop({ graceful: false });
    }
  });

  it("delivery attempts of the last hour by outcome, and open deliveries by status", async () => {
    const integration = await db.integrationConfig.create({
      data: { workspaceId: ws.workspaceId, integrationType: "webhook", name: "metrics", isEnabled: false },
    });
    const attempt = { workspaceId: ws.workspaceId, integrationId: integration.id, outcome: "gone", latencyMs: 5 };
    const { delta, after } = await across(async () => {
      const delivery = await db.integrationDelivery.create({
        data: {
          workspaceId: ws.workspaceId,
          integrationId: integration.id,
          eventType: "alert.triggered",
          status: "held",
        },
      });
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      await db.integrationDeliveryAttempt.createMany({
        data: [
          ...[1, 2, 3].map((n) => ({ ...attempt, deliveryId: delivery.id, attempt: n })),
          // Outside the window: never counted.
          ...Array.from({ length: 20 }, (_, i) => ({
            ...attempt,
            deliveryId: delivery.id,
            attempt: 10 + i,
            attemptedAt: twoHoursAgo,
          })),
        ],
      });
    });
    expect(sampleValue(after, "settings_metrics_reading_up", { reading: "deliveries" })).toBe(1);
    // Other test files may deliver at the same time on this database: at least ours, never the old ones.
    const gone = delta("settings_integration_delivery_attempts_last_hour", { outcome: "gone" });
    expect(gone).toBeGreaterThanOrEqual(3);
    expect(gone).toBeLessThan(23);
    expect(delta("settings_integration_deliveries_open", { status: "held" })).toBeGreaterThanOrEqual(1);
    for (const outcome of ["success", "retryable", "permanent", "gone"])
      expect(
        sampleValue(after, "settings_integration_delivery_attempts_last_hour", { outcome }),
        outcome,
      ).toBeDefined();
    for (const status of ["pending", "held"])
      expect(sampleValue(after, "settings_integration_deliveries_open", { status }), status).toBeDefined();
  });
});

describe("labels", () => {
  it("carry no id, email or secret", async () => {
    const samples = await scrape();
    const values = samples.flatMap((s) => Object.values(s.labels));
    expect(values.filter((v) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i.test(v))).toEqual([]);
    expect(values.filter((v) => v.includes("@"))).toEqual([]);
    expect(values.filter((v) => v.includes(TOKEN))).toEqual([]);
  });
});
