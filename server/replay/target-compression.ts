import "server-only";
import kafkajs from "kafkajs";
import { compressionCodecs, type CompressionCodec } from "@/lib/schemas/kafka-messages";
import type { RepublishSpec } from "@/lib/schemas/replay";
import { withReplayAdmin } from "./kafka";

/**
 * The codec a re-publish writes with: the spec's choice, else the target topic's
 * `compression.type` ("uncompressed" is none; "producer", Kafka's default, keeps what producers
 * send, and the console sends plain batches). A target that does not exist yet counts as none.
 * (kafkajs is CommonJS: the replay worker's ESM loader sees its enums on the default export only.)
 */
export async function targetCompression(spec: RepublishSpec): Promise<{ compression: CompressionCodec; compressionFrom: "spec" | "topic" }> {
  const chosen = spec.target.compression ?? "topic";
  if (chosen !== "topic") return { compression: chosen, compressionFrom: "spec" };
  const configured = await withReplayAdmin(async (admin) => {
    const { resources } = await admin.describeConfigs({
      resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: spec.target.topic, configNames: ["compression.type"] }],
      includeSynonyms: false,
    });
    return resources[0]?.configEntries.find((entry) => entry.configName === "compression.type")?.configValue;
  }).catch(() => undefined);
  const compression = (compressionCodecs as readonly string[]).includes(configured ?? "") ? (configured as CompressionCodec) : "none";
  return { compression, compressionFrom: "topic" };
}
