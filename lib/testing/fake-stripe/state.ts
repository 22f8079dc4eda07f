import { newId } from "./ids";
import { noSuch } from "./stripe-error";

/** Any Stripe object as the API answers it. */
export type StripeObject = { id: string; object: string; [key: string]: unknown };

export interface FakeEvent extends StripeObject {
  object: "event";
  type: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
}

export interface MeterEventAttempt {
  identifier: string;
  eventName: string;
  customer: string | undefined;
  value: string | undefined;
  timestamp: number;
  /** False when the identifier had already been accepted (Stripe refuses the repeat). */
  accepted: boolean;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

export const API_VERSION = "2026-10-28.endive";

/** Everything the fake remembers, in memory. Tests isolate by their own customers, never by resetting. */
export class FakeStripeState {
  readonly objects = new Map<string, StripeObject>();
  /** Oldest first; listing reverses it. */
  readonly events: FakeEvent[] = [];
  readonly idempotency = new Map<string, StoredResponse>();
  readonly meterEventAttempts: MeterEventAttempt[] = [];
  /** Checkout sessions' line items and subscription data (not part of the session object). */
  readonly checkoutExtras = new Map<
    string,
    { lineItems: { price: string; quantity: number }[]; subscriptionMetadata: Record<string, string> }
  >();

  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  put<T extends StripeObject>(object: T): T {
    this.objects.set(object.id, object);
    return object;
  }

  find(id: string): StripeObject | undefined {
    return this.objects.get(id);
  }

  /** The object with that id and type, or Stripe's 404 naming the kind. */
  get<T extends StripeObject>(id: string, objectType: string, kind: string, param = "id"): T {
    const found = this.objects.get(id);
    if (!found || found.object !== objectType) throw noSuch(kind, id, param);
    return found as T;
  }

  all<T extends StripeObject>(objectType: string): T[] {
    return [...this.objects.values()].filter((object) => object.object === objectType) as T[];
  }

  /** Records the event Stripe would send for a change (a deep copy of the object as it is now). */
  record(type: string, object: StripeObject, previousAttributes?: Record<string, unknown>): FakeEvent {
    const event: FakeEvent = {
      id: newId("evt_"),
      object: "event",
      api_version: API_VERSION,
      created: this.now(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.push(event);
    this.objects.set(event.id, event);
    return event;
  }
}
