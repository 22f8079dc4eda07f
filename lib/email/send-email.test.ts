import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTransport } from "nodemailer";
import { startSmtpSink, findLink } from "../testing/smtp-sink";
import { emailDeliveryFor } from "./send-email";
import { signInEmail } from "./templates/sign-in-email";

describe("email delivery choice", () => {
  it("uses SMTP whenever a server is set", () => {
    expect(emailDeliveryFor({ emailServer: "smtp://mail.example:587", nodeEnv: "production" })).toBe("smtp");
    expect(emailDeliveryFor({ emailServer: "smtp://mail.example:587", nodeEnv: "development" })).toBe("smtp");
  });

  it("falls back to the development mailbox outside production only", () => {
    expect(emailDeliveryFor({ emailServer: undefined, nodeEnv: "development" })).toBe("dev-mailbox");
    expect(emailDeliveryFor({ emailServer: undefined, nodeEnv: "test" })).toBe("dev-mailbox");
    expect(emailDeliveryFor({ emailServer: undefined, nodeEnv: "production" })).toBeNull();
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
