// Sign-in links: 5 per address per 15 minutes, 30 per network address per hour, refusals free,
// and no email address stored in rate_limits (real PostgreSQL).
import { createHash, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { rateLimiter } from "../rate-limit/rate-limiter";
import { testPg } from "../testing/test-db";
import { SIGN_IN_LINKS_PER_ADDRESS, SIGN_IN_LINKS_PER_IP, takeSignInLinkBudget } from "./sign-in-throttle";

const uniqueEmail = (label = "signin") => `${label}-${randomUUID().slice(0, 12)}@Throttle.example`;
/** A documentation-range (2001:db8::/32) address of this test run's own. */
const testNet = () => `2001:db8:${randomUUID().slice(0, 4)}::${Math.floor(Math.random() * 65535).toString(16)}`;

const emailKey = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
const emailPoints = async (email: string) =>
  (await rateLimiter("signin_email", SIGN_IN_LINKS_PER_ADDRESS, 15 * 60).get(emailKey(email)))?.consumedPoints ?? 0;
const ipPoints = async (ip: string) =>
  (await rateLimiter("signin_ip", SIGN_IN_LINKS_PER_IP, 3600).get(ip))?.consumedPoints ?? 0;

async function takeTimes(times: number, email: (i: number) => string, ip: string | null): Promise<boolean[]> {
  const answers: boolean[] = [];
  for (let i = 0; i < times; i++) answers.push(await takeSignInLinkBudget(email(i), ip));
  return answers;
}

describe("per address", () => {
  it("5 links, then refused", async () => {
    expect(SIGN_IN_LINKS_PER_ADDRESS).toBe(5);
    const email = uniqueEmail();
    expect(await takeTimes(7, () => email, null)).toEqual([true, true, true, true, true, false, false]);
  });

  it("the address is case- and space-insensitive: one budget for all its spellings", async () => {
    const email = uniqueEmail("Case");
    const spellings = [email, email.toUpperCase(), email.toLowerCase(), `  ${email}  `, `\t${email.toUpperCase()}\n`];
    expect(await takeTimes(5, (i) => spellings[i]!, null)).toEqual([true, true, true, true, true]);
    expect(await takeSignInLinkBudget(email.toLowerCase(), null)).toBe(false);
    expect(await takeSignInLinkBudget(` ${email.toUpperCase()} `, null)).toBe(false);
  });

  it("a refused attempt does not count: the budget stays at 5 used, however often it is asked", async () => {
    const email = uniqueEmail("refused");
    await takeTimes(5, () => email, null);
    expect(await emailPoints(email)).toBe(5);
    expect(await takeTimes(4, () => email, null)).toEqual([false, false, false, false]);
    expect(await emailPoints(email)).toBe(5);
  });

  it("other addresses are not affected", async () => {
    const spent = uniqueEmail("spent");
    await takeTimes(6, () => spent, null);
    expect(await takeSignInLinkBudget(uniqueEmail("fresh"), null)).toBe(true);
  });
});

describe("per network address", () => {
  it("30 links for distinct addresses from one IP pass, the 31st is refused and costs its address nothing", async () => {
    expect(SIGN_IN_LINKS_PER_IP).toBe(30);
    const ip = testNet();
    const emails = Array.from({ length: 32 }, () => uniqueEmail("ip"));
    const answers = await takeTimes(32, (i) => emails[i]!, ip);
    expect(answers.slice(0, 30).every(Boolean)).toBe(true);
    expect(answers.slice(30)).toEqual([false, false]);
    expect(await ipPoints(ip)).toBe(30);
    // The refused addresses' own budgets were given back.
    expect(await emailPoints(emails[30]!)).toBe(0);
    expect(await emailPoints(emails[31]!)).toBe(0);
    // Another network address is not affected.
    expect(await takeSignInLinkBudget(uniqueEmail("other-ip"), testNet())).toBe(true);
  });

  it("an address refused per address does not spend the IP's budget", async () => {
    const ip = testNet();
    const email = uniqueEmail("both");
    await takeTimes(5, () => email, ip);
    expect(await ipPoints(ip)).toBe(5);
    expect(await takeTimes(3, () => email, ip)).toEqual([false, false, false]);
    expect(await ipPoints(ip)).toBe(5);
  });

  it("ip null skips the IP budget (an unknown connection has none of its own)", async () => {
    // 35 distinct addresses with no ip: all pass, and no "null" key appears.
    const answers = await takeTimes(35, () => uniqueEmail("noip"), null);
    expect(answers.every(Boolean)).toBe(true);
    expect(await ipPoints("null")).toBe(0);
    expect(await ipPoints("")).toBe(0);
  });
});

describe("what is stored", () => {
  const pg = testPg();
  afterAll(async () => (await pg).end());

  it("rate_limits holds no plain email address, only hashes", async () => {
    const email = uniqueEmail("stored");
    await takeSignInLinkBudget(email, testNet());
    const client = await pg;
    const withAt = await client.query<{ key: string }>(`SELECT key FROM rate_limits WHERE key LIKE '%@%'`);
    expect(withAt.rows).toEqual([]);
    const local = email.split("@")[0]!.toLowerCase();
    const leaked = await client.query(`SELECT key FROM rate_limits WHERE lower(key) LIKE $1`, [`%${local}%`]);
    expect(leaked.rows).toEqual([]);
    const hashed = await client.query(`SELECT points FROM rate_limits WHERE key = $1`, [
      `signin_email:${emailKey(email)}`,
    ]);
    expect(hashed.rows).toEqual([{ points: 1 }]);
  });
});
