import { childProcessEnv } from "../../env";

/** Connection parameters libpq accepts in a URI; others (Prisma's `schema`, `connection_limit`…) it rejects. */
const LIBPQ_PARAMETERS = new Set([
  "host",
  "hostaddr",
  "port",
  "dbname",
  "user",
  "passfile",
  "channel_binding",
  "connect_timeout",
  "options",
  "application_name",
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "tcp_user_timeout",
  "sslmode",
  "sslnegotiation",
  "sslcompression",
  "sslcert",
  "sslkey",
  "sslrootcert",
  "sslcrl",
  "sslcrldir",
  "sslsni",
  "require_auth",
  "ssl_min_protocol_version",
  "ssl_max_protocol_version",
  "gssencmode",
  "krbsrvname",
  "service",
  "target_session_attrs",
  "load_balance_hosts",
]);

export interface ToolConnection {
  /** The connection string for the tool's command line: no password in it. */
  uri: string;
  /** The tool's environment: the password travels as PGPASSWORD. */
  env: NodeJS.ProcessEnv;
  /** Strings to hide from anything the tool prints. */
  secrets: string[];
}

/** How pg_dump, pg_restore and psql connect to `url` without its password on their command line. */
export function toolConnection(url: string): ToolConnection {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password) || parsed.searchParams.get("password") || "";
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (!LIBPQ_PARAMETERS.has(key)) parsed.searchParams.delete(key);
  }
  return {
    uri: parsed.toString(),
    env: childProcessEnv(password ? { PGPASSWORD: password } : {}),
    secrets: password ? [password, encodeURIComponent(password)] : [],
  };
}

/** `text` with every secret replaced by ***. */
export function hideSecrets(text: string, secrets: string[]): string {
  return secrets.reduce((result, secret) => (secret ? result.replaceAll(secret, "***") : result), text);
}
