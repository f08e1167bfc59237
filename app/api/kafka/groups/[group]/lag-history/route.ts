import { handle } from "@/server/http/route";
import { fetchLagHistory } from "@/server/kafka/group-detail";

export const dynamic = "force-dynamic";

/** GET /api/kafka/groups/:group/lag-history?range=1h — the group's total lag over time, from Prometheus. */
export const GET = handle("GET /api/kafka/groups/[group]/lag-history", ({ params, query }) => fetchLagHistory(params.group, query.range));
