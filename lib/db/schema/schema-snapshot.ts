import type pg from "pg";

/** The structure of the public schema, as PostgreSQL's catalogs report it. */
export interface SchemaSnapshot {
  columns: { table: string; column: string; type: string; nullable: boolean; default: string | null }[];
  indexes: { table: string; name: string; unique: boolean; primary: boolean; columns: string[]; definition: string }[];
  foreignKeys: {
    table: string;
    name: string;
    columns: string[];
    refTable: string;
    refColumns: string[];
    onDelete: string;
  }[];
  checks: { table: string; name: string; definition: string }[];
  triggers: { table: string; name: string; definition: string }[];
  functions: { name: string; definition: string }[];
}

const IGNORED_TABLES = ["_prisma_migrations"];

/** Reads the public schema's tables, columns, indexes, constraints, triggers and functions, sorted. */
export async function readSchemaSnapshot(client: pg.ClientBase): Promise<SchemaSnapshot> {
  const columns = await client.query(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> ALL($1)
      ORDER BY 1, 2`,
    [IGNORED_TABLES],
  );
  const indexes = await client.query(
    `SELECT t.relname::text AS table, i.relname::text AS name, x.indisunique AS unique, x.indisprimary AS primary,
            ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k) AS columns,
            pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      WHERE t.relname <> ALL($1)
      ORDER BY 1, 2`,
    [IGNORED_TABLES],
  );
  const foreignKeys = await client.query(
    `SELECT t.relname AS table, con.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(n, o)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
            r.relname AS "refTable",
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(n, o)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS "refColumns",
            CASE con.confdeltype WHEN 'a' THEN 'NoAction' WHEN 'r' THEN 'Restrict' WHEN 'c' THEN 'Cascade'
                                 WHEN 'n' THEN 'SetNull' WHEN 'd' THEN 'SetDefault' END AS "onDelete"
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      WHERE con.contype = 'f'
      ORDER BY 1, 2`,
  );
  const checks = await client.query(
    `SELECT t.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      WHERE con.contype = 'c'
      ORDER BY 1, 2`,
  );
  const triggers = await client.query(
    `SELECT c.relname AS table, tg.tgname AS name, pg_get_triggerdef(tg.oid) AS definition
       FROM pg_trigger tg
       JOIN pg_class c ON c.oid = tg.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE NOT tg.tgisinternal
      ORDER BY 1, 2`,
  );
  const functions = await client.query(
    `SELECT p.proname AS name, pg_get_functiondef(p.oid) AS definition
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
      ORDER BY 1`,
  );
  return {
    columns: columns.rows,
    indexes: indexes.rows,
    foreignKeys: foreignKeys.rows,
    checks: checks.rows,
    triggers: triggers.rows,
    functions: functions.rows,
  };
}
