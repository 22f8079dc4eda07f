import { z } from "zod";
import type { OperationSpec } from "./operation-spec";

/** This document itself, as GET /api/openapi.json serves it (its shape is the OpenAPI 3.1 schema's business). */
const documentSchema = z
  .looseObject({
    openapi: z.string().startsWith("3.1."),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ description: "An OpenAPI 3.1 document." });

export const REFERENCE_OPERATIONS: Record<string, OperationSpec> = {
  "GET /api/openapi.json": {
    operationId: "getOpenApiDocument",
    summary: "Get this document",
    description:
      "This API's OpenAPI 3.1 document, for code generators and tools (cached for 5 minutes). People read it at /docs/api.",
    tag: "Reference",
    access: { kind: "public" },
    responses: { 200: { description: "The OpenAPI document.", schema: documentSchema } },
    errors: {},
  },
};
