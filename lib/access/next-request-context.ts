import "server-only";
import { cookies, headers } from "next/headers";
import { contextFromHeaders, type RequestContext } from "./request-context";

/** The context of the current server action or server component render. */
export async function currentRequestContext(): Promise<RequestContext> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return contextFromHeaders(
    (name) => headerStore.get(name),
    (name) => cookieStore.get(name)?.value,
  );
}
