// Finding the app's entry points from the file tree and the source, for the tests that must cover every
// one of them (access matrix, bad input; docs/decisions/003-access-chokepoint-and-rls.md, "Consequences").
// A module is a 'use server' module when the directive is in its prologue: the first statements of the
// program, after any comments or blank lines (the JavaScript directive rule React and Next.js follow).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Files under `dir` (absolute) that `match`, skipping generated code and dependencies. */
export function walk(dir: string, match: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return ["generated", "node_modules", ".next"].includes(entry.name) ? [] : walk(full, match);
    return match(full) ? [full] : [];
  });
}

/** Every `route.ts` under app/, relative to the repository root, sorted. */
export function routeFiles(): string[] {
  return walk(path.join(ROOT, "app"), (f) => /[/\\]route\.[cm]?[jt]sx?$/.test(f))
    .map((f) => path.relative(ROOT, f))
    .sort();
}

/** Every `page.tsx` and `layout.tsx` under app/, relative to the repository root, sorted. */
export function pageFiles(): string[] {
  return walk(path.join(ROOT, "app"), (f) => /[/\\](page|layout)\.[cm]?[jt]sx?$/.test(f))
    .map((f) => path.relative(ROOT, f))
    .sort();
}

/** The URL path of a route file, with `[workspaceId]` filled in. */
export function urlOfRoute(file: string, workspaceId: string): string {
  return (
    "/" +
    file
      .replace(/^app\//, "")
      .replace(/\/route\.[cm]?[jt]sx?$/, "")
      .replace("[workspaceId]", workspaceId)
  );
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function parse(source: string, fileName: string): ts.SourceFile {
  const kind = fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
}

/** The string directives at the start of a list of statements ("use strict", "use server", …). */
function prologue(statements: ts.NodeArray<ts.Statement>): string[] {
  const directives: string[] = [];
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.push(statement.expression.text);
  }
  return directives;
}

/** Whether the module as a whole is a 'use server' module (directive in the program's prologue). */
export function hasModuleUseServer(source: string, fileName = "module.tsx"): boolean {
  return prologue(parse(source, fileName).statements).includes("use server");
}

/**
 * Functions that declare themselves server actions inline (`async function f() { "use server"; … }`),
 * as "line:column". The project defines server actions only in 'use server' modules, so that the
 * registry and these tests see them; an inline one would be an endpoint nobody checks.
 */
export function inlineUseServerFunctions(source: string, fileName = "module.tsx"): string[] {
  const file = parse(source, fileName);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body as ts.Node)) {
      if (prologue((node.body as ts.Block).statements).includes("use server")) {
        const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${line + 1}:${character + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Source files of the app (tests and generated code excluded), relative to the repository root. */
export function appSourceFiles(): string[] {
  return ["app", "lib", "components"]
    .flatMap((dir) => walk(path.join(ROOT, dir), (f) => /\.[cm]?[jt]sx?$/.test(f) && !/\.test\.[cm]?[jt]sx?$/.test(f)))
    .map((f) => path.relative(ROOT, f))
    .sort();
}

export interface ServerActionExport {
  file: string;
  name: string;
}

/**
 * Every server action endpoint: each export of each 'use server' module, read from the module object
 * itself (so `export const x = async () => …`, `export { a as b }` and default exports count), plus
 * the inline ones (reported, never allowed). Importing needs `vi.mock("server-only", () => ({}))`.
 */
export async function discoverServerActions(): Promise<{ exports: ServerActionExport[]; inline: string[] }> {
  const exports: ServerActionExport[] = [];
  const inline: string[] = [];
  for (const file of appSourceFiles()) {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    if (!source.includes("use server")) continue;
    inline.push(...inlineUseServerFunctions(source, file).map((at) => `${file}:${at}`));
    if (!hasModuleUseServer(source, file)) continue;
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const name of Object.keys(mod)) exports.push({ file, name });
  }
  return { exports, inline };
}

/** For each call `callee(…)` in the source: its argument at `index` when that is a string literal (else a note). */
export function callsWithLiteral(source: string, fileName: string, callee: string, index: number): string[] {
  const file = parse(source, fileName);
  const literals: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === callee) {
      const arg = node.arguments[index];
      literals.push(arg && ts.isStringLiteralLike(arg) ? arg.text : `<not a string literal: ${arg?.getText()}>`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return literals;
}
