import { handle } from "@/server/http/route";
import { fetchConsumerGroupDetail } from "@/server/kafka/group-detail";

export const dynamic = "force-dynamic";

/** GET /api/kafka/groups/:group — state, members with their assignments, lag per partition in messages and seconds. */
export const GET = handle("GET /api/kafka/groups/[group]", ({ params }) => fetchConsumerGroupDetail(params.group));
