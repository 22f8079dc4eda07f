// A delivery worker in a process of its own, for the test that kills one mid-delivery
// (lib/integrations/delivery/delivery-crash.test.ts): `tsx lib/testing/delivery-worker-process.ts <database url>`.
// It prints "ready" once it works jobs; SIGKILL ends it without any cleanup, as a crash would.
import { PgBoss } from "pg-boss";
import { startDeliveryEngine } from "../integrations/delivery/delivery-engine";

const url = process.argv[2];
if (!url) throw new Error("usage: delivery-worker-process.ts <database url>");
// The supervisor every second, so a job whose worker died is noticed within the test's patience.
const boss = new PgBoss({
  connectionString: url,
  schema: "pgboss",
  useListenNotify: true,
  superviseIntervalSeconds: 1,
  monitorIntervalSeconds: 1,
});
boss.on("error", () => undefined);
await boss.start();
await startDeliveryEngine(boss, url, { dispatchIntervalMs: 100 });
console.log("ready");
