import { env } from "../env";

/** The workspace's Billing tab as an absolute URL (emails, Stripe's return and success URLs). */
export const billingTabUrl = (workspaceId: string) =>
  `${env.APP_URL.replace(/\/$/, "")}/w/${workspaceId}/settings/billing`;
