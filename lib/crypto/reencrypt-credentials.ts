import type { Db } from "../db/prisma";
import { needsReencryption, type CredentialsCipher } from "./credentials-cipher";

export interface ReencryptProgress {
  /** Rows re-encrypted under the current key by this run. */
  reencrypted: number;
  /** Rows already under the current key when the run ended. */
  current: number;
  /** Rows whose value no configured key decrypts (left as they are, listed by id). */
  unreadable: string[];
}

/**
 * Re-encrypts every integration's credentials under the cipher's current key (`npm run
 * credentials:rotate`). Batches of `batchSize` rows, each in its own short transaction with the rows
 * locked (`SKIP LOCKED`: an app saving the same row meanwhile wins, and the row is taken in a later
 * batch); only rows under another key are read, so a run that stops half-way is resumed by running
 * it again. Safe while the app serves: the secret stays the same, only its encryption changes.
 */
export async function reencryptCredentials(
  db: Db,
  cipher: CredentialsCipher,
  options: { batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<ReencryptProgress> {
  const batchSize = options.batchSize ?? 100;
  const unreadable = new Set<string>();
  let reencrypted = 0;
  for (;;) {
    const changed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; workspace_id: string; credentials_encrypted: string }[]>`
        SELECT id, workspace_id, credentials_encrypted FROM integrations_config
         WHERE credentials_encrypted IS NOT NULL AND split_part(credentials_encrypted, '.', 2) <> ${cipher.keyId}
           AND NOT (id = ANY(${[...unreadable]}::uuid[]))
         ORDER BY id
         LIMIT ${batchSize}
           FOR UPDATE SKIP LOCKED`;
      let done = 0;
      for (const row of rows) {
        if (!needsReencryption(row.credentials_encrypted, cipher)) continue;
        const context = { workspaceId: row.workspace_id, integrationId: row.id };
        let plaintext: string;
        try {
          plaintext = cipher.decrypt(row.credentials_encrypted, context);
        } catch {
          unreadable.add(row.id);
          continue;
        }
        await tx.$executeRaw`
          UPDATE integrations_config SET credentials_encrypted = ${cipher.encrypt(plaintext, context)}
           WHERE id = ${row.id}::uuid`;
        done += 1;
      }
      return { done, seen: rows.length };
    });
    reencrypted += changed.done;
    options.onBatch?.(reencrypted);
    if (changed.seen === 0) break;
  }
  const [count] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM integrations_config
     WHERE credentials_encrypted IS NOT NULL AND split_part(credentials_encrypted, '.', 2) = ${cipher.keyId}`;
  return { reencrypted, current: count?.n ?? 0, unreadable: [...unreadable] };
}
