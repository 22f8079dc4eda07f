// The JSON body reader every REST mutation uses: 415 for other media types, 413 for large bodies
// (declared or streamed), 400 for invalid JSON, invalid UTF-8 or nesting deeper than 32.
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { jsonDepth, MAX_JSON_BODY_BYTES, MAX_JSON_DEPTH, readJsonBody } from "./read-json-body";

const URL_ = "http://localhost/api/workspaces/x/team";

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request(URL_, {
    method: "POST",
    body,
    headers,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, message: (error as AppError).message };
  }
  throw new Error("expected the body to be refused");
}

/** A body of `chunks` chunks of `size` bytes with no Content-Length; counts how many chunks were pulled. */
function streamedBody(chunkSize: number, chunks: number) {
  const stats = { pulled: 0, cancelled: false };
  const chunk = new TextEncoder().encode(" ".repeat(chunkSize));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= chunks) {
        controller.close();
        return;
      }
      stats.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

describe("media type", () => {
  it.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["missing", {}],
    ["application/jsonx", { "content-type": "application/jsonx" }],
    ["application/x-www-form-urlencoded", { "content-type": "application/x-www-form-urlencoded" }],
    ["multipart/form-data", { "content-type": "multipart/form-data; boundary=x" }],
    ["text/json", { "content-type": "text/json" }],
  ])("%s → 415 unsupported_media_type", async (_label, headers) => {
    expect((await failureOf(readJsonBody(post('{"a":1}', headers)))).code).toBe("unsupported_media_type");
  });

  it.each([
    ["application/json", "application/json"],
    ["with charset", "application/json; charset=utf-8"],
    ["upper case", "Application/JSON"],
    ["spaces", "  application/json ;charset=UTF-8"],
  ])("%s is accepted", async (_label, type) => {
    expect(await readJsonBody(post('{"a":1}', { "content-type": type }))).toEqual({ a: 1 });
  });
});

describe("size", () => {
  it("the default limit is 16 KiB", () => {
    expect(MAX_JSON_BODY_BYTES).toBe(16_384);
  });

  it("a declared Content-Length over the limit → 413 before the body is read", async () => {
    const { stream, stats } = streamedBody(10, 1);
    const request = post(stream, {
      "content-type": "application/json",
      "content-length": String(MAX_JSON_BODY_BYTES + 1),
    });
    expect((await failureOf(readJsonBody(request))).code).toBe("payload_too_large");
    expect(stats.pulled).toBeLessThanOrEqual(1); // a stream may pre-pull one chunk; nothing was consumed
  });

  it("a body without Content-Length that streams past the limit → 413, and reading stops there", async () => {
    // 1000 chunks of 1 KiB = ~1 MB on offer; the reader must give up after ~17 of them.
    const { stream, stats } = streamedBody(1024, 1000);
    const request = post(stream);
    expect(request.headers.get("content-length")).toBeNull();
    expect((await failureOf(readJsonBody(request))).code).toBe("payload_too_large");
    expect(stats.pulled).toBeLessThan(30);
    expect(stats.cancelled).toBe(true);
  });

  it("a body that lies about its length (declares 10 bytes, sends 20 KiB) → 413", async () => {
    const { stream } = streamedBody(1024, 20);
    const request = post(stream, { "content-type": "application/json", "content-length": "10" });
    expect((await failureOf(readJsonBody(request))).code).toBe("payload_too_large");
  });

  it("a body of exactly the limit is read; one byte more is refused", async () => {
    const exact = `"${"a".repeat(MAX_JSON_BODY_BYTES - 2)}"`;
    expect(await readJsonBody(post(exact))).toBe("a".repeat(MAX_JSON_BODY_BYTES - 2));
    const over = `"${"a".repeat(MAX_JSON_BODY_BYTES - 1)}"`;
    expect((await failureOf(readJsonBody(post(over)))).code).toBe("payload_too_large");
  });

  it("a caller's own smaller limit applies", async () => {
    expect((await failureOf(readJsonBody(post('{"a":"0123456789"}'), 10))).code).toBe("payload_too_large");
  });
});

describe("content", () => {
  it.each([
    ["invalid JSON", "{not json"],
    ["trailing garbage", '{"a":1} x'],
    ["empty body", ""],
  ])("%s → 400 invalid_input", async (_label, body) => {
    expect((await failureOf(readJsonBody(post(body)))).code).toBe("invalid_input");
  });

  it("invalid UTF-8 → 400 invalid_input naming UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    const failure = await failureOf(readJsonBody(post(bytes)));
    expect(failure).toMatchObject({ code: "invalid_input" });
    expect(failure.message).toMatch(/UTF-8/);
  });

  it("a UTF-8 character split across chunks is decoded whole", async () => {
    const bytes = new TextEncoder().encode('{"name":"Zoë"}');
    const split = bytes.indexOf(0xc3) + 1; // between the two bytes of ë
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    expect(await readJsonBody(post(stream))).toEqual({ name: "Zoë" });
  });

  it(`nesting ${MAX_JSON_DEPTH} deep is read; ${MAX_JSON_DEPTH + 1} and deeper → 400 invalid_input`, async () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(await readJsonBody(post(nested(32)))).toBeInstanceOf(Array);
    for (const depth of [33, 34, 1000, 5000]) {
      const failure = await failureOf(readJsonBody(post(nested(depth))));
      expect(failure.code, `depth ${depth}`).toBe("invalid_input");
      expect(failure.message).toMatch(/nested/);
    }
    const objects = '{"a":'.repeat(33) + "1" + "}".repeat(33);
    expect((await failureOf(readJsonBody(post(objects)))).code).toBe("invalid_input");
  });
});

describe("jsonDepth", () => {
  const table: [text: string, depth: number][] = [
    ["", 0],
    ["1", 0],
    ['"text"', 0],
    ["[]", 1],
    ["{}", 1],
    ['{"a":[1,2,{"b":[]}]}', 4],
    ["[[],[],[]]", 2],
    ["[[[]]]", 3],
    // Brackets inside strings do not count.
    ['"[[[[[["', 0],
    ['{"a":"{{{{[[[["}', 1],
    ['["]]]]", ["x"]]', 2],
    // Escaped quotes do not end a string; escaped backslashes do not escape the quote after them.
    ['{"a":"he said \\"[[[\\" ok"}', 1],
    ['{"a":"\\\\"}', 1],
    ['["\\\\", ["\\\\"]]', 2],
    ['["\\"]", [[]]]', 3],
    // Unicode escapes are plain characters.
    ['["\\u005b\\u005b"]', 1],
  ];

  it.each(table)("%s → %i", (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it("agrees with the real structure on the table's valid JSON", () => {
    const realDepth = (value: unknown): number =>
      value !== null && typeof value === "object"
        ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(realDepth))
        : 0;
    for (const [text, depth] of table) {
      if (text === "") continue;
      expect(realDepth(JSON.parse(text)), text).toBe(depth);
    }
  });
});
