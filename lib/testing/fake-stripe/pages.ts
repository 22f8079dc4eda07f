import type { FakeCheckoutSession } from "./checkout-sessions";
import type { FakePortalSession } from "./portal-sessions";
import type { FakePrice, FakeProduct } from "./prices";
import type { FakeStripeState } from "./state";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** Checkout's hosted page: names what is bought; "Pay" completes the session and goes to success_url. */
export function checkoutPage(state: FakeStripeState, session: FakeCheckoutSession): string {
  const items = state.checkoutExtras.get(session.id)?.lineItems ?? [];
  const names = items.map((item) => {
    const price = state.find(item.price) as FakePrice | undefined;
    const product = price ? (state.find(price.product) as FakeProduct | undefined) : undefined;
    return `<li data-lookup-key="${escapeHtml(price?.lookup_key ?? "")}">${escapeHtml(product?.name ?? item.price)}${price?.lookup_key ? ` (${escapeHtml(price.lookup_key)})` : ""}</li>`;
  });
  const action =
    session.status === "open"
      ? `<form method="post" action="/_fake/checkout/${escapeHtml(session.id)}/pay"><button type="submit">Pay</button></form>`
      : `<p>This session is ${escapeHtml(session.status)}.</p>`;
  const cancel = session.cancel_url ? `<p><a href="${escapeHtml(String(session.cancel_url))}">Cancel</a></p>` : "";
  return page("Fake Stripe Checkout", `<ul>${names.join("")}</ul>${action}${cancel}`);
}

export function portalPage(session: FakePortalSession): string {
  const back = session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return</a></p>` : "";
  return page("Fake Stripe Customer Portal", `<p>Customer ${escapeHtml(session.customer)}</p>${back}`);
}

export function notFoundPage(): string {
  return page("Not found", "<p>No such session.</p>");
}
