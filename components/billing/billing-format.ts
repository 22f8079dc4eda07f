/** Formatting shared by the Billing tab's parts (UTC dates: periods are UTC). */
export const dateOf = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
export const shortDay = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
export const count = new Intl.NumberFormat("en-US");
export const moneyOf = (amount: number, currency = "usd") =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount);

/** Whole days from now until `iso` (0 when past). */
export function daysUntil(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 86_400_000));
}

export const inDays = (days: number) => (days === 0 ? "today" : days === 1 ? "in 1 day" : `in ${days} days`);
