import { spawn } from "node:child_process";
import path from "node:path";
import { BackupError } from "./backup-error";
import { hideSecrets } from "./tool-connection";

export interface ToolRun {
  stdout: string;
  stderr: string;
}

/**
 * Runs a PostgreSQL client tool to its end. A failure becomes a BackupError with the tool's first
 * error line (secrets hidden), prefixed with `failure`.
 */
export async function runTool(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; secrets?: string[]; failure: string },
): Promise<ToolRun> {
  const child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  }).catch((error: Error) => {
    throw new BackupError(`${options.failure}: could not run ${command}: ${error.message}`);
  });
  if (code !== 0) {
    throw new BackupError(`${options.failure}: ${firstErrorLine(stderr, options.secrets ?? [], command)}`);
  }
  return { stdout, stderr };
}

/** The line of a tool's output that says what failed, without the tool's name and with secrets hidden. */
export function firstErrorLine(output: string, secrets: string[], command: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const line =
    lines.find((text) => /\b(ERROR|FATAL):/.test(text)) ??
    lines.find((text) => /\berror:/.test(text)) ??
    lines[0] ??
    `${path.basename(command)} failed without saying why`;
  const cleaned = line
    .replace(/^psql:<stdin>:\d+:\s*/, "")
    .replace(/^(pg_dump|pg_restore|psql):\s*(error:\s*)?/, "")
    .replace(/^(ERROR|FATAL):\s+/, "")
    .replace(/^could not execute query:\s*(ERROR:\s+)?/, "");
  return hideSecrets(cleaned, secrets);
}
