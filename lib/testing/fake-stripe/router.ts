import { checkoutRoutes } from "./checkout-sessions";
import { customerRoutes } from "./customers";
import { eventRoutes } from "./events";
import { meterRoutes } from "./meters";
import { portalRoutes } from "./portal-sessions";
import { priceRoutes } from "./prices";
import type { Route } from "./route";
import { scheduleRoutes } from "./subscription-schedules";
import { subscriptionRoutes } from "./subscriptions";

const ROUTES: Route[] = [
  ...customerRoutes,
  ...checkoutRoutes,
  ...portalRoutes,
  ...subscriptionRoutes,
  ...scheduleRoutes,
  ...priceRoutes,
  ...meterRoutes,
  ...eventRoutes,
];

/** The route for a method and path, with the path's captures. */
export function findRoute(method: string, pathname: string): { route: Route; path: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = pathname.match(route.pattern);
    if (match) return { route, path: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}
