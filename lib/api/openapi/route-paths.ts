/**
 * Route files and documented paths, both ways: `app/api/workspaces/[workspaceId]/team/route.ts` ⇄
 * `/api/workspaces/{workspaceId}/team` (dynamic segments `[name]` are path parameters `{name}`).
 */
export function operationPathOf(routeFile: string): string {
  return routeFile
    .replace(/^app/, "")
    .replace(/\/route\.[cm]?[jt]sx?$/, "")
    .replace(/\[([A-Za-z]\w*)\]/g, "{$1}");
}

export function routeFileOf(operationPath: string): string {
  return `app${operationPath.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
}
