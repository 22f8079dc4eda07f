#!/usr/bin/env bash
# Starts pgBouncer (Debian's package) in transaction mode on 127.0.0.1:6432 in front of the
# PostgreSQL server at 127.0.0.1:5432, as CI's server leg uses it. Prints nothing on success.
# The settings are the ones docs/decisions/014-pgbouncer-transaction-pooling.md explains.
set -euo pipefail
dir="${PGBOUNCER_DIR:-/tmp/settings-pgbouncer}"
port="${PGBOUNCER_PORT:-6432}"
if ! command -v pgbouncer >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
fi
if [ -f "$dir/pgbouncer.pid" ] && kill -0 "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; then
  kill "$(cat "$dir/pgbouncer.pid")"
  sleep 1
fi
mkdir -p "$dir"
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
pool_mode = transaction
; the server trusts loopback in CI; production uses scram-sha-256 with auth_query (docs/operations.md)
auth_type = trust
auth_file = $dir/userlist.txt
max_client_conn = 1000
default_pool_size = 40
reserve_pool_size = 10
reserve_pool_timeout = 2
max_db_connections = 60
server_idle_timeout = 60
query_wait_timeout = 60
ignore_startup_parameters = extra_float_digits,options,statement_timeout
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
# With trust, pgBouncer still only admits the users its auth_file names (passwords unused).
printf '"postgres" ""\n"settings_login" ""\n' >"$dir/userlist.txt"
chown -R postgres "$dir" 2>/dev/null || true
# pgBouncer refuses to run as root: it runs as the postgres user when started by root.
if [ "$(id -u)" = 0 ]; then pgbouncer -d -u postgres "$dir/pgbouncer.ini"; else pgbouncer -d "$dir/pgbouncer.ini"; fi
for _ in $(seq 1 50); do
  if psql -h 127.0.0.1 -p "$port" -U postgres -Atc "SELECT 1" postgres >/dev/null 2>&1; then exit 0; fi
  sleep 0.2
done
echo "pgBouncer did not start; its log:" >&2
tail -n 20 "$dir/pgbouncer.log" >&2
exit 1
