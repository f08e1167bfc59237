import { labelValuesQuerySchema, type LabelValuesResponse } from "@/lib/schemas/metrics";
import { route } from "@/server/http/route";
import { fetchLabelValues } from "@/server/prometheus/queries";

export const dynamic = "force-dynamic";

/** Values of a label (dashboard variables), optionally among series matching a selector and within a range. */
export const GET = route("/api/prometheus/label-values", async (request) => {
  const { label, match, start, end } = labelValuesQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ label, values: await fetchLabelValues(label, { match, start, end }) } satisfies LabelValuesResponse, {
    headers: { "cache-control": "no-store" },
  });
});
