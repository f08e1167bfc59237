import { handle } from "@/server/http/route";
import { fetchLabelValues } from "@/server/prometheus/queries";

export const dynamic = "force-dynamic";

/** Values of a label (dashboard variables), optionally among series matching a selector and within a range. */
export const GET = handle("GET /api/prometheus/label-values", async ({ query: { label, match, start, end } }) => ({
  label,
  values: await fetchLabelValues(label, { match, start, end }),
}));
