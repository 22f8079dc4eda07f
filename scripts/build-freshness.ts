import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** True when `.next` has no production build or a source file is newer than it. */
export function buildIsStale(): boolean {
  const buildId = path.resolve(".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      if (entry.name === "generated" || entry.name.endsWith(".test.ts")) return latest;
      return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const sources = ["app", "components", "lib", "public", "prisma/migrations"].filter((d) => existsSync(d)).map(newest);
  const files = [
    "next.config.mjs",
    "package-lock.json",
    "postcss.config.mjs",
    "prisma/schema.prisma",
    "proxy.ts",
    "instrumentation.ts",
    // The standalone build carries a copy of our server (scripts/prepare-standalone.mjs).
    "scripts/start-server.mjs",
    "scripts/prepare-standalone.mjs",
  ]
    .filter(existsSync)
    .map((f) => statSync(f).mtimeMs);
  return Math.max(...sources, ...files) > builtAt;
}
