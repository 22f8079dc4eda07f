// Prisma CLI configuration. The CLI is used here only for `prisma generate`
// (see docs/decisions/001-migration-runner.md for why migrations do not go
// through `prisma migrate`).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
