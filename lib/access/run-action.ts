import "server-only";
import type { ActionResult } from "../errors";
import type { RunnableAction } from "./define-action";
import { currentRequestContext } from "./next-request-context";

/** What every 'use server' export does: the current request's context, then the defined action. */
export async function runAction<T>(action: RunnableAction<T>, input: unknown): Promise<ActionResult<T>> {
  return action.run(await currentRequestContext(), input);
}
