import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import { headers } from "next/headers";
import { clientIp, currentPeerAddress } from "../access/client-ip";
import { env } from "../env";
import { systemDb } from "../db/prisma";
import { sendEmail } from "../email/send-email";
import { signInEmail } from "../email/templates/sign-in-email";
import { logger } from "../logger";
import { authSecret } from "./auth-secret";
import { safeRedirectUrl } from "./safe-redirect";
import { sessionFromUser } from "./session-shape";
import { takeSignInLinkBudget } from "./sign-in-throttle";

export const githubEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

/** Where a sign-in link request always ends, sent or throttled: the answer is the same either way. */
export const CHECK_EMAIL_PATH = "/sign-in/check-email";
/** Auth.js's own answer after sending a link (it redirects on to CHECK_EMAIL_PATH); a throttled request gets it too. */
const LINK_SENT_ANSWER = "/api/auth/verify-request?provider=nodemailer&type=email";

/** Auth.js's adapter, except that a new sign-in link retires the address's earlier unused ones. */
function adapter() {
  const db = systemDb();
  const base = PrismaAdapter(db as never);
  return {
    ...base,
    async createVerificationToken(token: { identifier: string; token: string; expires: Date }) {
      await db.verificationToken.deleteMany({ where: { identifier: token.identifier } });
      return base.createVerificationToken!(token);
    },
  };
}

async function requestIp(): Promise<string | null> {
  const forwardedFor = (await headers()).get("x-forwarded-for");
  return clientIp(forwardedFor, currentPeerAddress(), env.TRUSTED_PROXY_HOPS);
}

// Built on first use, not at import: `next build` must not need production secrets.
const config = (): NextAuthConfig => ({
  // Auth path: the adapter works across workspaces on the system client.
  adapter: adapter(),
  secret: authSecret(),
  // Production requires AUTH_URL (instrumentation.ts), so links never come from a request's Host header.
  trustHost: true,
  session: { strategy: "database", maxAge: 30 * 24 * 3600, updateAge: 24 * 3600 },
  pages: { signIn: "/sign-in", verifyRequest: CHECK_EMAIL_PATH, error: "/sign-in" },
  providers: [
    Nodemailer({
      // Delivery is ours (SMTP or the dev mailbox); this value is never used to connect.
      server: env.EMAIL_SERVER ?? "smtp://127.0.0.1:0",
      from: env.EMAIL_FROM,
      maxAge: 24 * 3600,
      async sendVerificationRequest({ identifier, url }) {
        await sendEmail(signInEmail(identifier, url, new URL(url).host));
      },
    }),
    ...(githubEnabled ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
  ],
  callbacks: {
    // Every path to a sign-in link (our form's action and Auth.js's own POST) passes here first.
    async signIn({ user, email }) {
      if (!email?.verificationRequest || !user.email) return true;
      if (await takeSignInLinkBudget(user.email, await requestIp())) return true;
      logger.warn("sign-in link refused: rate limit");
      return LINK_SENT_ANSWER; // no token, no email, and the same answer as when one went out
    },
    redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    // Identity comes from the database row only; whatever a client sends to
    // "update" the session is ignored. Roles and workspaces are never in it.
    session: ({ session, user }) => sessionFromUser(session, user),
  },
});

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
