import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    setupFiles: ["./lib/testing/require-database.ts"],
    // One fake Stripe API for the run (STRIPE_API_BASE, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET), unless a key is set.
    globalSetup: ["./lib/testing/stripe-global-setup.ts"],
    // Outgoing email lands in the development mailbox, which the tests read (no SMTP in unit runs).
    // Integrations in the tests send to receivers on loopback (docs/integrations.md, "Outgoing network rules").
    env: { DEV_MAILBOX: "1", INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: "true" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests make their own workspaces or scratch databases; files may run in parallel.
    pool: "forks",
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
