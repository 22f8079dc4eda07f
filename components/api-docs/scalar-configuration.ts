import type { AnyApiReferenceConfiguration } from "@scalar/api-reference-react";

/** One reference with one document. */
export type ScalarConfiguration = Exclude<AnyApiReferenceConfiguration, unknown[]>;

/** Where the reference reads the document (app/api/openapi.json/route.ts). */
export const OPENAPI_DOCUMENT_URL = "/api/openapi.json";

/**
 * Scalar's settings for /docs/api. The page works offline and under the app's CSP
 * (lib/security/security-headers.ts): no fonts from Scalar's CDN, no telemetry, no AI agent or MCP
 * button (they call Scalar's servers), no developer toolbar; "Test request" calls this app only.
 */
export function scalarConfiguration(dark: boolean): ScalarConfiguration {
  return {
    url: OPENAPI_DOCUMENT_URL,
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: "never",
    hideClientButton: false,
    documentDownloadType: "json",
    // The app's theme decides (components/theme/theme-script.tsx); Scalar's own toggle would disagree.
    forceDarkModeState: dark ? "dark" : "light",
    hideDarkModeToggle: true,
    // Our fonts; Scalar's muted text darkened (light) and lightened (dark) to WCAG AA contrast; code
    // samples wrap instead of scrolling sideways (a scroll box without focusable content is unreachable
    // by keyboard). e2e/accessibility.spec.ts runs axe on this page in both themes.
    customCss: `.scalar-app {
  --scalar-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
.light-mode, .light-mode .scalar-app { --scalar-color-3: #666666 !important; }
.dark-mode, .dark-mode .scalar-app { --scalar-color-3: #a0a0a0 !important; }
.scalar-app .hljs { white-space: pre-wrap !important; overflow-wrap: anywhere; overflow-x: hidden !important; }`,
  };
}
