/** One sample line of Prometheus's text format: `name{label="value",…} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?[ \t]+(\S+)(?:[ \t]+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;

const unescape = (value: string) => value.replace(/\\(.)/g, (_, char: string) => (char === "n" ? "\n" : char));

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let end = 0;
  for (let match = LABEL.exec(text); match; match = LABEL.exec(text)) {
    labels[match[1]!] = unescape(match[2]!);
    end = LABEL.lastIndex;
  }
  if (end !== text.length) throw new Error(`Not Prometheus text (labels): ${line}`);
  return labels;
}

// As Prometheus reads them (Go's ParseFloat): NaN and infinities in any case (prom-client writes `Nan`).
function parseValue(text: string, line: string): number {
  const special = { nan: NaN, "+inf": Infinity, inf: Infinity, "-inf": -Infinity }[text.toLowerCase()];
  if (special !== undefined) return special;
  const value = Number(text);
  if (Number.isNaN(value) || text === "") throw new Error(`Not Prometheus text (value): ${line}`);
  return value;
}

/**
 * Every sample of a scrape (tests). Comments (`# HELP`, `# TYPE`) and blank lines are skipped; any
 * other line that is not a sample throws, so a malformed exposition fails the test that reads it.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`Not Prometheus text: ${line}`);
    samples.push({
      name: match[1]!,
      labels: match[2] ? parseLabels(match[2], line) : {},
      value: parseValue(match[3]!, line),
    });
  }
  return samples;
}

/** The value of the sample with exactly these labels, or undefined when the scrape has none. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels);
  const found = samples.find(
    (sample) =>
      sample.name === name &&
      Object.keys(sample.labels).length === wanted.length &&
      wanted.every(([key, value]) => sample.labels[key] === value),
  );
  return found?.value;
}
