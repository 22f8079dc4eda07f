import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { requestStore } from "./request-store";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger(stream), lines };
}

describe("logger", () => {
  it("puts the request's id on every line written while handling it, and none outside", () => {
    const { logger, lines } = capture();
    requestStore().run({ peerAddress: "127.0.0.1", requestId: "req-12345678" }, () => {
      logger.info("first");
      logger.error({ action: "inviteMembers" }, "second");
    });
    logger.info("outside");
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ["first", "req-12345678"],
      ["second", "req-12345678"],
      ["outside", undefined],
    ]);
  });

  it("redacts secrets at the top level, one object down, and in headers", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "p4ssw0rd-value",
        token: "tok-value",
        apiKey: "obs_live_value",
        integration: { secret: "whsec_value", signingSecret: "sign-value", credentials: { a: 1 } },
        request: { headers: { authorization: "Bearer abc", cookie: "authjs.session-token=xyz", accept: "*/*" } },
        config: { connectionString: "postgresql://u:pw@h/db" },
      },
      "with secrets",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of [
      "p4ssw0rd-value",
      "tok-value",
      "obs_live_value",
      "whsec_value",
      "sign-value",
      "Bearer abc",
      "xyz",
      "u:pw",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      password: "[redacted]",
      integration: { secret: "[redacted]", credentials: "[redacted]" },
      request: { headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "*/*" } },
    });
  });
});
