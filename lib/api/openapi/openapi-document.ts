import { buildOpenApiDocument, type OpenApiDocument } from "./build-document";

let built: OpenApiDocument | undefined;

/** The document, built on first use and kept for the life of the process (it changes only with a deploy). */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument();
  return built;
}
