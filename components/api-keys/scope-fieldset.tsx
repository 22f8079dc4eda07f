import { useId } from "react";
import { canGrantScope, KEY_SCOPES, type Role } from "@/lib/access/permissions";
import { SCOPE_HELP } from "./api-key-display";

/**
 * "Scopes": one checkbox per scope with what it allows. Scopes the creator's role may not give are
 * disabled, and say so (a key never exceeds its creator's role).
 */
export function ScopeFieldset({ actorRole, error }: { actorRole: Role; error?: string }) {
  const base = useId();
  const errorId = `${base}-error`;
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium">Scopes</legend>
      {KEY_SCOPES.map((scope) => {
        const grantable = canGrantScope(actorRole, scope);
        const id = `${base}-${scope.replace(":", "-")}`;
        return (
          <div key={scope} className="flex items-start gap-3">
            <input
              id={id}
              type="checkbox"
              name="scopes"
              value={scope}
              defaultChecked={scope === "read" && grantable}
              disabled={!grantable}
              aria-describedby={`${id}-help`}
              className="mt-0.5 size-4 shrink-0 accent-brand-600 disabled:cursor-not-allowed"
            />
            <div className="grid gap-0.5">
              <label htmlFor={id} className="font-mono text-sm font-medium">
                {scope}
              </label>
              <p id={`${id}-help`} className="text-sm text-zinc-600 dark:text-zinc-400">
                {SCOPE_HELP[scope]}
                {!grantable && " (your role cannot give this scope)"}
              </p>
            </div>
          </div>
        );
      })}
      {error && (
        <p id={errorId} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
