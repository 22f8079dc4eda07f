import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";

export const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../../prisma/schema.prisma");

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
}
export interface Datamodel {
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

/** schema.prisma parsed by Prisma's own schema parser (WebAssembly, no engine download). */
export function readPrismaDatamodel(schemaPath: string = SCHEMA_PATH): Datamodel {
  const source = readFileSync(schemaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[path.basename(schemaPath), source]] })));
  return dmmf.datamodel as Datamodel;
}
