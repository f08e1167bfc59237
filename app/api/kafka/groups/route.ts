import { route } from "@/server/http/route";
import { listConsumerGroups } from "@/server/kafka/groups";

export const dynamic = "force-dynamic";

/** GET /api/kafka/groups — every consumer group with state, members and lag per partition. */
export const GET = route("/api/kafka/groups", async () => Response.json({ groups: await listConsumerGroups() }));
