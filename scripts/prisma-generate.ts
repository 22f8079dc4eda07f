// Runs `prisma generate` offline. Prisma's CLI looks for its native schema
// engine before generating, and cannot download it here; generation itself
// does not use it, so we point the CLI at a placeholder file.
// See docs/decisions/001-migration-runner.md.
import { spawnSync } from "node:child_process";
import { childProcessEnv, env } from "../lib/env";

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: childProcessEnv({
    PRISMA_SCHEMA_ENGINE_BINARY: env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    CHECKPOINT_DISABLE: "1",
  }),
});
process.exit(result.status ?? 1);
