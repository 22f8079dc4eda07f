import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import { env } from "../env";
import { systemDb } from "../db/prisma";
import { sendEmail } from "../email/send-email";
import { signInEmail } from "../email/templates/sign-in-email";
import { authSecret } from "./auth-secret";
import { sessionFromUser } from "./session-shape";

export const githubEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

// Built on first use, not at import: `next build` must not need production secrets.
const config = (): NextAuthConfig => ({
  // Auth path: the adapter works across workspaces on the system client.
  adapter: PrismaAdapter(systemDb() as never),
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "database", maxAge: 30 * 24 * 3600, updateAge: 24 * 3600 },
  pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
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
    // Identity comes from the database row only; whatever a client sends to
    // "update" the session is ignored. Roles and workspaces are never in it.
    session: ({ session, user }) => sessionFromUser(session, user),
  },
});

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
