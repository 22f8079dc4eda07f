import Link from "next/link";
import { Button } from "@/components/ui/button";
import { AUDIT_ACTION_GROUPS, KNOWN_AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { AUDIT_DATE_MAX, AUDIT_DATE_MIN } from "@/lib/audit/audit-filters";
import type { FieldErrors } from "@/lib/errors";

const control =
  "min-h-10 w-full min-w-0 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-invalid:border-red-400";

/** What the form shows: the values as typed (even when refused), so they can be corrected. */
export interface AuditFilterValues {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

const ERRORS_ID = "audit-filter-errors";

const fieldProps = (name: keyof AuditFilterValues, errors: FieldErrors) =>
  errors[name]?.length ? { "aria-invalid": true, "aria-describedby": ERRORS_ID } : {};

/** A plain GET form: filters live in the URL, so they can be shared and work without JavaScript. */
export function AuditFiltersForm({
  values,
  errors,
  clearHref,
}: {
  values: AuditFilterValues;
  errors: FieldErrors;
  clearHref: string | null;
}) {
  const unknownAction = values.action && !KNOWN_AUDIT_ACTIONS.includes(values.action) ? values.action : null;
  const isGroup = AUDIT_ACTION_GROUPS.some((group) => group.all.value === values.action);
  const messages = Object.values(errors).flat();
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.3fr_1.3fr_1fr_1fr_auto] lg:items-end"
    >
      <label className="grid min-w-0 gap-1 text-sm font-medium">
        Actor
        <input
          className={control}
          name="actor"
          type="search"
          defaultValue={values.actor}
          placeholder="Name or email"
          maxLength={320}
          {...fieldProps("actor", errors)}
        />
      </label>
      <label className="grid min-w-0 gap-1 text-sm font-medium">
        Action
        <select className={control} name="action" defaultValue={values.action ?? ""} {...fieldProps("action", errors)}>
          <option value="">All actions</option>
          {unknownAction && !isGroup && <option value={unknownAction}>{unknownAction}</option>}
          {AUDIT_ACTION_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              <option value={group.all.value}>{group.all.label}</option>
              {group.actions.map((action) => (
                <option key={action.value} value={action.value}>
                  {action.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="grid min-w-0 gap-1 text-sm font-medium">
        From
        <input
          className={control}
          name="from"
          type="date"
          min={AUDIT_DATE_MIN}
          max={AUDIT_DATE_MAX}
          defaultValue={values.from}
          {...fieldProps("from", errors)}
        />
      </label>
      <label className="grid min-w-0 gap-1 text-sm font-medium">
        To
        <input
          className={control}
          name="to"
          type="date"
          min={AUDIT_DATE_MIN}
          max={AUDIT_DATE_MAX}
          defaultValue={values.to}
          {...fieldProps("to", errors)}
        />
      </label>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-1">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {clearHref && (
          <Link
            href={clearHref}
            className="inline-flex min-h-10 items-center rounded-lg px-3 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            Clear
          </Link>
        )}
      </div>
      {messages.length > 0 && (
        <p id={ERRORS_ID} role="alert" className="text-sm text-red-700 sm:col-span-2 lg:col-span-5 dark:text-red-400">
          The filters were not applied. {messages.join(" ")}
        </p>
      )}
    </form>
  );
}
