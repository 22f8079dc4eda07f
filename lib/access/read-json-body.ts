import { AppError } from "../errors";

/** The largest JSON body a route accepts unless it says otherwise. */
export const MAX_JSON_BODY_BYTES = 16_384;
/** Deeper JSON than this is refused before parsing (no input of ours nests more than a few levels). */
export const MAX_JSON_DEPTH = 32;

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);

/**
 * Reads a JSON request body: `Content-Type: application/json` (415 otherwise),
 * at most `maxBytes`, counted while streaming so an oversized body is never held
 * whole (413), nested at most MAX_JSON_DEPTH deep, and valid JSON (400).
 */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  const text = await readBodyText(request, maxBytes);
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new AppError("invalid_input", `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}

/** The body as UTF-8 text, refused with 413 past `maxBytes` (declared or streamed) without reading on. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const decoded = new TextDecoder("utf-8", { fatal: true });
  try {
    return decoded.decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_input", "The request body is not valid UTF-8.");
  }
}

/** The deepest nesting of arrays and objects in a JSON text, found without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
