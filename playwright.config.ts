import { defineConfig, devices } from "@playwright/test";
import { env } from "./lib/env";

// Browser tests run on Debian's Chromium (browser downloads do not work on
// our machines) against `next start`; `npm test` builds the app and provides
// DATABASE_URL.
// Next builds its own request URLs on "localhost"; the browser uses the same origin so cookies and redirects agree.
const baseURL = `http://localhost:${env.E2E_PORT}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: Boolean(env.CI),
  retries: 0,
  workers: 2,
  reporter: env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: env.PLAYWRIGHT_CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] } },
    { name: "mobile", use: { ...devices["Pixel 7"] } },
  ],
  webServer: {
    // Our server (as `npm start`): it knows each connection's peer address; it counts statements for e2e/statement-budgets.spec.ts.
    // Its log goes to E2E_SERVER_LOG, which `npm test` scans for secrets (docs/operations.md, "Logs").
    command: `node scripts/start-server.mjs --port ${env.E2E_PORT} --count-statements${env.E2E_SERVER_LOG ? ` >> '${env.E2E_SERVER_LOG}' 2>&1` : ""}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
