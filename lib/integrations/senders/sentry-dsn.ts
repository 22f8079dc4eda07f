export interface SentryDsn {
  /** `https://o123.ingest.sentry.io` (scheme, host and port). */
  origin: string;
  publicKey: string;
  projectId: string;
  /** A self-hosted Sentry under a path ("/sentry"), or "". */
  path: string;
}

/**
 * `https://<public_key>@<host>[/<path>]/<project_id>` → its parts; null when it is not one. A legacy
 * DSN's secret key (`key:secret@`) is ignored: Sentry no longer needs it.
 */
export function parseSentryDsn(dsn: string): SentryDsn | null {
  let url: URL;
  try {
    url = new URL(dsn.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const segments = url.pathname.split("/").filter(Boolean);
  const projectId = segments.pop();
  if (!url.username || !projectId || !/^\d+$/.test(projectId)) return null;
  return {
    origin: url.origin,
    publicKey: decodeURIComponent(url.username),
    projectId,
    path: segments.length > 0 ? `/${segments.join("/")}` : "",
  };
}

/** Where envelopes go: `<origin><path>/api/<project_id>/envelope/`. */
export const envelopeUrlOf = (dsn: SentryDsn) => `${dsn.origin}${dsn.path}/api/${dsn.projectId}/envelope/`;
