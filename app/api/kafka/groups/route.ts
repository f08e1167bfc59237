import { handle } from "@/server/http/route";
import { listConsumerGroups } from "@/server/kafka/groups";

export const dynamic = "force-dynamic";

/** GET /api/kafka/groups — every consumer group with state, members and lag per partition. */
export const GET = handle("GET /api/kafka/groups", async () => ({ groups: await listConsumerGroups() }));
