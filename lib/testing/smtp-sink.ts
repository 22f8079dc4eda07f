import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  to: string[];
  from: string;
  subject: string;
  /** The message source with quoted-printable soft breaks and escapes decoded (good enough to find links). */
  body: string;
  receivedAt: string;
}

function decodeQuotedPrintable(source: string): string {
  return source
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) as text: subjects read as the recipient sees them. */
function decodeEncodedWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : Buffer.from(
              text
                .replace(/_/g, " ")
                .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              "latin1",
            );
      return bytes.toString("utf8");
    });
}

/** The header section with folded lines joined (RFC 5322 §2.2.3: long headers such as Subject wrap). */
function unfoldedHeaders(raw: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  return (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n(?=[ \t])/g, "");
}

/**
 * A real SMTP server on loopback that accepts every message (tests only).
 * The app talks to it with nodemailer exactly as it would to a real relay.
 */
export async function startSmtpSink(onMessage: (email: ReceivedEmail) => void = () => {}): Promise<{
  port: number;
  url: string;
  messages: ReceivedEmail[];
  stop: () => Promise<void>;
}> {
  const messages: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const body = decodeQuotedPrintable(raw);
        const email: ReceivedEmail = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: decodeEncodedWords(/^Subject: (.*)$/im.exec(unfoldedHeaders(raw))?.[1]?.trim() ?? ""),
          body,
          receivedAt: new Date().toISOString(),
        };
        messages.push(email);
        onMessage(email);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  let stopped: Promise<void> | undefined;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    // Idempotent: a test that takes the server down on purpose may stop it before its cleanup does.
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

/** The first http(s) link in a message that contains `pathPart`. */
export function findLink(email: ReceivedEmail, pathPart: string): string | null {
  const links = email.body.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
  return links.find((link) => link.includes(pathPart))?.replace(/&amp;/g, "&") ?? null;
}
