import type { OutgoingEmail } from "../outgoing-email";
import { formatCount, formatUtc, planName } from "../../usage/usage-limit-message";
import { escapeHtml } from "./escape-html";

export interface UsageAlertEmailArgs {
  to: string;
  workspaceName: string;
  /** 80 or 100. */
  threshold: number;
  used: number;
  limit: number;
  periodEnd: Date;
  plan: string;
  /** Whether traces past the limit are billed (else the limit is hard). */
  overage: boolean;
  /** USD per 1,000 traces over the limit, when billed. */
  overagePer1k: number | null;
  billingUrl: string;
}

/** The usage alert an owner or admin gets once per period at 80% and at 100% of the plan's traces. */
export function usageAlertEmail(args: UsageAlertEmailArgs): OutgoingEmail {
  const { to, workspaceName, threshold, used, limit, periodEnd, plan, overage, overagePer1k, billingUrl } = args;
  const percent = Math.floor((used * 100) / limit);
  const reached = threshold >= 100 ? "has reached its trace limit" : `has used ${threshold}% of its traces`;
  const next =
    threshold >= 100
      ? overage
        ? `Traces past the limit are billed as overage${overagePer1k === null ? "" : ` at $${overagePer1k} per 1,000 traces`} until the period resets on ${formatUtc(periodEnd)}.`
        : `The ${planName(plan)} plan has a hard limit: further traces are refused until the period resets on ${formatUtc(periodEnd)}.`
      : overage
        ? `At 100%, traces past the limit are billed as overage${overagePer1k === null ? "" : ` at $${overagePer1k} per 1,000 traces`}; the period resets on ${formatUtc(periodEnd)}.`
        : `At 100%, the ${planName(plan)} plan's hard limit refuses further traces until the period resets on ${formatUtc(periodEnd)}.`;
  const numbers = `${formatCount(used)} of ${formatCount(limit)} traces used this period (${percent}%).`;
  return {
    to,
    subject: `${workspaceName} ${reached}`,
    text: `${workspaceName} ${reached}: ${numbers}\n\n${next}\n\nSee usage or change the plan on the Billing tab:\n${billingUrl}\n`,
    html: `<p><strong>${escapeHtml(workspaceName)}</strong> ${escapeHtml(reached)}: ${escapeHtml(numbers)}</p>
<p>${escapeHtml(next)}</p>
<p><a href="${escapeHtml(billingUrl)}" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:8px;text-decoration:none">Open the Billing tab</a></p>`,
  };
}
