// Stripe's bracket notation as the fake reads it.
import { describe, expect, it } from "vitest";
import { parseFormBody } from "./form-body";

describe("parseFormBody", () => {
  it("nests hashes and turns indexes into arrays", () => {
    expect(
      parseFormBody(
        "mode=subscription&line_items[0][price]=price_a&line_items[0][quantity]=1&line_items[1][price]=price_b&metadata[workspace_id]=ws&subscription_data[metadata][k]=v",
      ),
    ).toEqual({
      mode: "subscription",
      line_items: [{ price: "price_a", quantity: "1" }, { price: "price_b" }],
      metadata: { workspace_id: "ws" },
      subscription_data: { metadata: { k: "v" } },
    });
  });

  it("appends [] values and keeps index order, decoding escapes", () => {
    expect(parseFormBody("expand[]=data.product&expand[]=data.tiers&lookup_keys[1]=b&lookup_keys[0]=a%20b")).toEqual({
      expand: ["data.product", "data.tiers"],
      lookup_keys: ["a b", "b"],
    });
  });

  it("keeps empty values (Stripe's way of unsetting) and deep paths", () => {
    expect(parseFormBody("metadata=&phases[0][items][0][price]=p&phases[1][end_date]=now")).toEqual({
      metadata: "",
      phases: [{ items: [{ price: "p" }] }, { end_date: "now" }],
    });
  });
});
