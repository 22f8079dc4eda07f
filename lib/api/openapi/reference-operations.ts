import { z } from "zod";
import { MAX_WEBHOOK_BYTES } from "../../stripe/inbox/receive-stripe-webhook";
import type { OperationSpec } from "./operation-spec";

/** This document itself, as GET /api/openapi.json serves it (its shape is the OpenAPI 3.1 schema's business). */
const documentSchema = z
  .looseObject({
    openapi: z.string().startsWith("3.1."),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ description: "An OpenAPI 3.1 document." });

/** A Stripe event as Stripe posts it (signed; only Stripe's own fields). */
const stripeEventBody = z
  .looseObject({
    id: z.string().startsWith("evt_"),
    object: z.literal("event"),
    type: z.string(),
    created: z.number().int(),
    livemode: z.boolean(),
    data: z.looseObject({ object: z.looseObject({}) }),
  })
  .meta({ id: "StripeEvent" });

const stripeWebhookAnswer = z
  .strictObject({
    received: z.literal(true),
    outcome: z.enum(["applied", "duplicate", "stale", "unhandled", "no_workspace"]),
  })
  .meta({ id: "StripeWebhookAnswer" });

export const REFERENCE_OPERATIONS: Record<string, OperationSpec> = {
  "GET /api/openapi.json": {
    operationId: "getOpenApiDocument",
    summary: "Get this document",
    description:
      "This API's OpenAPI 3.1 document, for code generators and tools (cached for 5 minutes). People read it at /docs/api.",
    tag: "Reference",
    access: { kind: "public" },
    responses: { 200: { description: "The OpenAPI document.", schema: documentSchema } },
    errors: {},
  },
  "POST /api/webhooks/stripe": {
    operationId: "receiveStripeWebhook",
    summary: "Receive a Stripe event",
    description:
      "Stripe's webhook endpoint, for Stripe only: the `Stripe-Signature` header must verify on the raw body with the " +
      "endpoint's signing secret (`STRIPE_WEBHOOK_SECRET`, 5 minutes' tolerance). Each event is applied once, whatever " +
      "the number or order of deliveries; the answer says `applied`, `duplicate`, `stale` (older than the state already " +
      "applied), `unhandled` or `no_workspace`.",
    tag: "Reference",
    access: { kind: "public" },
    body: {
      schema: stripeEventBody,
      example: {
        id: "evt_1QExample",
        object: "event",
        type: "customer.subscription.updated",
        created: 1795000000,
        livemode: false,
        data: { object: { id: "sub_1QExample", object: "subscription" } },
      },
    },
    responses: { 200: { description: "The event was received.", schema: stripeWebhookAnswer } },
    errors: {
      400: "The signature is missing, does not match, or is older than 5 minutes; or the event's mode is not this deployment's (see `fieldErrors`).",
      413: `The body is larger than ${MAX_WEBHOOK_BYTES.toLocaleString("en-US")} bytes.`,
      500: "Applying the event failed; nothing was applied, and Stripe's retry will apply it.",
      503: "Payments are not set up on this server (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET).",
    },
  },
};
