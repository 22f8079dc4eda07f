import { KeyRoundIcon, XIcon } from "lucide-react";
import { RelativeTime } from "@/components/settings/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ApiKeyView } from "@/lib/api-keys/list-api-keys";
import { formatDay, shownPrefix } from "./api-key-display";

/**
 * One key: a table row from 640px, a card below (api-keys-table.css). The labels inside the cells
 * show on cards only; the table has column headers.
 */
export function ApiKeyRow({
  apiKey,
  now,
  busy,
  onRevoke,
}: {
  apiKey: ApiKeyView;
  /** The server's clock, for "3 hours ago". */
  now: number;
  busy: boolean;
  onRevoke: () => void;
}) {
  const creator = apiKey.createdBy ? (apiKey.createdBy.name ?? apiKey.createdBy.email) : "a former member";
  return (
    <tr>
      <td>
        <KeyRoundIcon aria-hidden="true" />
        {apiKey.name}
      </td>
      <td>
        <code>{shownPrefix(apiKey.prefix)}</code>
      </td>
      <td>
        <div>
          {apiKey.scopes.map((scope) => (
            <Badge key={scope}>{scope}</Badge>
          ))}
        </div>
      </td>
      <td>
        <span>Created </span>
        {formatDay(apiKey.createdAt)}
        <span> by {creator}</span>
      </td>
      <td>
        <span>Last used </span>
        <RelativeTime iso={apiKey.lastUsedAt} empty="Never" now={now} />
      </td>
      <td>
        <span>Expires </span>
        {apiKey.expiresAt ? <time dateTime={apiKey.expiresAt}>{formatDay(apiKey.expiresAt)}</time> : "Never"}
        {apiKey.status === "expired" && (
          <>
            {" "}
            <Badge tone="bad">Expired</Badge>
          </>
        )}
      </td>
      <td>
        <Button variant="ghost" size="sm" disabled={busy} className="text-red-700 dark:text-red-400" onClick={onRevoke}>
          <XIcon aria-hidden="true" />
          Revoke<span className="sr-only"> {apiKey.name}</span>
        </Button>
      </td>
    </tr>
  );
}
