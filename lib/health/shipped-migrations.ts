import { readdirSync } from "node:fs";
import path from "node:path";

let cached: string[] | undefined;

/**
 * The migrations this build ships: the folders of prisma/migrations under the server's working
 * directory (the project, or the standalone build, which copies them: next.config.mjs).
 */
export function shippedMigrations(): string[] {
  cached ??= readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return cached;
}
