import { hashApiKey } from "../api-keys/key-format";
import type { RequestContext } from "./request-context";

const hashes = new WeakMap<RequestContext, string>();

/** The SHA-256 of the request's API key, computed once per request (the budget, the opening, the caller). */
export function bearerHashOf(request: RequestContext): string {
  let hash = hashes.get(request);
  if (hash === undefined) {
    hash = hashApiKey(request.bearer ?? "");
    hashes.set(request, hash);
  }
  return hash;
}
