import { recordRequest } from "./http-metrics";
import { routePattern } from "./route-pattern";

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined> | undefined> };

/**
 * A route handler that counts its requests and their latency by route pattern, method and status
 * (docs/metrics.md). The REST route wrappers (lib/access) put every route through it.
 */
export function observedRoute<A extends [request: Request, context?: RouteContext]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    const [request, context] = args;
    const started = performance.now();
    let status = 500;
    try {
      const response = await handler(...args);
      status = response.status;
      return response;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const params = await Promise.resolve(context?.params).catch(() => undefined);
      recordRequest(routePattern(new URL(request.url).pathname, params ?? {}), request.method, status, seconds);
    }
  };
}
