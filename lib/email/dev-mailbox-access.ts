import { currentPeerAddress } from "../access/client-ip";
import { emailDelivery } from "./send-email";

/** Loopback addresses: the machine the server runs on. */
export function isLoopback(address: string | null): boolean {
  if (!address) return false;
  return address === "::1" || /^127(\.\d{1,3}){3}$/.test(address);
}

/**
 * The development mailbox shows sign-in links, so it is served only when it is
 * the delivery in use (DEV_MAILBOX=1, no SMTP, not production) and only to a
 * browser on the same machine, judged by the connection itself, not by headers.
 */
export function devMailboxVisible(): boolean {
  return emailDelivery() === "dev-mailbox" && isLoopback(currentPeerAddress());
}
