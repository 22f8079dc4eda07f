import { readFileSync } from "node:fs";
import path from "node:path";

/** The id Next gave a server action in the production build, to call it the way a crafted request would. */
export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, v]) => v.filename === filename && v.exportedName === exportedName,
  );
  if (!entry) throw new Error(`No server action ${exportedName} in ${filename} in the build`);
  return entry[0];
}
