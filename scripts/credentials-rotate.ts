// `npm run credentials:rotate`: re-encrypts every integration's credentials under the current
// INTEGRATION_CREDENTIALS_KEY, decrypting with it or any INTEGRATION_CREDENTIALS_PREVIOUS_KEYS.
// Resumable (run it again after an interruption) and safe while the app serves. Rotation steps:
// docs/integrations.md, "Rotating the credentials key".
import { credentialsCipher } from "../lib/crypto/credentials-key";
import { reencryptCredentials } from "../lib/crypto/reencrypt-credentials";
import { createPrismaClient } from "../lib/db/prisma";
import { resolveDatabase } from "../lib/db/resolve-database";

const database = await resolveDatabase("dev");
const db = createPrismaClient(database.url);
try {
  const cipher = credentialsCipher();
  console.log(`Re-encrypting integration credentials under key ${cipher.keyId}…`);
  const result = await reencryptCredentials(db, cipher, { onBatch: (done) => console.log(`  ${done} re-encrypted`) });
  console.log(`Done: ${result.reencrypted} re-encrypted; ${result.current} rows are under key ${cipher.keyId}.`);
  if (result.unreadable.length) {
    console.error(
      `${result.unreadable.length} rows could not be decrypted with the configured keys (left as they are): ` +
        `${result.unreadable.join(", ")}. Add the key they were written with to INTEGRATION_CREDENTIALS_PREVIOUS_KEYS and run again.`,
    );
    process.exitCode = 1;
  } else {
    console.log("The previous keys can now be removed from INTEGRATION_CREDENTIALS_PREVIOUS_KEYS.");
  }
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(Number(process.exitCode ?? 0));
