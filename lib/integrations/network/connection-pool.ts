import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { guardedLookup } from "./guarded-lookup";
import type { Resolver } from "./resolver";

const MAX_SOCKETS = 64;

export interface Pool {
  agent: HttpAgent;
  /** Called when the request is over: closes a pool made for one request. */
  release: () => void;
}

const shared = new Map<string, HttpAgent>();

/**
 * The agent for one request. With the system resolver, keep-alive agents shared by every delivery
 * (one per protocol and private-network setting, so a socket opened under the relaxed rule is never
 * reused under the strict one). An injected resolver gets a pool of its own for the one request, so
 * a socket opened for another resolver's answer is never reused.
 */
export function poolFor(protocol: "http:" | "https:", allowPrivateNetworks: boolean, resolve?: Resolver): Pool {
  const Agent = protocol === "https:" ? HttpsAgent : HttpAgent;
  if (resolve) {
    const agent = new Agent({ keepAlive: false, lookup: guardedLookup({ allowPrivateNetworks, resolve }) });
    return { agent, release: () => agent.destroy() };
  }
  const key = `${protocol}${allowPrivateNetworks}`;
  let agent = shared.get(key);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, lookup: guardedLookup({ allowPrivateNetworks }) });
    shared.set(key, agent);
  }
  return { agent, release: () => {} };
}
