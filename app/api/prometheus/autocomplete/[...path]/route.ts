import { autocompletePaths } from "@/lib/schemas/metrics";
import { AppError } from "@/server/http/errors";
import { handle } from "@/server/http/route";
import { prometheusGet } from "@/server/prometheus/client";

export const dynamic = "force-dynamic";

/**
 * The read-only Prometheus endpoints the PromQL editor's autocompletion asks for
 * (`…/api/v1/labels`, `label/<name>/values`, `series`, `metadata`), answered in Prometheus's
 * own envelope. Only these paths and parameters pass (autocompletePaths, autocompleteQuerySchema).
 */
export const GET = handle("GET /api/prometheus/autocomplete/[...path]", async ({ params, query: parsed }) => {
  const [api, version, ...rest] = [params.path].flat();
  const path = rest.join("/");
  if (api !== "api" || version !== "v1" || !autocompletePaths.some((pattern) => pattern.test(path))) {
    throw new AppError("NOT_FOUND", "Autocompletion reads labels, label values, series and metadata only");
  }
  const query = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const data = await prometheusGet<unknown>(path, query);
  return { status: "success" as const, data };
});
