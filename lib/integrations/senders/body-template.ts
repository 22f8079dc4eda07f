import type { DeliveryEvent } from "../integration-types";
import { summarizeEvent } from "./event-summary";

/** The variables a custom body template may use (docs/integrations.md, "Custom HTTP"). */
export const TEMPLATE_VARIABLES = [
  { name: "event.id", description: "The event's id" },
  { name: "event.type", description: "The event type, e.g. alert.triggered" },
  { name: "event.severity", description: "info, warning, error or critical" },
  { name: "event.created_at", description: "When the event happened (ISO 8601)" },
  { name: "event.title", description: "A one-line summary" },
  { name: "event.text", description: "A sentence or two about the event" },
  { name: "event.payload", description: "The event's data as a JSON object (inserted as is, not quoted)" },
  { name: "workspace.id", description: "The workspace's id" },
  { name: "workspace.name", description: "The workspace's name" },
  { name: "link", description: "A link to the workspace in Agent Observability" },
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]["name"];

export const MAX_BODY_TEMPLATE_BYTES = 10 * 1024;

/** `{{ name }}`, spaces inside the braces allowed. */
const VARIABLE = /\{\{\s*([^{}\s]*)\s*\}\}/g;

const NAMES: readonly string[] = TEMPLATE_VARIABLES.map((v) => v.name);

/** A string as the inside of a JSON string literal: `{"text": "{{event.title}}"}` stays valid JSON. */
const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);

function values(event: DeliveryEvent): Record<TemplateVariable, string> {
  const summary = summarizeEvent(event);
  return {
    "event.id": jsonEscaped(event.id),
    "event.type": jsonEscaped(event.type),
    "event.severity": jsonEscaped(event.severity),
    "event.created_at": jsonEscaped(event.createdAt),
    "event.title": jsonEscaped(summary.title),
    "event.text": jsonEscaped(summary.text),
    "event.payload": JSON.stringify(event.payload ?? {}),
    "workspace.id": jsonEscaped(event.workspaceId),
    "workspace.name": jsonEscaped(event.workspaceName),
    link: jsonEscaped(event.link),
  };
}

/** The save-time check: null, or what to fix (an unknown variable, a template over 10 KB). */
export function checkBodyTemplate(template: string): string | null {
  if (Buffer.byteLength(template) > MAX_BODY_TEMPLATE_BYTES) return "The body template is too long (at most 10 KB)";
  for (const [, name = ""] of template.matchAll(VARIABLE)) {
    if (!NAMES.includes(name)) {
      return `Unknown variable {{${name}}}; use one of ${NAMES.map((n) => `{{${n}}}`).join(", ")}`;
    }
  }
  return null;
}

/**
 * The body of a custom request: each variable replaced by its value, strings JSON-escaped without
 * quotes, `{{event.payload}}` as raw JSON. An unknown variable (refused at save time) renders empty.
 */
export function renderBodyTemplate(template: string, event: DeliveryEvent): string {
  const known = values(event);
  return template.replace(VARIABLE, (_match, name: string) =>
    NAMES.includes(name) ? known[name as TemplateVariable] : "",
  );
}
