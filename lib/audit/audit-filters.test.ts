import { describe, expect, it } from "vitest";
import { auditFilterQuery, auditFiltersFrom } from "./audit-filters";

const errorsOf = (query: string) => {
  const result = auditFiltersFrom(new URLSearchParams(query));
  return result.success ? null : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

const DATE = (label: string) => `${label} must be a date written YYYY-MM-DD, between 2000-01-01 and 9999-12-31.`;
const PAGE = "Page must be a whole number from 1 to 10,000.";
const TEXT = (label: string) => `${label} contains control characters or invalid text; use plain text.`;

const refused: [string, Record<string, string>][] = [
  ["actor=%00", { actor: TEXT("Actor") }],
  ["actor=a%00b", { actor: TEXT("Actor") }],
  ["actor=%1B%5B31m", { actor: TEXT("Actor") }],
  ["actor=%C2%85", { actor: TEXT("Actor") }],
  ["actor=%ED%A0%80", { actor: TEXT("Actor") }],
  ["actor=%FF", { actor: TEXT("Actor") }],
  [`actor=${"a".repeat(321)}`, { actor: "Actor is too long: at most 320 characters." }],
  [`actor=${"a".repeat(1_000_000)}`, { actor: "Actor is too long: at most 320 characters." }],
  ["actor=a&actor=b", { actor: "Actor was given more than once; give it once." }],
  ["action=%00", { action: TEXT("Action") }],
  ["action=DROP%20TABLE", { action: "Action must look like member.role_changed (lowercase, dots, underscores)." }],
  [`action=${"a".repeat(65)}`, { action: "Action is too long: at most 64 characters." }],
  ["from=0000-01-01", { from: DATE("From") }],
  ["from=1999-12-31", { from: DATE("From") }],
  ["to=10000-01-01", { to: DATE("To") }],
  ["to=+002026-01-01", { to: DATE("To") }],
  ["from=2026-02-30", { from: DATE("From") }],
  ["from=2026-13-01", { from: DATE("From") }],
  ["from=yesterday", { from: DATE("From") }],
  ["from=2026-1-1", { from: DATE("From") }],
  ["from=2026-01-01T00:00:00Z", { from: DATE("From") }],
  ["from=%002026-01-01", { from: DATE("From") }],
  ["from=2026-03-02&to=2026-03-01", { to: "To must be on or after From." }],
  ["page=0", { page: PAGE }],
  ["page=-1", { page: PAGE }],
  ["page=10001", { page: PAGE }],
  ["page=99999999999999999999", { page: PAGE }],
  ["page=1e3", { page: PAGE }],
  ["page=1.5", { page: PAGE }],
  ["page=0x10", { page: PAGE }],
  ["page=%201", { page: PAGE }],
  ["page=Infinity", { page: PAGE }],
  ["page=1&page=2", { page: "Page was given more than once; give it once." }],
  ["sort=asc", { "": "Unknown filter “sort”: use actor, action, from, to, page, limit or cursor." }],
];

/** Test titles show long queries shortened (a 1 MB title helps nobody). */
const title = (query: string) => (query.length > 80 ? `${query.slice(0, 40)}… (${query.length} characters)` : query);

describe("auditFiltersFrom refuses bad input with a message per field", () => {
  for (const [query, expected] of refused) {
    it(title(query), () => {
      expect(errorsOf(query)).toEqual(expected);
    });
  }
});

describe("auditFiltersFrom accepts good input", () => {
  it.each<[string | Record<string, string | string[] | undefined>, object]>([
    ["", { page: 1 }],
    ["actor=&action=&from=&to=&page=", { page: 1 }],
    ["actor=%20Mia%20", { actor: "Mia", page: 1 }],
    ["actor=o%27brien%2Bx%40acme.example", { actor: "o'brien+x@acme.example", page: 1 }],
    ["actor=J%C3%BCrgen%20%F0%9F%98%80", { actor: "Jürgen 😀", page: 1 }],
    ["action=member.", { action: "member.", page: 1 }],
    ["action=member.role_changed&page=3", { action: "member.role_changed", page: 3 }],
    ["from=2000-01-01&to=9999-12-31", { from: "2000-01-01", to: "9999-12-31", page: 1 }],
    ["from=2024-02-29&to=2024-02-29", { from: "2024-02-29", to: "2024-02-29", page: 1 }],
    ["page=10000", { page: 10_000 }],
    [
      { actor: "mia", page: "2", ignored: undefined },
      { actor: "mia", page: 2 },
    ],
  ])("%j", (input, expected) => {
    const result = auditFiltersFrom(typeof input === "string" ? new URLSearchParams(input) : input);
    expect(result.success && result.data).toEqual(expected);
  });

  it("a page's search params with a repeated key are refused like the URL's", () => {
    const result = auditFiltersFrom({ action: ["member.removed", "member.left"] });
    expect(result.success).toBe(false);
  });
});

describe("auditFilterQuery", () => {
  it.each<[object, Record<string, string>, string]>([
    [{ page: 3 }, {}, ""],
    [{ actor: "mia x", action: "member.", page: 2 }, {}, "actor=mia+x&action=member."],
    [{ from: "2026-01-01", to: "2026-01-31", page: 1 }, { format: "csv" }, "from=2026-01-01&to=2026-01-31&format=csv"],
  ])("%j %j → %s", (filters, extra, expected) => {
    expect(auditFilterQuery(filters, extra)).toBe(expected);
  });
});
