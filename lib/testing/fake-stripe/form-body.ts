/**
 * Stripe's form encoding: `a[b][0][c]=x`, `expand[]=y`. Keys become nested objects; objects whose
 * keys are all indexes become arrays; `[]` appends. Values stay strings, as Stripe receives them.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

function segmentsOf(key: string): string[] {
  const open = key.indexOf("[");
  if (open < 0) return [key];
  const segments = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) segments.push(match[1] ?? "");
  return segments;
}

type Node = { [key: string]: Node | string } | (Node | string)[];

function assign(root: { [key: string]: Node | string }, segments: string[], value: string): void {
  let node: Node = root;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const container = node as Record<string, Node | string> & (Node | string)[];
    if (Array.isArray(node) && segment === "") {
      if (last) node.push(value);
      else {
        const child: Node = {};
        node.push(child);
        node = child;
      }
      return;
    }
    if (last) {
      container[segment] = value;
      return;
    }
    const nextIsAppend = segments[index + 1] === "";
    let child = container[segment];
    if (child === undefined || typeof child === "string") {
      child = nextIsAppend ? [] : {};
      container[segment] = child;
    }
    node = child;
  });
}

/** Turns `{0: …, 1: …}` into arrays (in index order), recursively. */
function normalize(node: Node | string): FormValue {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(normalize);
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => normalize(node[String(index)] as Node | string));
  }
  const result: { [key: string]: FormValue } = {};
  for (const key of keys) result[key] = normalize(node[key] as Node | string);
  return result;
}

export function parseFormBody(body: string): FormParams {
  const root: { [key: string]: Node | string } = {};
  for (const [key, value] of new URLSearchParams(body)) assign(root, segmentsOf(key), value);
  return normalize(root) as FormParams;
}
