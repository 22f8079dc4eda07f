import { useId } from "react";

/** "Expires": an optional date (the key stops working at the end of that day, UTC); empty: never. */
export function ExpiryField({ min, max, error }: { min: string; max: string; error?: string }) {
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        Expires
      </label>
      <input
        id={id}
        name="expires"
        type="date"
        min={min}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className="min-h-10 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs aria-invalid:border-red-500 sm:max-w-56 dark:border-zinc-700 dark:bg-zinc-900 dark:[color-scheme:dark]"
      />
      <p id={`${id}-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
        Optional. The key stops working at the end of that day (UTC); leave it empty for a key that does not expire.
      </p>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
