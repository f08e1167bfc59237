import { handle } from "@/server/http/route";
import { resetConsumerGroupOffsets } from "@/server/kafka/reset-offsets";

export const dynamic = "force-dynamic";

/** POST /api/kafka/groups/:group/reset-offsets — dry run by default; `"dryRun": false` writes. */
export const POST = handle("POST /api/kafka/groups/[group]/reset-offsets", ({ params, body }) => resetConsumerGroupOffsets(params.group, body));
