import { handle } from "@/server/http/route";
import { listBrokers } from "@/server/kafka/brokers";

export const dynamic = "force-dynamic";

/** GET /api/kafka/brokers — every broker with rack, leader/replica counts and log directory size. */
export const GET = handle("GET /api/kafka/brokers", async () => ({ brokers: await listBrokers() }));
