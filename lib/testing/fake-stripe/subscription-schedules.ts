import { newId } from "./ids";
import { Params } from "./params";
import type { Route } from "./route";
import { StripeApiError, invalidParam, missingParam } from "./stripe-error";
import {
  addMonth,
  changeSubscription,
  newItem,
  periodOf,
  priceOf,
  setItems,
  type FakeSubscription,
} from "./subscription-model";
import type { FakeStripeState, StripeObject } from "./state";

interface Phase {
  start_date: number;
  end_date: number | null;
  items: { price: string; quantity?: number }[];
  proration_behavior: string;
}

export interface FakeSubscriptionSchedule extends StripeObject {
  object: "subscription_schedule";
  customer: string;
  subscription: string | null;
  status: "not_started" | "active" | "completed" | "released" | "canceled";
  end_behavior: "release" | "cancel";
  phases: Phase[];
  current_phase: { start_date: number; end_date: number | null } | null;
  released_at: number | null;
  released_subscription: string | null;
}

function scheduleOf(state: FakeStripeState, id: string): FakeSubscriptionSchedule {
  return state.get<FakeSubscriptionSchedule>(id, "subscription_schedule", "subscription schedule");
}

function timestampParam(params: Params, name: string, fallback: number | null, now: number): number | null {
  const value = params.string(name);
  if (value === undefined || value === "") return fallback;
  if (value === "now") return now;
  const parsed = params.integer(name);
  return parsed ?? fallback;
}

function parsePhases(state: FakeStripeState, params: Params, schedule: FakeSubscriptionSchedule): Phase[] {
  const now = state.now();
  const phases: Phase[] = [];
  params.list("phases").forEach((raw, index) => {
    if (typeof raw === "string" || Array.isArray(raw)) throw invalidParam(`phases[${index}]`, "Invalid hash");
    const phase = new Params(raw);
    const items = phase.list("items").map((rawItem, itemIndex) => {
      if (typeof rawItem === "string" || Array.isArray(rawItem))
        throw invalidParam(`phases[${index}][items][${itemIndex}]`, "Invalid hash");
      const item = new Params(rawItem);
      const price = item.string("price");
      if (!price) throw missingParam(`phases[${index}][items][${itemIndex}][price]`);
      priceOf(state, price, `phases[${index}][items][${itemIndex}][price]`);
      const quantity = item.integer("quantity");
      return quantity === undefined ? { price } : { price, quantity };
    });
    if (items.length === 0) throw missingParam(`phases[${index}][items]`);
    const previousEnd = phases[index - 1]?.end_date ?? null;
    const fallbackStart = index === 0 ? (schedule.phases[0]?.start_date ?? now) : previousEnd;
    const start = timestampParam(phase, "start_date", fallbackStart, now);
    if (start === null) throw missingParam(`phases[${index}][start_date]`);
    if (index > 0 && previousEnd !== null && start !== previousEnd) {
      throw invalidParam(`phases[${index}][start_date]`, "Each phase must start when the previous one ends.");
    }
    const duration = phase.has("duration") ? phase.nested("duration") : undefined;
    if (duration && phase.has("end_date"))
      throw invalidParam(
        `phases[${index}][duration]`,
        "You may only specify one of these parameters: duration, end_date.",
      );
    let fallbackEnd: number | null = null;
    if (duration) {
      const count = duration.integer("interval_count") ?? 1;
      if (duration.string("interval") !== "month")
        throw invalidParam(`phases[${index}][duration][interval]`, "This fake supports monthly durations only.");
      fallbackEnd = start;
      for (let month = 0; month < count; month++) fallbackEnd = addMonth(fallbackEnd);
    }
    const end = timestampParam(phase, "end_date", fallbackEnd, now);
    if (end !== null && end <= start)
      throw invalidParam(`phases[${index}][end_date]`, "A phase must end after it starts.");
    phases.push({
      start_date: start,
      end_date: end,
      items,
      proration_behavior: phase.string("proration_behavior") ?? "create_prorations",
    });
  });
  if (phases.length === 0) throw missingParam("phases");
  // Every phase but the last needs an end.
  phases.slice(0, -1).forEach((phase, index) => {
    if (phase.end_date === null) throw missingParam(`phases[${index}][end_date]`);
  });
  return phases;
}

function currentPhaseOf(schedule: FakeSubscriptionSchedule, now: number) {
  const phase = schedule.phases.find(
    (candidate) => candidate.start_date <= now && (candidate.end_date === null || now < candidate.end_date),
  );
  return phase ? { start_date: phase.start_date, end_date: phase.end_date } : null;
}

function release(state: FakeStripeState, schedule: FakeSubscriptionSchedule): void {
  schedule.status = "released";
  schedule.released_at = state.now();
  schedule.released_subscription = schedule.subscription;
  schedule.current_phase = null;
  if (schedule.subscription) {
    const subscription = state.get<FakeSubscription>(schedule.subscription, "subscription", "subscription");
    changeSubscription(state, subscription, (current) => {
      current.schedule = null;
    });
  }
  schedule.subscription = null;
}

export const scheduleRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/subscription_schedules$/,
    handle: ({ state, params }) => {
      const from = params.string("from_subscription");
      if (!from) {
        if (!params.has("customer")) throw missingParam("from_subscription");
        throw new StripeApiError(
          400,
          "invalid_request_error",
          "This fake creates schedules from_subscription only.",
          "parameter_unknown",
          "customer",
        );
      }
      if (params.has("phases")) throw invalidParam("phases", "You cannot set `phases` if `from_subscription` is set.");
      const subscription = state.get<FakeSubscription>(from, "subscription", "subscription", "from_subscription");
      if (subscription.schedule)
        throw invalidParam(
          "from_subscription",
          `The subscription is already attached to a schedule: ${subscription.schedule}`,
        );
      if (subscription.status === "canceled") throw invalidParam("from_subscription", "The subscription is canceled.");
      const period = periodOf(subscription);
      const schedule = state.put<FakeSubscriptionSchedule>({
        id: newId("sub_sched_"),
        object: "subscription_schedule",
        canceled_at: null,
        completed_at: null,
        created: state.now(),
        current_phase: { start_date: period.start, end_date: period.end },
        customer: subscription.customer,
        end_behavior: "release",
        livemode: false,
        metadata: params.metadata() ?? {},
        phases: [
          {
            start_date: period.start,
            end_date: period.end,
            items: subscription.items.data.map((item) =>
              item.quantity === undefined
                ? { price: item.price.id }
                : { price: item.price.id, quantity: item.quantity },
            ),
            proration_behavior: "create_prorations",
          },
        ],
        released_at: null,
        released_subscription: null,
        status: "active",
        subscription: subscription.id,
      });
      changeSubscription(state, subscription, (current) => {
        current.schedule = schedule.id;
      });
      return schedule;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/subscription_schedules\/([^/]+)$/,
    handle: ({ state, path }) => scheduleOf(state, path[0]!),
  },
  {
    method: "POST",
    pattern: /^\/v1\/subscription_schedules\/([^/]+)$/,
    handle: ({ state, params, path }) => {
      const schedule = scheduleOf(state, path[0]!);
      if (schedule.status !== "active" && schedule.status !== "not_started") {
        throw invalidParam("id", `You cannot update a subscription schedule that is ${schedule.status}.`);
      }
      const endBehavior = params.string("end_behavior");
      if (endBehavior && endBehavior !== "release" && endBehavior !== "cancel")
        throw invalidParam("end_behavior", `Invalid end_behavior: ${endBehavior}`);
      if (params.has("phases")) {
        schedule.phases = parsePhases(state, params, schedule);
        schedule.current_phase = currentPhaseOf(schedule, state.now());
      }
      if (endBehavior) schedule.end_behavior = endBehavior as FakeSubscriptionSchedule["end_behavior"];
      return schedule;
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/subscription_schedules\/([^/]+)\/release$/,
    handle: ({ state, path }) => {
      const schedule = scheduleOf(state, path[0]!);
      if (schedule.status !== "active" && schedule.status !== "not_started") {
        throw invalidParam("id", `You cannot release a subscription schedule that is ${schedule.status}.`);
      }
      release(state, schedule);
      return schedule;
    },
  },
];

/**
 * Moves a scheduled subscription into its next phase, as the clock reaching the phase's start would:
 * the items become the phase's prices, a new period starts, `customer.subscription.updated` is recorded;
 * after the last phase the schedule releases (or cancels) the subscription.
 */
export function advanceSchedule(state: FakeStripeState, scheduleId: string): FakeSubscriptionSchedule {
  const schedule = scheduleOf(state, scheduleId);
  if (schedule.status !== "active" || !schedule.subscription)
    throw invalidParam("id", `The schedule is ${schedule.status}.`);
  const subscription = state.get<FakeSubscription>(schedule.subscription, "subscription", "subscription");
  const periodEnd = periodOf(subscription).end;
  const next = schedule.phases.find((phase) => phase.start_date >= periodEnd);
  if (!next) {
    if (schedule.end_behavior === "cancel") {
      subscription.status = "canceled";
      subscription.canceled_at = state.now();
      subscription.ended_at = state.now();
      subscription.schedule = null;
      schedule.status = "canceled";
      state.record("customer.subscription.deleted", subscription);
    } else release(state, schedule);
    return schedule;
  }
  changeSubscription(state, subscription, (current) => {
    const start = next.start_date;
    const period = { start, end: next.end_date ?? addMonth(start) };
    setItems(
      current,
      next.items.map((item) =>
        newItem(current.id, priceOf(state, item.price, "price"), period, item.quantity, state.now()),
      ),
    );
  });
  schedule.current_phase = { start_date: next.start_date, end_date: next.end_date };
  if (schedule.phases.at(-1) === next && schedule.end_behavior === "release") release(state, schedule);
  return schedule;
}
