/** Nothing to set up. Without this file Turbopack would pick up the repository's instrumentation.ts. */
export function register() {}
