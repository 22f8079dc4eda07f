import { openApiDocument } from "@/lib/api/openapi/openapi-document";

export const dynamic = "force-dynamic";

/** GET /api/openapi.json: the API's OpenAPI 3.1 document (public; /docs/api renders it). */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
