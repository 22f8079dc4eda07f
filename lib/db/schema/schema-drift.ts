import type { Datamodel } from "./prisma-datamodel";
import type { SchemaSnapshot } from "./schema-snapshot";

/**
 * Differences between schema.prisma and a database built from the migrations:
 * tables, columns (type, nullability), index names with their columns and
 * uniqueness, and foreign keys with their delete action. What Prisma cannot
 * express (CHECK constraints, triggers, index predicates) is not compared here;
 * tests cover it. An empty list means no drift.
 */
export function findSchemaDrift(datamodel: Datamodel, snapshot: SchemaSnapshot): string[] {
  const problems: string[] = [];
  const tableOf = new Map(datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: string, field: string) => {
    const f = datamodel.models.find((m) => m.name === model)?.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };

  const dbTables = new Set(snapshot.columns.map((c) => c.table));
  const prismaTables = new Set(tableOf.values());
  for (const t of dbTables)
    if (!prismaTables.has(t)) problems.push(`table ${t} is in the database but not in schema.prisma`);
  for (const t of prismaTables)
    if (!dbTables.has(t)) problems.push(`table ${t} is in schema.prisma but not in the database`);

  for (const model of datamodel.models) {
    const table = tableOf.get(model.name)!;
    if (!dbTables.has(table)) continue;
    const dbColumns = new Map(snapshot.columns.filter((c) => c.table === table).map((c) => [c.column, c]));
    const scalars = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    const names = new Set(scalars.map((f) => f.dbName ?? f.name));
    for (const c of dbColumns.keys())
      if (!names.has(c)) problems.push(`column ${table}.${c} is in the database but not in schema.prisma`);
    for (const field of scalars) {
      const column = field.dbName ?? field.name;
      const actual = dbColumns.get(column);
      if (!actual) {
        problems.push(`column ${table}.${column} is in schema.prisma but not in the database`);
        continue;
      }
      const expected = expectedType(field);
      if (expected !== actual.type)
        problems.push(`column ${table}.${column}: schema.prisma says ${expected}, the database has ${actual.type}`);
      if (field.isRequired === actual.nullable) {
        problems.push(
          `column ${table}.${column}: schema.prisma says ${field.isRequired ? "NOT NULL" : "nullable"}, the database disagrees`,
        );
      }
    }

    // Indexes and unique constraints, by name.
    const dbIndexes = new Map(snapshot.indexes.filter((i) => i.table === table).map((i) => [i.name, i]));
    const expectedIndexes = datamodel.indexes
      .filter((i) => i.model === model.name && i.type !== "fulltext")
      .map((i) => ({
        name: i.type === "id" ? `${table}_pkey` : (i.dbName ?? ""),
        unique: i.type !== "normal",
        columns: i.fields.map((f) => columnOf(model.name, f.name)),
      }));
    for (const index of expectedIndexes) {
      const actual = dbIndexes.get(index.name);
      if (!actual) {
        problems.push(`index ${index.name} on ${table} is in schema.prisma but not in the database`);
        continue;
      }
      const actualColumns = actual.columns.map((c) =>
        c
          .replace(/^"|"$/g, "")
          .replace(/ (DESC|ASC)$/, "")
          .replace(/ jsonb_path_ops$/, ""),
      );
      if (actualColumns.join(",") !== index.columns.join(",")) {
        problems.push(
          `index ${index.name}: schema.prisma has (${index.columns.join(", ")}), the database (${actualColumns.join(", ")})`,
        );
      }
      if (actual.unique !== index.unique) problems.push(`index ${index.name}: uniqueness differs`);
    }
    const expectedNames = new Set(expectedIndexes.map((i) => i.name));
    for (const name of dbIndexes.keys()) {
      if (!expectedNames.has(name))
        problems.push(`index ${name} on ${table} is in the database but not in schema.prisma`);
    }

    // Foreign keys, by their columns.
    const dbFks = snapshot.foreignKeys.filter((f) => f.table === table);
    const relations = model.fields.filter((f) => f.kind === "object" && f.relationFromFields?.length);
    for (const relation of relations) {
      const columns = relation.relationFromFields!.map((f) => columnOf(model.name, f));
      const refTable = tableOf.get(relation.type)!;
      const refColumns = relation.relationToFields!.map((f) => columnOf(relation.type, f));
      const onDelete = relation.relationOnDelete ?? (relation.isRequired ? "Restrict" : "SetNull");
      const actual = dbFks.find((f) => f.columns.join(",") === columns.join(","));
      if (!actual) {
        problems.push(
          `foreign key ${table}(${columns.join(", ")}) → ${refTable} is in schema.prisma but not in the database`,
        );
      } else if (
        actual.refTable !== refTable ||
        actual.refColumns.join(",") !== refColumns.join(",") ||
        actual.onDelete !== onDelete
      ) {
        problems.push(
          `foreign key ${actual.name}: schema.prisma says → ${refTable}(${refColumns.join(", ")}) ON DELETE ${onDelete}, ` +
            `the database → ${actual.refTable}(${actual.refColumns.join(", ")}) ON DELETE ${actual.onDelete}`,
        );
      }
    }
    for (const fk of dbFks) {
      const known = relations.some(
        (r) => r.relationFromFields!.map((f) => columnOf(model.name, f)).join(",") === fk.columns.join(","),
      );
      if (!known) problems.push(`foreign key ${fk.name} on ${table} is in the database but not in schema.prisma`);
    }
  }
  return problems;
}

const NATIVE: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  VarChar: (a) => (a[0] ? `character varying(${a[0]})` : "character varying"),
  Char: (a) => `character(${a[0] ?? 1})`,
  Text: () => "text",
  Timestamptz: (a) => `timestamp(${a[0] ?? 3}) with time zone`,
  Timestamp: (a) => `timestamp(${a[0] ?? 3}) without time zone`,
  Date: () => "date",
  Decimal: (a) => `numeric(${a.join(",")})`,
  Integer: () => "integer",
  BigInt: () => "bigint",
  Boolean: () => "boolean",
  JsonB: () => "jsonb",
};

const DEFAULT_TYPE: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Decimal: "numeric(65,30)",
  Float: "double precision",
  Bytes: "bytea",
};

function expectedType(field: { type: string; nativeType: [string, string[]] | null; isList: boolean }): string {
  const base = field.nativeType
    ? (NATIVE[field.nativeType[0]]?.(field.nativeType[1]) ?? field.nativeType[0])
    : (DEFAULT_TYPE[field.type] ?? field.type);
  return field.isList ? `${base}[]` : base;
}
