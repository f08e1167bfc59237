import packageJson from "@/package.json";
import { handle } from "@/server/http/route";
import { buildOpenApiDocument, type OpenApiDocument } from "@/server/http/openapi";

export const dynamic = "force-dynamic";

let document: OpenApiDocument | undefined;

/** GET /api/openapi.json — the OpenAPI 3.1 document of every API operation (public), built once from the zod schemas. */
export const GET = handle("GET /api/openapi.json", async () => {
  document ??= buildOpenApiDocument(packageJson.version);
  return document;
});
