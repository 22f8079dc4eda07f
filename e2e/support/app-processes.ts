import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { childProcessEnv, env } from "../../lib/env";

/** A process the operations spec started: an app instance or a job worker. */
export interface AppProcess {
  child: ChildProcess;
  /** stdout and stderr so far (JSON log lines). */
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends a signal; for SIGTERM, waits for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

function track(child: ChildProcess, name: string): AppProcess {
  let output = "";
  // Kept beside the suite's other logs, which `npm test` scans for secrets.
  if (env.E2E_SERVER_LOG) {
    child.once("exit", () => writeFileSync(path.join(path.dirname(env.E2E_SERVER_LOG!), `${name}.log`), output));
  }
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Another instance of the app on `port`, as deployments run it: our server on the production build,
 * with the suite's environment (database, secrets, mail sink) and `env` on top. Resolves once
 * GET /api/health answers.
 */
export async function startAppInstance(
  port: number,
  env: Record<string, string | undefined> = {},
  entry = "scripts/start-server.mjs",
): Promise<AppProcess & { url: string }> {
  const child = spawn(process.execPath, [entry, "--port", String(port)], {
    env: childProcessEnv({ PORT: String(port), ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const app = { ...track(child, `app-${port}`), url: `http://localhost:${port}` };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app on port ${port} exited: ${app.output().slice(-2000)}`);
    const up = await fetch(`${app.url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return app;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await app.stop("SIGKILL");
  throw new Error(`The app on port ${port} did not answer within 90 s: ${app.output().slice(-2000)}`);
}

/** Another job worker (`npm run worker`), as Node itself with tsx's loader so that a signal reaches it. */
export async function startWorker(env: Record<string, string | undefined> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: childProcessEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const worker = track(child, `worker-${child.pid}`);
  const deadline = Date.now() + 60_000;
  while (!worker.output().includes("Jobs running")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await worker.stop("SIGKILL");
      throw new Error(`The worker did not start: ${worker.output().slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return worker;
}
