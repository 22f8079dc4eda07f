import { vi } from "vitest";
import { startSmtpSink } from "./smtp-sink";

export type AppSmtpSink = Awaited<ReturnType<typeof startSmtpSink>> & { restore: () => Promise<void> };

/** send-email.ts keeps one transport per process on globalThis; it outlives vi.resetModules(). */
function forgetSmtpTransport(): void {
  delete (globalThis as { smtpTransport?: unknown }).smtpTransport;
}

/**
 * Points the app's real email path at a fresh SMTP sink on loopback. lib/env.ts reads EMAIL_SERVER
 * once, at import: this stubs the variables, then forgets every loaded module, so app modules must be
 * imported (dynamically) after it. `restore()` undoes all of it and stops the sink.
 */
export async function appSmtpSink(extraEnv: Record<string, string> = {}): Promise<AppSmtpSink> {
  const sink = await startSmtpSink();
  vi.stubEnv("EMAIL_SERVER", sink.url);
  for (const [name, value] of Object.entries(extraEnv)) vi.stubEnv(name, value);
  forgetSmtpTransport();
  vi.resetModules();
  return {
    ...sink,
    restore: async () => {
      vi.unstubAllEnvs();
      forgetSmtpTransport();
      vi.resetModules();
      await sink.stop();
    },
  };
}
