/** Browsers and tools, most specific first (Edge and Opera also say "Chrome", Chrome also says "Safari"). */
const CLIENTS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/\bHeadlessChrome\/(\d+)/, "Headless Chrome"],
  [/\b(?:Chrome|CriOS)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)(?:[.\d]*)(?: Mobile\/\S+)? Safari\//, "Safari"],
  [/^curl\/(\d+)/, "curl"],
  [/^Wget\/(\d+)/, "Wget"],
  [/^PostmanRuntime\/(\d+)/, "Postman"],
  [/^python-requests\/(\d+)/, "Python requests"],
  [/^node(?:-fetch)?(?:\/(\d+))?/i, "Node.js"],
  [/^undici(?:\/(\d+))?/i, "Node.js"],
];

/** Operating systems; iOS before macOS (iPads say "like Mac OS X"), Android before Linux. */
const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\b(?:Macintosh|Mac OS X)\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const SHORT_PLAIN = /^[\x20-\x7E]{1,40}$/;

/**
 * A user agent as people read it: "Chrome 131 on macOS", "curl 8". The raw
 * header (up to 512 characters) is for a title or the CSV, never the page.
 */
export function describeUserAgent(userAgent: string | null | undefined): string | null {
  const raw = userAgent?.trim();
  if (!raw) return null;
  const client = CLIENTS.map(([pattern, name]) => {
    const match = pattern.exec(raw);
    return match ? (match[1] ? `${name} ${match[1]}` : name) : null;
  }).find((found) => found !== null);
  const system = SYSTEMS.find(([pattern]) => pattern.test(raw))?.[1];
  if (client && system) return `${client} on ${system}`;
  if (client) return client;
  if (system) return `A browser on ${system}`;
  return SHORT_PLAIN.test(raw) ? raw : "Unknown client";
}
