import { route } from "@/server/http/route";
import { listBrokers } from "@/server/kafka/brokers";

export const dynamic = "force-dynamic";

/** GET /api/kafka/brokers — every broker with rack, leader/replica counts and log directory size. */
export const GET = route("/api/kafka/brokers", async () => Response.json({ brokers: await listBrokers() }));
