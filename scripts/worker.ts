// `npm run worker`: the background jobs (pg-boss) for a deployment. `npm run dev`
// runs them in-process.
import { startJobRunner } from "../lib/jobs/job-runner";
import { resolveDatabase } from "../lib/db/resolve-database";
import { deliverySettings } from "../lib/integrations/delivery/delivery-settings";

deliverySettings(); // production refuses the development-only delivery switches, with why
const database = await resolveDatabase("dev");
const runner = await startJobRunner(database.url);
console.log(
  "Jobs running: the delivery engine (outbox dispatcher and delivery workers), integration health checks " +
    "(every 5 minutes), expire-invitations (hourly), prune-event-outbox (daily), report-overage (hourly). Ctrl+C stops.",
);
const stop = async () => {
  await runner.stop();
  await database.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
