import { describe, expect, it } from "vitest";
import { allowanceLine, limitHint } from "./allowance";
import { expiryOf, shownPrefix } from "./api-key-display";

describe("the API keys tab's sentences", () => {
  it("says how many keys the plan allows, or that it has no limit", () => {
    expect(allowanceLine({ planType: "starter", limit: 5, current: 3 })).toBe("3 of 5 keys on the Starter plan");
    expect(allowanceLine({ planType: "free", limit: 1, current: 0 })).toBe("0 of 1 key on the Free plan");
    expect(allowanceLine({ planType: "enterprise", limit: null, current: 1 })).toBe(
      "1 key · unlimited on the Enterprise plan",
    );
  });

  it("hints at the limit only once every key is in use", () => {
    expect(limitHint({ planType: "starter", limit: 5, current: 4 })).toBeNull();
    expect(limitHint({ planType: "enterprise", limit: null, current: 500 })).toBeNull();
    expect(limitHint({ planType: "free", limit: 2, current: 2 })).toBe(
      "You have reached the Free plan's limit of 2 keys.",
    );
  });

  it("sends the end of the chosen day in UTC as the expiry, or null", () => {
    expect(expiryOf("2027-01-31")).toBe("2027-01-31T23:59:59Z");
    expect(expiryOf("")).toBeNull();
    expect(expiryOf("31/01/2027")).toBeNull();
    expect(shownPrefix("obs_live_ab12")).toBe("obs_live_ab12…");
  });
});
