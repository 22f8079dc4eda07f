/**
 * The app process's lifecycle, shared with our server (scripts/start-server.mjs) through a global
 * symbol: whether it is shutting down (readiness answers 503 then), and what to close once the last
 * request has finished (the database pools). See docs/operations.md ("Shutdown").
 */
interface Lifecycle {
  draining: boolean;
  hooks: Set<() => Promise<void>>;
}

const LIFECYCLE = Symbol.for("settings-platform.lifecycle");

function lifecycle(): Lifecycle {
  const holder = globalThis as unknown as Record<symbol, Lifecycle | undefined>;
  return (holder[LIFECYCLE] ??= { draining: false, hooks: new Set() });
}

/** True once the server has been told to stop. */
export function isShuttingDown(): boolean {
  return lifecycle().draining;
}

/** Runs `close` after the server has stopped taking requests and the last one has finished. */
export function onShutdown(close: () => Promise<void>): void {
  lifecycle().hooks.add(close);
}
