import { expect as baseExpect } from "@playwright/test";

/**
 * `expect` with room for server round trips (server actions, emails through the SMTP sink) on a
 * machine shared with other suites, where 5 seconds is sometimes not enough.
 */
export const expect = baseExpect.configure({ timeout: 15_000 });
