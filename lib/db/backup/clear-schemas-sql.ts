import { quoteIdent } from "../database-url";

/**
 * The SQL a restore runs first, in its transaction: it drops every schema the dump creates (pgboss)
 * and everything in schema public, so the database ends up holding what the dump holds and nothing
 * else. pg_restore's own --clean drops only the dump's objects one by one, and fails on partitioned
 * tables (pg-boss's) and on anything added since the dump that depends on them (docs/backups.md).
 * Extensions' objects are left to the dump's CREATE EXTENSION IF NOT EXISTS.
 */
export function clearSchemasSql(schemas: string[]): string {
  const drops = schemas.map((schema) => `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE;`);
  return `BEGIN;
SET LOCAL client_min_messages = warning;
SET LOCAL search_path = pg_catalog;
${drops.join("\n")}
DO $clear$
DECLARE
  statements text[];
  statement text;
BEGIN
  -- Names first, drops after: each drop cascades, so later names may already be gone (IF EXISTS).
  SELECT coalesce(array_agg(drop_statement), '{}') INTO statements FROM (
    SELECT format('DROP %s IF EXISTS %s CASCADE',
             CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                            WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
             c.oid::regclass) AS drop_statement
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace
       AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('DROP %s IF EXISTS %s CASCADE',
             CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
             p.oid::regprocedure)
      FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('DROP %s IF EXISTS %s CASCADE', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype)
      FROM pg_type t
     WHERE t.typnamespace = 'public'::regnamespace
       AND t.typtype IN ('c', 'd', 'e', 'r')
       AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  ) AS objects;
  FOREACH statement IN ARRAY statements LOOP
    EXECUTE statement;
  END LOOP;
END
$clear$;
`;
}
