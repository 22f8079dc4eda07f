// The app's own sendEmail (lib/email/send-email.ts) against a real SMTP server on loopback
// (lib/testing/smtp-sink.ts), configured the way production is: EMAIL_SERVER and EMAIL_FROM.
import { afterEach, describe, expect, it, vi } from "vitest";
import { appSmtpSink, type AppSmtpSink } from "../testing/app-smtp";
import { findLink } from "../testing/smtp-sink";
import { emailDeliveryFor } from "./send-email";
import { signInEmail } from "./templates/sign-in-email";

describe("email delivery choice", () => {
  it("uses SMTP whenever a server is set", () => {
    const smtp = "smtp://mail.example:587";
    expect(emailDeliveryFor({ emailServer: smtp, nodeEnv: "production", devMailbox: false })).toBe("smtp");
    expect(emailDeliveryFor({ emailServer: smtp, nodeEnv: "development", devMailbox: true })).toBe("smtp");
  });

  it("uses the development mailbox only when asked for (DEV_MAILBOX=1) and never in production", () => {
    expect(emailDeliveryFor({ emailServer: undefined, nodeEnv: "development", devMailbox: true })).toBe("dev-mailbox");
    expect(emailDeliveryFor({ emailServer: undefined, nodeEnv: "test", devMailbox: true })).toBe("dev-mailbox");
    expect(emailDeliveryFor({ emailServer: undefined, nodeEnv: "development", devMailbox: false })).toBeNull();
    expect(emailDeliveryFor({ emailServer: undefined, nodeEnv: "production", devMailbox: true })).toBeNull();
  });
});

describe("sendEmail over real SMTP", () => {
  let sink: AppSmtpSink | undefined;
  afterEach(async () => {
    await sink?.restore();
    sink = undefined;
  });

  const FROM = "Settings Test <settings-test@example.com>";
  const loadSendEmail = async () => {
    sink = await appSmtpSink({ EMAIL_FROM: FROM });
    return (await import("./send-email")).sendEmail;
  };

  it("hands the message to the mail server: sender, recipient, subject and body arrive", async () => {
    const sendEmail = await loadSendEmail();
    const delivery = await sendEmail({
      to: "ana@example.com",
      subject: "Hello from the settings",
      text: "Plain body line\n",
      html: "<p>HTML body line</p>",
    });
    expect(delivery).toBe("smtp");
    expect(sink!.messages).toHaveLength(1);
    const [email] = sink!.messages;
    expect(email!.to).toEqual(["ana@example.com"]);
    expect(email!.from).toBe("settings-test@example.com");
    expect(email!.subject).toBe("Hello from the settings");
    expect(email!.body).toContain("Plain body line");
    expect(email!.body).toContain("<p>HTML body line</p>");
    expect(email!.body).toMatch(/^From: Settings Test <settings-test@example\.com>$/m);
  });

  it("the sign-in email arrives with a working link, even a long one that quoted-printable wraps", async () => {
    const sendEmail = await loadSendEmail();
    const url = `http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=${encodeURIComponent("http://localhost:3000/w/" + "a".repeat(80))}&token=${"f".repeat(64)}&email=x%40example.com`;
    await sendEmail(signInEmail("x@example.com", url, "localhost:3000"));
    const [email] = sink!.messages;
    expect(email!.to).toEqual(["x@example.com"]);
    expect(email!.subject).toBe("Sign in to localhost:3000");
    expect(findLink(email!, "/api/auth/callback/nodemailer")).toBe(url);
  });

  it("when the mail server is down, the caller gets the error (nothing is reported as sent)", async () => {
    const sendEmail = await loadSendEmail();
    await sink!.stop();
    await expect(
      sendEmail({ to: "ana@example.com", subject: "Lost", text: "Lost\n", html: "<p>Lost</p>" }),
    ).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(sink!.messages).toEqual([]);
  });

  it("without a mail server: the development mailbox outside production, an error in production", async () => {
    vi.stubEnv("EMAIL_SERVER", "");
    vi.resetModules();
    try {
      const dev = await import("./send-email");
      const mailbox = await import("./dev-mailbox");
      const subject = `Dev mailbox ${Date.now()}`;
      expect(await dev.sendEmail({ to: "dev@example.com", subject, text: "x\n", html: "<p>x</p>" })).toBe(
        "dev-mailbox",
      );
      expect(mailbox.readDevMailbox()[0]).toMatchObject({ to: "dev@example.com", subject });

      vi.stubEnv("NODE_ENV", "production");
      vi.resetModules();
      const production = await import("./send-email");
      await expect(
        production.sendEmail({ to: "p@example.com", subject: "No", text: "x\n", html: "<p>x</p>" }),
      ).rejects.toBeInstanceOf(production.EmailNotConfiguredError);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it("escapes HTML in the host name", () => {
    expect(signInEmail("x@example.com", "http://a/b", "<script>").html).not.toContain("<script>");
  });
});
