import { newId } from "./ids";
import { StripeApiError, invalidParam, missingParam } from "./stripe-error";
import type { Route } from "./route";
import { listOf } from "./route";
import type { StripeObject } from "./state";

export interface FakeMeter extends StripeObject {
  object: "billing.meter";
  event_name: string;
  status: "active" | "inactive";
  customer_mapping: { event_payload_key: string; type: "by_id" };
  value_settings: { event_payload_key: string };
}

/** Meter events are answered for 35 days back and 5 minutes ahead, as Stripe does. */
const PAST_WINDOW_SECONDS = 35 * 86_400;
const FUTURE_WINDOW_SECONDS = 5 * 60;

export const meterRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/billing\/meters$/,
    handle: ({ state, params }) => {
      const displayName = params.requiredString("display_name");
      const eventName = params.requiredString("event_name");
      const formula = params.nested("default_aggregation").string("formula");
      if (!formula) throw missingParam("default_aggregation[formula]");
      if (!["sum", "count", "last"].includes(formula))
        throw invalidParam("default_aggregation[formula]", `Invalid formula: ${formula}`);
      if (
        state
          .all<FakeMeter>("billing.meter")
          .some((meter) => meter.event_name === eventName && meter.status === "active")
      ) {
        throw invalidParam("event_name", `An active meter with event_name \`${eventName}\` already exists.`);
      }
      const mapping = params.nested("customer_mapping");
      const mappingType = mapping.string("type") ?? "by_id";
      if (mappingType !== "by_id") throw invalidParam("customer_mapping[type]", `Invalid type: ${mappingType}`);
      return state.put<FakeMeter>({
        id: newId("mtr_"),
        object: "billing.meter",
        created: state.now(),
        customer_mapping: {
          event_payload_key: mapping.string("event_payload_key") || "stripe_customer_id",
          type: "by_id",
        },
        default_aggregation: { formula },
        display_name: displayName,
        event_name: eventName,
        event_time_window: null,
        livemode: false,
        status: "active",
        status_transitions: { deactivated_at: null },
        updated: state.now(),
        value_settings: { event_payload_key: params.nested("value_settings").string("event_payload_key") || "value" },
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/billing\/meters$/,
    handle: ({ state, params }) => {
      const status = params.string("status");
      const meters = state
        .all<FakeMeter>("billing.meter")
        .filter((meter) => !status || meter.status === status)
        .reverse();
      return listOf(meters, params, "/v1/billing/meters");
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/billing\/meters\/([^/]+)$/,
    handle: ({ state, path }) => state.get(path[0]!, "billing.meter", "billing meter"),
  },
  {
    method: "POST",
    pattern: /^\/v1\/billing\/meter_events$/,
    handle: ({ state, params }) => {
      const eventName = params.requiredString("event_name");
      if (!params.has("payload")) throw missingParam("payload");
      const payload = params.nested("payload");
      const now = state.now();
      const timestamp = params.integer("timestamp") ?? now;
      if (timestamp < now - PAST_WINDOW_SECONDS || timestamp > now + FUTURE_WINDOW_SECONDS) {
        throw invalidParam(
          "timestamp",
          "Timestamp must be within the past 35 calendar days and not more than 5 minutes in the future.",
        );
      }
      const identifier = params.string("identifier") || newId("");
      const meter = state
        .all<FakeMeter>("billing.meter")
        .find((candidate) => candidate.event_name === eventName && candidate.status === "active");
      const customer = payload.string(meter?.customer_mapping.event_payload_key ?? "stripe_customer_id");
      const value = payload.string(meter?.value_settings.event_payload_key ?? "value");
      const duplicate = state.meterEventAttempts.some(
        (attempt) => attempt.identifier === identifier && attempt.accepted,
      );
      state.meterEventAttempts.push({ identifier, eventName, customer, value, timestamp, accepted: !duplicate });
      if (duplicate) {
        // Stripe enforces identifier uniqueness (for at least 24 hours) by refusing the repeat.
        throw new StripeApiError(
          400,
          "invalid_request_error",
          `An event already exists with identifier ${identifier}.`,
          "resource_already_exists",
          "identifier",
        );
      }
      const payloadObject: Record<string, string> = {};
      for (const [key, item] of Object.entries(payload.raw)) if (typeof item === "string") payloadObject[key] = item;
      return {
        object: "billing.meter_event",
        created: now,
        event_name: eventName,
        identifier,
        livemode: false,
        payload: payloadObject,
        timestamp,
      };
    },
  },
];
