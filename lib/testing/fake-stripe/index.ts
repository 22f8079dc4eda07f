// A local Stripe-compatible API for tests (docs/decisions/012-stripe-prices-overage-and-test-server.md).
export { startFakeStripe, type FakeStripe, type FakeStripeOptions } from "./server";
export { fakeStripeControls, type FakeStripeControls, type FakeMeterEventSummary } from "./fake-stripe-controls";
export type { DashboardChange } from "./controls";
export { signStripePayload, signedWebhookRequest } from "./sign-event";
