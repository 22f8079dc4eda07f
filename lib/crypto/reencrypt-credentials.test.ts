// `npm run credentials:rotate` (lib/crypto/reencrypt-credentials.ts) on a scratch database of its own:
// it re-encrypts every integration's row, so it must not touch other test files' rows.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoleWorkspace } from "../testing/fixtures";
import { scratchPrisma } from "../testing/test-db";
import type { Db } from "../db/prisma";
import { createCredentialsCipher, CredentialsDecryptError, keyIdOf } from "./credentials-cipher";
import { reencryptCredentials } from "./reencrypt-credentials";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await scratchPrisma("reencrypt"));
});
afterAll(() => close());

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const before = createCredentialsCipher(oldKey);
const rotating = createCredentialsCipher(newKey, [oldKey]);

async function seed(count: number) {
  const ws = await createRoleWorkspace(db, "reencrypt");
  const rows = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const secret = JSON.stringify({ signing_secret: `whsec_${randomBytes(32).toString("base64")}` });
    await db.integrationConfig.create({
      data: {
        id,
        workspaceId: ws.workspaceId,
        integrationType: "webhook",
        name: `Hook ${i}`,
        config: { url: "https://hooks.example.com" },
        credentialsEncrypted: before.encrypt(secret, { workspaceId: ws.workspaceId, integrationId: id }),
      },
    });
    rows.push({ id, workspaceId: ws.workspaceId, secret });
  }
  return rows;
}

describe("re-encrypting the credentials under a new key", () => {
  it("re-encrypts every row, resumes after an interruption, and leaves unreadable rows alone", async () => {
    const rows = await seed(7);
    const stranger = randomUUID();
    await db.integrationConfig.create({
      data: {
        id: stranger,
        workspaceId: rows[0]!.workspaceId,
        integrationType: "webhook",
        name: "Under a lost key",
        credentialsEncrypted: createCredentialsCipher(randomBytes(32)).encrypt("{}", {
          workspaceId: rows[0]!.workspaceId,
          integrationId: stranger,
        }),
      },
    });

    // Interrupted after the first batch of 3…
    await expect(
      reencryptCredentials(db, rotating, {
        batchSize: 3,
        onBatch: () => {
          throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    const halfway = await db.integrationConfig.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    // (3 rows, or 2 when the unreadable one was among the first three)
    const done = halfway.filter((r) => r.credentialsEncrypted!.split(".")[1] === keyIdOf(newKey)).length;
    expect([2, 3]).toContain(done);

    // …and run again: the rest, nothing twice.
    const result = await reencryptCredentials(db, rotating, { batchSize: 3 });
    expect(result).toEqual({ reencrypted: 7 - done, current: 7, unreadable: [stranger] });

    for (const row of rows) {
      const stored = (await db.integrationConfig.findUniqueOrThrow({ where: { id: row.id } })).credentialsEncrypted!;
      const context = { workspaceId: row.workspaceId, integrationId: row.id };
      // The new key alone decrypts it (the old key may now be removed); the old one no longer does.
      expect(createCredentialsCipher(newKey).decrypt(stored, context)).toBe(row.secret);
      expect(() => before.decrypt(stored, context)).toThrow(CredentialsDecryptError);
    }
    expect(await reencryptCredentials(db, rotating)).toMatchObject({ reencrypted: 0, current: 7 });
  });

  it("until the rotation runs, the previous key still decrypts what it wrote", async () => {
    const [row] = await seed(1);
    const stored = (await db.integrationConfig.findUniqueOrThrow({ where: { id: row!.id } })).credentialsEncrypted!;
    expect(rotating.decrypt(stored, { workspaceId: row!.workspaceId, integrationId: row!.id })).toBe(row!.secret);
  });
});
