import type { Role } from "@/lib/access/permissions";
import { MAX_KEY_LIFETIME_DAYS } from "@/lib/api-keys/api-key-schemas";
import type { ApiKeyAllowance, ApiKeyView } from "@/lib/api-keys/list-api-keys";
import { allowanceLine, limitHint } from "./allowance";
import { ApiKeysPanel } from "./api-keys-panel";

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Runs on the server: the sentences about the plan's allowance, the server's clock (so "3 hours ago"
 * reads the same in hydration) and the expiry dates the action accepts, for the browser's panel.
 */
export function ApiKeysTab({
  workspaceId,
  keys,
  allowance,
  actorRole,
}: {
  workspaceId: string;
  keys: ApiKeyView[];
  allowance: ApiKeyAllowance;
  actorRole: Role;
}) {
  // Rendered once per request, so reading the clock here is intended.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  return (
    <ApiKeysPanel
      workspaceId={workspaceId}
      keys={keys}
      allowance={allowanceLine(allowance)}
      limitHint={limitHint(allowance)}
      actorRole={actorRole}
      now={now}
      dateBounds={{
        // The end of the chosen day (UTC) must be in the future and within the lifetime the action allows.
        min: dayOf(now + 5 * 60_000),
        max: dayOf(now + (MAX_KEY_LIFETIME_DAYS - 1) * 86_400_000),
      }}
    />
  );
}
