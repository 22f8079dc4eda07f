// The delivery engine alone in a process of its own, for the delivery benchmark (delivery-bench.ts):
// `node --import tsx scripts/bench/delivery-worker.ts <database url> [engine options as JSON]`.
// pg-boss is set up as the app's job runner sets it up (lib/jobs/job-runner.ts): LISTEN/NOTIFY,
// supervisor and monitor every 15 s; the engine with its own defaults unless options are given.
// Prints "ready" once it works jobs; SIGTERM stops it.
import { PgBoss } from "pg-boss";
import { startDeliveryEngine, type DeliveryEngineOptions } from "../../lib/integrations/delivery/delivery-engine";

const [url, optionsJson] = process.argv.slice(2);
if (!url) throw new Error("usage: delivery-worker.ts <database url> [engine options as JSON]");
const options = JSON.parse(optionsJson ?? "{}") as DeliveryEngineOptions;

const boss = new PgBoss({
  connectionString: url,
  schema: "pgboss",
  useListenNotify: true,
  superviseIntervalSeconds: 15,
  monitorIntervalSeconds: 15,
});
let stopping = false;
boss.on("error", (error: Error) => {
  if (!stopping) process.stderr.write(`delivery worker: job queue error: ${error.message}\n`);
});
await boss.start();
const engine = await startDeliveryEngine(boss, url, options);
console.log("ready");

process.on("SIGTERM", () => {
  stopping = true;
  void (async () => {
    await engine.stop();
    await boss.stop({ graceful: false });
    process.exit(0);
  })();
});
