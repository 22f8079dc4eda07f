import type { HttpResponse } from "../network/http-transport";
import { hostOf } from "../network/url-host";
import type { Verdict } from "./sender";

export const success = (): Verdict => ({ kind: "success", error: null, fixHint: null });
export const retryable = (error: string): Verdict => ({ kind: "retryable", error, fixHint: null });
export const permanent = (error: string, fixHint: string): Verdict => ({ kind: "permanent", error, fixHint });
export const gone = (error: string, fixHint: string): Verdict => ({ kind: "gone", error, fixHint });

export const isSuccess = (status: number) => status >= 200 && status < 300;
export const isRedirect = (status: number) => status >= 300 && status < 400;

/**
 * "redirect to hooks.example.com not followed; update the URL". Redirects are never followed (the
 * new location would escape the address check made at save time); only the host of the Location is
 * named, since its path may carry a token.
 */
export function redirectMessage(who: string, response: HttpResponse, requestUrl: string): string {
  let target = "another address";
  try {
    const location = response.headers["location"];
    if (location) target = hostOf(new URL(location, requestUrl));
  } catch {
    // An unreadable Location is named generically.
  }
  return `${who} answered ${response.status}: redirect to ${target} not followed; update the URL`;
}

/** A short, single-line piece of the body for an error message ("no_service", a JSON message). */
export function bodySnippet(response: HttpResponse, max = 200): string {
  const text = response.bodyExcerpt.replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** "Slack answered 500" or "Slack answered 500: upstream_error". */
export function answered(who: string, response: HttpResponse): string {
  const snippet = bodySnippet(response);
  return `${who} answered ${response.status}${snippet ? `: ${snippet}` : ""}`;
}
