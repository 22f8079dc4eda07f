import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { childProcessEnv } from "../../lib/env";
import type { Probe } from "./load";
import { answeredCorrectly } from "./load";

/** The environment our production server needs to start (fresh secrets), for a benchmark or a measurement. */
export function productionServerEnv(
  base: string,
  overrides: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  return childProcessEnv({
    NODE_ENV: "production",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    AUTH_URL: base,
    APP_URL: base,
    INTEGRATION_CREDENTIALS_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    ...overrides,
  });
}

export interface ServerProcess {
  /** The server's own process (node runs it directly, without a wrapper). */
  pid: number;
  base: string;
  /** From spawning to the first correct answer of the probe, ms. */
  coldStartMs: number;
  /** Latency of that first correct answer, ms. */
  firstRequestMs: number;
  /** SIGTERM to its process group; SIGKILL if it has not exited after 10 s. */
  stop: () => Promise<void>;
}

/**
 * Spawns `node <args>` in a process group of its own and polls `probe(base)`
 * until it answers correctly: the cold start, measured from the spawn.
 */
export async function startServer(options: {
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  probe: (base: string) => Probe;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const base = `http://127.0.0.1:${options.port}`;
  const probe = options.probe(base);
  if (
    await fetch(base).then(
      (response) => (void response.arrayBuffer(), true),
      () => false,
    )
  ) {
    throw new Error(`Something already answers on ${base}: choose other ports (E2E_PORT)`);
  }
  const spawned = performance.now();
  const child = spawn(process.execPath, options.args, {
    env: options.env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  void exit.then(() => (exited = true));
  const stop = async () => {
    if (exited || !child.pid) return;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 10_000);
    await exit;
    clearTimeout(timer);
  };
  try {
    const deadline = spawned + (options.timeoutMs ?? 120_000);
    while (performance.now() < deadline && !exited) {
      const sent = performance.now();
      const ok = await probe.request().then(
        (response) => answeredCorrectly(probe, response),
        () => false,
      );
      if (ok) {
        const answered = performance.now();
        return { pid: child.pid!, base, coldStartMs: answered - spawned, firstRequestMs: answered - sent, stop };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${options.args.join(" ")} did not answer ${base} correctly ${exited ? "(it exited)" : "in time"}`);
  } catch (error) {
    await stop();
    throw error;
  }
}
