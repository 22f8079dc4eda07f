import type { FormParams, FormValue } from "./form-body";
import { invalidParam, missingParam } from "./stripe-error";

/** Reads typed values out of parsed form parameters, refusing as Stripe does. */
export class Params {
  constructor(readonly raw: FormParams) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw invalidParam(name, `Invalid string: ${name}`);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw missingParam(name);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined || value === "") return undefined;
    if (!/^-?\d+$/.test(value)) throw invalidParam(name, `Invalid integer: ${value}`);
    return Number(value);
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined || value === "") return undefined;
    if (value !== "true" && value !== "false") throw invalidParam(name, `Invalid boolean: ${value}`);
    return value === "true";
  }

  /** A hash parameter (`metadata[x]`); `name=` (empty) means "unset". */
  object(name: string): { [key: string]: FormValue } | undefined {
    const value = this.raw[name];
    if (value === undefined || value === "") return undefined;
    if (typeof value === "string" || Array.isArray(value)) throw invalidParam(name, `Invalid hash: ${name}`);
    return value;
  }

  list(name: string): FormValue[] {
    const value = this.raw[name];
    if (value === undefined || value === "") return [];
    if (!Array.isArray(value)) throw invalidParam(name, `Invalid array: ${name}`);
    return value;
  }

  strings(name: string): string[] {
    return this.list(name).map((item) => {
      if (typeof item !== "string") throw invalidParam(name, `Invalid array of strings: ${name}`);
      return item;
    });
  }

  nested(name: string): Params {
    return new Params(this.object(name) ?? {});
  }

  /** `metadata[k]=v` as a string map (values that are not strings refused). */
  metadata(name = "metadata"): Record<string, string> | undefined {
    const value = this.object(name);
    if (value === undefined) return this.raw[name] === "" ? {} : undefined;
    const result: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== "string") throw invalidParam(`${name}[${key}]`, "Metadata values must be strings");
      result[key] = item;
    }
    return result;
  }
}

/** Stripe merges metadata on update: empty values delete keys. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | undefined) {
  if (!update) return current;
  if (Object.keys(update).length === 0) return {};
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
