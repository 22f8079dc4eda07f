import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTransport } from "nodemailer";
import { startSmtpSink, findLink } from "../testing/smtp-sink";
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

describe("the sign-in email over real SMTP", () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.stop());

  it("arrives with a working link, even a long one that quoted-printable wraps", async () => {
    const url = `http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=${encodeURIComponent("http://localhost:3000/w/" + "a".repeat(80))}&token=${"f".repeat(64)}&email=x%40example.com`;
    const transport = createTransport(sink.url);
    await transport.sendMail({ from: "app@example.com", ...signInEmail("x@example.com", url, "localhost:3000") });
    const [email] = sink.messages;
    expect(email!.to).toEqual(["x@example.com"]);
    expect(email!.subject).toBe("Sign in to localhost:3000");
    expect(findLink(email!, "/api/auth/callback/nodemailer")).toBe(url);
  });

  it("escapes HTML in the host name", () => {
    expect(signInEmail("x@example.com", "http://a/b", "<script>").html).not.toContain("<script>");
  });
});
