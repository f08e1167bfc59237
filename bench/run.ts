/**
 * `npm run bench -- <name>`: runs one benchmark against the local stack (start it with
 * `npm run stack -- up`) and prints, as its last line, one JSON object in the format of
 * DESIGN.md: {"bench","unit","ours","peer","peerValue","ratio","n",...}.
 */
// The benches call route handlers in process, without a session, as the integration tests do
// (vitest.config.ts): sign-in off, set before any server module reads the config. The load
// bench starts its own console with sign-in on.
process.env.AUTH = "off";

const benches: Record<string, () => Promise<unknown>> = {
  storefront: () => import("./storefront").then((m) => m.benchStorefront()),
  "kafka-topics": () => import("./kafka-topics").then((m) => m.benchKafkaTopics()),
  "kafka-lag": () => import("./kafka-lag").then((m) => m.benchKafkaLag()),
  "kafka-search": () => import("./kafka-search").then((m) => m.benchKafkaSearch()),
  "kafka-search-lz4": () => import("./kafka-search").then((m) => m.benchKafkaSearch("lz4")),
  "kafka-search-zstd": () => import("./kafka-search").then((m) => m.benchKafkaSearch("zstd")),
  "kafka-search-avro": () => import("./kafka-search-avro").then((m) => m.benchKafkaSearchAvro()),
  metrics: () => import("./metrics").then((m) => m.benchMetrics()),
  "mongo-paging": () => import("./mongo-paging").then((m) => m.benchMongoPaging()),
  replay: () => import("./replay").then((m) => m.benchReplay()),
  load: () => import("./load").then((m) => m.benchLoad()),
  trace: () => import("./trace").then((m) => m.benchTrace()),
};

const benchName = process.argv[2];
if (!benchName || !(benchName in benches)) {
  console.error(`bench: choose one of ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
const result = await benches[benchName]!();
console.log(JSON.stringify(result));
process.exit(0);

export {};
