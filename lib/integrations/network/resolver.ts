import { lookup } from "node:dns/promises";

/** A host name's addresses (A and AAAA). Injectable so that tests never depend on real DNS. */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The system resolver (getaddrinfo, as Node itself connects), every address in the order given. */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, order: "verbatim" })).map((entry) => entry.address);
