// proxy.ts refuses server-action bodies Next.js would answer 500 to: no length, a bad length, too large.
import { describe, expect, it } from "vitest";
import { checkServerActionLength, SERVER_ACTION_BODY_LIMIT_BYTES } from "./server-action-guard";

describe("checkServerActionLength", () => {
  it("the limit is 128 KiB", () => {
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(131_072);
  });

  const table: [contentLength: string | null, status: 411 | 413 | 400 | null][] = [
    [null, 411],
    // Content-Length is 1*DIGIT (RFC 9110 §8.6): an empty, hex or exponent value is not a length.
    ["", 400],
    ["0x10", 400],
    ["1e3", 400],
    ["abc", 400],
    ["-1", 400],
    ["1.5", 400],
    ["1e3x", 400],
    ["99999999999999999999", 400],
    ["131073", 413],
    ["1000000", 413],
    ["0", null],
    ["1", null],
    ["4096", null],
    ["131072", null],
  ];

  it.each(table)("Content-Length %j → %s", (contentLength, status) => {
    const verdict = checkServerActionLength(contentLength);
    if (status === null) expect(verdict).toBeNull();
    else {
      expect(verdict?.status).toBe(status);
      expect(verdict?.message).toEqual(expect.any(String));
    }
  });
});
