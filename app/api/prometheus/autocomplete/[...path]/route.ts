import { autocompletePaths, autocompleteQuerySchema } from "@/lib/schemas/metrics";
import { AppError } from "@/server/http/errors";
import { route } from "@/server/http/route";
import { prometheusGet } from "@/server/prometheus/client";

export const dynamic = "force-dynamic";

/**
 * The read-only Prometheus endpoints the PromQL editor's autocompletion asks for
 * (`…/api/v1/labels`, `label/<name>/values`, `series`, `metadata`), answered in Prometheus's
 * own envelope. Only these paths and parameters pass (autocompletePaths, autocompleteQuerySchema).
 */
export const GET = route<{ params: Promise<{ path: string[] }> }>("/api/prometheus/autocomplete/[...path]", async (request, { params }) => {
  const segments = (await params).path;
  const [api, version, ...rest] = segments;
  const path = rest.join("/");
  if (api !== "api" || version !== "v1" || !autocompletePaths.some((pattern) => pattern.test(path))) {
    throw new AppError("NOT_FOUND", "Autocompletion reads labels, label values, series and metadata only");
  }
  const search = new URL(request.url).searchParams;
  const parsed = autocompleteQuerySchema.parse(Object.fromEntries(search));
  const query = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const data = await prometheusGet<unknown>(path, query);
  return Response.json({ status: "success", data }, { headers: { "cache-control": "private, max-age=30" } });
});
