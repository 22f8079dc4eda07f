// `sslmode` in the connection string is honoured on every path the app connects by, against a real
// PostgreSQL with TLS and one without (docs/database-tls.md).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../generated/prisma/client";
import { testAdminDatabaseUrl } from "../testing/require-database";
import { CERTIFICATE_HOSTS, startTlsPostgres, type TlsPostgres } from "../testing/tls-postgres";
import { withDatabase } from "./database-url";
import { createPool } from "./pools";
import { createPrismaClient } from "./prisma";

const SSL_IN_USE = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

const VERIFICATION_FAILED = /unable to verify the first certificate/;
const HOSTNAME_MISMATCH = /does not match certificate's altnames/;
const SERVER_WITHOUT_TLS = /The server does not support SSL connections/;

/** `url` with `params` set in its query. */
function withParams(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

async function sslOnPool(pool: pg.Pool): Promise<boolean> {
  try {
    const { rows } = await pool.query<{ ssl: boolean }>(SSL_IN_USE);
    return rows[0]!.ssl;
  } finally {
    await pool.end();
  }
}

async function sslOnPrisma(db: PrismaClient): Promise<boolean> {
  try {
    const rows = await db.$queryRawUnsafe<{ ssl: boolean }[]>(SSL_IN_USE);
    return rows[0]!.ssl;
  } finally {
    await db.$disconnect();
  }
}

/** Connects with a plain pg.Client and answers whether the session uses TLS. */
async function sslOnClient(url: string): Promise<boolean> {
  // Inside the async function: a client whose connection string cannot be parsed throws in its constructor.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ ssl: boolean }>(SSL_IN_USE);
    return rows[0]!.ssl;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Each way the app connects, given the connection string as the app gets it from DATABASE_URL:
 * connects, and answers whether its session uses TLS.
 */
const CONNECTION_PATHS: [string, (url: string) => Promise<boolean>][] = [
  ["createPool (system pool, delivery engine)", (url) => sslOnPool(createPool(url, { name: "tls-test" }))],
  ["createPool pipelined (readPool)", (url) => sslOnPool(createPool(url, { pipeline: true, name: "tls-test" }))],
  ["createPrismaClient (PrismaPg with the connection string)", (url) => sslOnPrisma(createPrismaClient(url))],
  [
    "PrismaPg on createPool (systemDb)",
    (url) => sslOnPrisma(new PrismaClient({ adapter: new PrismaPg(createPool(url, { name: "tls-test" })) })),
  ],
  // The rate limiter builds its pool from DATABASE_URL exactly so (reaching its own pool would mean changing the env).
  ["pg.Pool as the rate limiter builds it", (url) => sslOnPool(new pg.Pool({ connectionString: url, max: 10 }))],
  [
    "PgBoss with connectionString (job runner)",
    async (url) => {
      const boss = new PgBoss({ connectionString: url, schema: "pgboss", supervise: false, schedule: false });
      boss.on("error", () => undefined);
      try {
        await boss.start();
        const { rows } = await boss.getDb().executeSql(SSL_IN_USE);
        return (rows as { ssl: boolean }[])[0]!.ssl;
      } finally {
        await boss.stop({ graceful: false });
      }
    },
  ],
  // Migrations, create-database and scratch databases connect to withDatabase(url, …): the query must survive it.
  [
    "pg.Client on withDatabase(url) (migrations, scratch databases)",
    (url) => sslOnClient(withDatabase(url, "postgres")),
  ],
];

let tls: TlsPostgres;
/** The suite's own server, which has no TLS. */
let plainUrl: string;

beforeAll(async () => {
  tls = await startTlsPostgres();
  plainUrl = testAdminDatabaseUrl;
});
afterAll(async () => {
  await tls?.stop();
});

describe("the servers", () => {
  it("the suite's own server has no TLS, so a client that asks for TLS there must be refused", async () => {
    const client = new pg.Client({ connectionString: withParams(plainUrl, { sslmode: "disable" }) });
    await client.connect();
    try {
      const { rows } = await client.query<{ ssl: string }>("SHOW ssl");
      expect(rows[0]!.ssl, "these tests need the suite's server without TLS (ssl = off)").toBe("off");
    } finally {
      await client.end();
    }
  });

  it("the test server offers TLS and accepts plain connections too, so only the client's mode decides", async () => {
    expect(await sslOnClient(tls.url({ sslmode: "verify-full", sslrootcert: tls.caFile }))).toBe(true);
    expect(await sslOnClient(tls.url())).toBe(false);
  });
});

describe.each(CONNECTION_PATHS)("%s", (_name, sslInUse) => {
  it("sslmode=verify-full with the server's CA: connects over TLS", async () => {
    expect(await sslInUse(tls.url({ sslmode: "verify-full", sslrootcert: tls.caFile }))).toBe(true);
  });

  it("sslmode=verify-full with another CA: refused (certificate verification)", async () => {
    await expect(sslInUse(tls.url({ sslmode: "verify-full", sslrootcert: tls.otherCaFile }))).rejects.toThrow(
      VERIFICATION_FAILED,
    );
  });

  it("sslmode=verify-full to an address the certificate does not name: refused (hostname mismatch)", async () => {
    const url = tls.url({ sslmode: "verify-full", sslrootcert: tls.caFile }, CERTIFICATE_HOSTS.notInCertificate);
    await expect(sslInUse(url)).rejects.toThrow(HOSTNAME_MISMATCH);
  });

  it("sslmode=require to a server without TLS: refused", async () => {
    await expect(sslInUse(withParams(plainUrl, { sslmode: "require" }))).rejects.toThrow(SERVER_WITHOUT_TLS);
  });

  it("no sslmode: plain text, even to a server that offers TLS", async () => {
    expect(await sslInUse(tls.url())).toBe(false);
  });
});

// What the installed pg-connection-string makes of each sslmode (docs/database-tls.md, "What each sslmode does").
describe("node-postgres's sslmode values", () => {
  it("verify-full checks the name against the certificate: DNS names as well as IP addresses", async () => {
    const url = tls.url({ sslmode: "verify-full", sslrootcert: tls.caFile }, CERTIFICATE_HOSTS.dns);
    expect(await sslOnClient(url)).toBe(true);
  });

  it("without sslrootcert the CA must be one Node.js trusts by default: our throwaway CA is not", async () => {
    await expect(sslOnClient(tls.url({ sslmode: "verify-full" }))).rejects.toThrow(VERIFICATION_FAILED);
  });

  it("require, verify-ca and prefer are aliases of verify-full: they verify the CA and the host name", async () => {
    await expect(sslOnClient(tls.url({ sslmode: "require" }))).rejects.toThrow(VERIFICATION_FAILED);
    await expect(sslOnClient(tls.url({ sslmode: "prefer" }))).rejects.toThrow(VERIFICATION_FAILED);
    const wrongHost = tls.url({ sslmode: "verify-ca", sslrootcert: tls.caFile }, CERTIFICATE_HOSTS.notInCertificate);
    await expect(sslOnClient(wrongHost)).rejects.toThrow(HOSTNAME_MISMATCH);
  });

  it("prefer does not fall back to plain text when the server has no TLS (libpq would)", async () => {
    await expect(sslOnClient(withParams(plainUrl, { sslmode: "prefer" }))).rejects.toThrow(SERVER_WITHOUT_TLS);
  });

  it("no-verify: TLS without any verification", async () => {
    expect(await sslOnClient(tls.url({ sslmode: "no-verify" }))).toBe(true);
  });

  it("disable: plain text to a server that offers TLS", async () => {
    expect(await sslOnClient(tls.url({ sslmode: "disable" }))).toBe(false);
  });

  it("uselibpqcompat=true gives libpq's meanings: require checks nothing, verify-ca no host name", async () => {
    expect(await sslOnClient(tls.url({ uselibpqcompat: "true", sslmode: "require" }))).toBe(true);
    const wrongHost = tls.url(
      { uselibpqcompat: "true", sslmode: "verify-ca", sslrootcert: tls.caFile },
      CERTIFICATE_HOSTS.notInCertificate,
    );
    expect(await sslOnClient(wrongHost)).toBe(true);
    const otherCa = tls.url({ uselibpqcompat: "true", sslmode: "verify-ca", sslrootcert: tls.otherCaFile });
    await expect(sslOnClient(otherCa)).rejects.toThrow(VERIFICATION_FAILED);
    const verifyFull = tls.url(
      { uselibpqcompat: "true", sslmode: "verify-full", sslrootcert: tls.caFile },
      CERTIFICATE_HOSTS.notInCertificate,
    );
    await expect(sslOnClient(verifyFull)).rejects.toThrow(HOSTNAME_MISMATCH);
    // Even libpq's prefer does not fall back to plain text here.
    const prefer = withParams(plainUrl, { uselibpqcompat: "true", sslmode: "prefer" });
    await expect(sslOnClient(prefer)).rejects.toThrow(SERVER_WITHOUT_TLS);
  });

  it("sslrootcert is a file the client reads: libpq's sslrootcert=system is not understood", async () => {
    const url = tls.url({ sslmode: "verify-full", sslrootcert: "system" });
    await expect(sslOnClient(url)).rejects.toThrow(/ENOENT/);
  });
});
