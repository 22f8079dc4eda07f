// `npm run integrations:receivers`: local stand-ins for Slack, PagerDuty, a webhook endpoint, Sentry
// and Datadog on 127.0.0.1, for trying the delivery engine in development. It prints every request it
// receives (service, path, a body excerpt, whether a Standard Webhooks signature verifies), answers
// as each service does when it accepts, and — with `-- --repoint` — points the sample workspace's
// integrations at itself (their secrets re-encrypted with the development key).
// Then run the app with the receivers allowed (docs/integrations.md, "Trying it locally"):
//   INTEGRATIONS_ALLOW_PRIVATE_NETWORKS=true INTEGRATIONS_SERVICE_ORIGIN=http://127.0.0.1:4010 npm run dev
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { credentialsCipher } from "../lib/crypto/credentials-key";
import { createPrismaClient } from "../lib/db/prisma";
import type { Prisma } from "../lib/generated/prisma/client";
import { resolveDatabase } from "../lib/db/resolve-database";
import { secretHintOf } from "../lib/integrations/integration-record";
import type { IntegrationType } from "../lib/integrations/integration-types";
import { signStandardWebhook } from "../lib/integrations/senders/webhook-sender";
import { SAMPLE_WORKSPACE_ID } from "../prisma/sample-data";

const { values } = parseArgs({
  options: { port: { type: "string", default: "4010" }, repoint: { type: "boolean", default: false } },
});
const port = Number(values.port);
const origin = `http://127.0.0.1:${port}`;

/** Where each type's secret or URL points once repointed; the webhook's signing secret stays as it is. */
const LOCAL_SECRETS: Partial<Record<IntegrationType, (current: Record<string, unknown>) => Record<string, unknown>>> = {
  slack: () => ({ webhook_url: `${origin}/slack/services/T0LOCAL/B0LOCAL/localtoken` }),
  sentry: () => ({ dsn: `http://localPublicKey@127.0.0.1:${port}/42` }),
};
const LOCAL_SETTINGS: Partial<Record<IntegrationType, Record<string, unknown>>> = {
  webhook: { url: `${origin}/webhook` },
  custom: { url: `${origin}/custom` },
};

const signingSecrets = new Map<string, string>();

if (values.repoint) {
  const database = await resolveDatabase("dev");
  const db = createPrismaClient(database.url);
  const cipher = credentialsCipher();
  const rows = await db.integrationConfig.findMany({ where: { workspaceId: SAMPLE_WORKSPACE_ID } });
  for (const row of rows) {
    const type = row.integrationType as IntegrationType;
    const context = { workspaceId: row.workspaceId, integrationId: row.id };
    const current = row.credentialsEncrypted
      ? (JSON.parse(cipher.decrypt(row.credentialsEncrypted, context)) as Record<string, unknown>)
      : {};
    const secrets = { ...current, ...LOCAL_SECRETS[type]?.(current) };
    if (typeof secrets.signing_secret === "string") signingSecrets.set(row.id, secrets.signing_secret);
    await db.integrationConfig.update({
      where: { id: row.id },
      data: {
        config: { ...(row.config as object), ...LOCAL_SETTINGS[type] } as Prisma.InputJsonValue,
        credentialsEncrypted: cipher.encrypt(JSON.stringify(secrets), context),
      },
    });
    await db.integrationRuntime.upsert({
      where: { integrationId: row.id },
      create: { integrationId: row.id, workspaceId: row.workspaceId, secretHint: secretHintOf(type, secrets as never) },
      update: { secretHint: secretHintOf(type, secrets as never) },
    });
    console.log(`• ${row.name} (${type}) now delivers to ${origin}`);
  }
  await db.$disconnect();
  await database.stop();
}

/** What each service answers when it accepts a request. */
function answerFor(path: string): { status: number; body: string } {
  if (path.startsWith("/slack/")) return { status: 200, body: "ok" };
  if (path === "/v2/enqueue") return { status: 202, body: '{"status":"success","message":"Event processed"}' };
  if (path.startsWith("/api/v1/events")) return { status: 202, body: '{"status":"ok"}' };
  if (path.startsWith("/api/v1/validate")) return { status: 200, body: '{"valid":true}' };
  if (/^\/api\/\d+\/envelope\/$/.test(path)) return { status: 200, body: '{"id":"local"}' };
  return { status: 200, body: '{"received":true}' };
}

/** Whether a Standard Webhooks signature verifies with one of the repointed integrations' secrets. */
function signatureNote(headers: Record<string, string | string[] | undefined>, body: string): string {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signature = headers["webhook-signature"];
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof signature !== "string") return "";
  for (const secret of signingSecrets.values()) {
    const expected = signStandardWebhook(secret, id, Number(timestamp), body);
    if (signature.split(" ").some((s) => expected.split(" ").includes(s))) return " · signature verified";
  }
  return signingSecrets.size ? " · signature NOT verified" : ` · webhook-id ${id}`;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const path = (request.url ?? "/").split("?")[0]!;
    const answer = answerFor(path);
    const excerpt = body.replace(/\s+/g, " ").slice(0, 160);
    console.log(
      `${new Date().toISOString()} ${request.method} ${path} → ${answer.status}${signatureNote(request.headers, body)}\n    ${excerpt}`,
    );
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(answer.body);
  });
});
server.listen(port, "127.0.0.1", () => {
  console.log(
    `Local receivers on ${origin} (Slack /slack/…, PagerDuty /v2/enqueue, Datadog /api/v1/…, Sentry /api/<project>/envelope/, webhooks /webhook). Ctrl+C stops.`,
  );
});
