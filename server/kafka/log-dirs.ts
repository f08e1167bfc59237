import "server-only";
import { cached } from "../cache";
import { kafkaCall } from "./call";
import { getKafkaCluster } from "./client";

export interface LogDir {
  path: string;
  /** Kafka's error name for an offline or failed directory, else null. */
  error: string | null;
  bytes: number;
  topics: Array<{ topic: string; bytes: number; partitions: number }>;
}

const describeLogDirsApiKey = 35;
const logDirErrors: Record<number, string> = { 0: "", 56: "KAFKA_STORAGE_ERROR", 29: "CLUSTER_AUTHORIZATION_FAILED", 35: "UNSUPPORTED_VERSION" };

/** A minimal big-endian reader for one response body. */
class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  int8 = () => this.buf.readInt8((this.at += 1) - 1);
  int16 = () => this.buf.readInt16BE((this.at += 2) - 2);
  int32 = () => this.buf.readInt32BE((this.at += 4) - 4);
  int64 = () => Number(this.buf.readBigInt64BE((this.at += 8) - 8));
  string = () => {
    const length = this.int16();
    if (length < 0) return "";
    const value = this.buf.toString("utf8", this.at, this.at + length);
    this.at += length;
    return value;
  };
  array = <T>(item: () => T): T[] => Array.from({ length: Math.max(0, this.int32()) }, item);
}

/** Decodes a DescribeLogDirs v1 response body into directories with per-topic sizes (future replicas left out). */
export function decodeDescribeLogDirsV1(body: Buffer): LogDir[] {
  const read = new Reader(body);
  read.int32(); // throttle time
  return read.array(() => {
    const code = read.int16();
    const path = read.string();
    const topics = read.array(() => {
      const topic = read.string();
      const partitions = read.array(() => {
        read.int32(); // partition
        const size = read.int64();
        read.int64(); // offset lag of a future replica
        const future = read.int8() !== 0;
        return future ? 0 : size;
      });
      return { topic, bytes: partitions.reduce((a, b) => a + b, 0), partitions: partitions.length };
    });
    const bytes = topics.reduce((sum, t) => sum + t.bytes, 0);
    return { path, error: code === 0 ? null : (logDirErrors[code] ?? `error ${code}`), bytes, topics: topics.sort((a, b) => b.bytes - a.bytes) };
  });
}

/**
 * DescribeLogDirs (v1) for every topic on one broker. kafkajs has no such request, so
 * this sends its four-byte body (a null topic list: all topics) on the broker's own
 * connection and decodes the answer here.
 */
export async function describeLogDirs(nodeId: number): Promise<LogDir[]> {
  const broker = await (await getKafkaCluster()).findBroker({ nodeId: String(nodeId) });
  const send = Object.getOwnPropertySymbols(Object.getPrototypeOf(broker)).find((s) => s.description === "private:Broker:sendRequest");
  if (!send) throw new Error("kafkajs no longer exposes its broker request sender; check the kafkajs version");
  const body = Buffer.alloc(4);
  body.writeInt32BE(-1);
  const sender = (broker as unknown as Record<symbol, (request: unknown) => Promise<LogDir[]>>)[send]!.bind(broker);
  return sender({
    request: {
      apiKey: describeLogDirsApiKey,
      apiVersion: 1,
      apiName: "DescribeLogDirs",
      encode: async () => ({ buf: body, buffer: body }),
    },
    response: {
      decode: async (payload: Buffer) => payload,
      parse: async (payload: Buffer) => decodeDescribeLogDirsV1(payload),
    },
  });
}

/** Log directories of one broker, cached for 10 s (sizes change slowly, and the request walks every partition). */
export function cachedLogDirs(nodeId: number): Promise<LogDir[]> {
  return cached(`kafka:logdirs:${nodeId}`, 10_000, () => kafkaCall("describeLogDirs", () => describeLogDirs(nodeId)));
}
