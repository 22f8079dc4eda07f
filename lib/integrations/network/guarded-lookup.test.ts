import type { LookupAddress } from "node:dns";
import { Agent, get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { guardedLookup } from "./guarded-lookup";
import type { Resolver } from "./resolver";

const fixed =
  (addresses: string[]): Resolver =>
  async () =>
    addresses;

function lookupAll(lookup: ReturnType<typeof guardedLookup>, options: { all?: boolean; family?: number } = {}) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>(
    (resolve) => lookup("hooks.test", options, (error, address, family) => resolve({ error, address, family })),
  );
}

describe("guardedLookup", () => {
  it("answers one address (the plain form) or all of them (the happy-eyeballs form)", async () => {
    const lookup = guardedLookup({ allowPrivateNetworks: false, resolve: fixed(["2606:4700::1", "93.184.216.34"]) });
    expect(await lookupAll(lookup)).toEqual({ error: null, address: "2606:4700::1", family: 6 });
    expect(await lookupAll(lookup, { family: 4 })).toEqual({ error: null, address: "93.184.216.34", family: 4 });
    expect((await lookupAll(lookup, { all: true })).address).toEqual([
      { address: "2606:4700::1", family: 6 },
      { address: "93.184.216.34", family: 4 },
    ]);
  });

  it("refuses the host when any address is refused, naming the host and the reason", async () => {
    const lookup = guardedLookup({ allowPrivateNetworks: false, resolve: fixed(["93.184.216.34", "169.254.169.254"]) });
    for (const options of [{}, { all: true }, { family: 4 }]) {
      const { error } = await lookupAll(lookup, options);
      expect(error?.code).toBe("EREFUSEDADDRESS");
      expect(error?.message).toBe(
        "hooks.test resolves to 169.254.169.254, a link-local / cloud metadata address; integrations may only reach public addresses",
      );
    }
  });

  it("lets private addresses through with allowPrivateNetworks", async () => {
    const lookup = guardedLookup({ allowPrivateNetworks: true, resolve: fixed(["127.0.0.1"]) });
    expect(await lookupAll(lookup)).toEqual({ error: null, address: "127.0.0.1", family: 4 });
  });

  it("passes resolver failures on, and answers ENOTFOUND when no address of the family exists", async () => {
    const failing = guardedLookup({
      allowPrivateNetworks: false,
      resolve: async () => {
        throw Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EAI_AGAIN" });
      },
    });
    expect((await lookupAll(failing)).error?.code).toBe("EAI_AGAIN");
    const v4only = guardedLookup({ allowPrivateNetworks: false, resolve: fixed(["93.184.216.34"]) });
    expect((await lookupAll(v4only, { family: 6 })).error?.code).toBe("ENOTFOUND");
  });

  describe("in Node's HTTP client", () => {
    let receiver: HttpReceiver;
    beforeAll(async () => {
      receiver = await startHttpReceiver();
    });
    afterAll(() => receiver.stop());

    /** Node's own client, the lookup set as the transport sets it (on the agent). */
    const fetchStatus = (lookup: ReturnType<typeof guardedLookup>, autoSelectFamily: boolean) =>
      new Promise<number | string>((resolve) => {
        const agent = new Agent({ lookup, autoSelectFamily });
        const request = get(`http://hooks.test:${receiver.port}/x`, { agent });
        request.on("response", (response) => {
          response.resume();
          response.on("end", () => agent.destroy());
          resolve(response.statusCode ?? 0);
        });
        request.on("error", (error: NodeJS.ErrnoException) => {
          agent.destroy();
          resolve(error.code ?? "error");
        });
      });

    it.each([true, false])("connects through it and refuses through it (autoSelectFamily %s)", async (auto) => {
      receiver.reset();
      const allowed = guardedLookup({ allowPrivateNetworks: true, resolve: fixed(["127.0.0.1"]) });
      expect(await fetchStatus(allowed, auto)).toBe(200);
      const refused = guardedLookup({ allowPrivateNetworks: false, resolve: fixed(["127.0.0.1"]) });
      expect(await fetchStatus(refused, auto)).toBe("EREFUSEDADDRESS");
      expect(receiver.requests).toHaveLength(1);
    });
  });
});
