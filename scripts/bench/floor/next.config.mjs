// The floor app of `npm run bench` (docs/benchmarks.md): a bare Next.js app on
// the repository's own Next.js, so the page benchmark can report our pages as
// a ratio of what this machine serves with no data layer at all.
import path from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Resolve next and react from the repository's node_modules, not a guessed workspace root.
  turbopack: { root: repositoryRoot },
  outputFileTracingRoot: repositoryRoot,
  // The repository's `tsc --noEmit` checks these files; the bench's build skips it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
