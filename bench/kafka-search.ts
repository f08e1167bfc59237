import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ensureDebianPackage } from "../stack/apt";
import { stackAddresses } from "../test/support/stack";
import type { CompressionCodec } from "../lib/schemas/kafka-messages";
import { median } from "./kafka-fixture";
import { needle, needleEvery, prepareSearchTopic, searchBenchTopic as benchTopic } from "./kafka-search-topic";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const kcat = "/usr/bin/kcat";

function ensureKcat(): void {
  if (existsSync(kcat)) return;
  try {
    ensureDebianPackage(kcat, "kcat");
  } catch (error) {
    throw new Error(
      `kafka-search compares with kcat, which is not installed and could not be installed (${String(error)}): run \`sudo apt-get install -y kcat\``,
    );
  }
}

/**
 * Ours: the messages route handler itself, called in-process (no HTTP), reading the whole
 * topic from the earliest offsets with the filter `value contains "<needle>"`; the time
 * covers planning (metadata, ListOffsets) and the server-sent event stream to its end.
 */
export async function searchRound(topic: string, messages: number, expectedMatches: number, filter = `value contains "${needle}"`): Promise<number> {
  const route = await import("../app/api/kafka/topics/[topic]/messages/route");
  const query = new URLSearchParams({ start: "earliest", filter, maxScan: String(messages), maxMatches: "1000" });
  const started = performance.now();
  const response = await route.GET(new Request(`http://localhost/api/kafka/topics/${topic}/messages?${query}`), {
    params: Promise.resolve({ topic }),
  });
  const body = await response.text();
  const seconds = (performance.now() - started) / 1000;
  const done = body
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice(6)) as { type: string; scanned?: number; matched?: number; reason?: string })
    .at(-1);
  if (done?.type !== "done" || done.scanned !== messages || done.matched !== expectedMatches) {
    throw new Error(`our scan ended with ${JSON.stringify(done)}; expected ${messages} scanned and ${expectedMatches} matches`);
  }
  return messages / seconds;
}

/** The peer: kcat reading the same partitions from the beginning to their end, piped to `grep -c`. */
function kcatRound(topic: string, messages: number, expectedMatches: number): number {
  const command = `${kcat} -C -b ${stackAddresses.kafkaBrokers.join(",")} -t ${topic} -o beginning -e -q -f '%s\\n' | grep -c -F '${needle}'`;
  const started = performance.now();
  const result = spawnSync("bash", ["-o", "pipefail", "-c", command], { encoding: "utf8", maxBuffer: 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const count = Number(result.stdout.trim());
  if (count !== expectedMatches)
    throw new Error(`kcat | grep counted ${result.stdout.trim() || "nothing"} (${result.stderr.trim()}); expected ${expectedMatches}`);
  return messages / seconds;
}

/**
 * Messages scanned per second looking for a substring in 1,000,000 JSON values of about
 * 300 bytes, in batches compressed with `codec`: the console's server-side search against
 * kcat | grep over the same topic (librdkafka decompressing natively). Rounds alternate
 * between the two; the median of each is reported.
 */
export async function benchKafkaSearch(codec: CompressionCodec = "none") {
  ensureKcat();
  const searchBenchTopic = benchTopic(codec);
  const held = await prepareSearchTopic(codec);
  // The route scans at most 1,000,000 per request; a larger prepared topic is read in part by both.
  const messages = Math.min(held, 1_000_000);
  if (messages !== held) throw new Error(`${searchBenchTopic} holds ${held} messages; delete it to have it produced again with 1,000,000`);
  const expectedMatches = Math.floor((messages - 8) / needleEvery) + 1;

  // One round each first, untimed: the broker's page cache and the JIT warm up for both.
  await searchRound(searchBenchTopic, messages, expectedMatches);
  kcatRound(searchBenchTopic, messages, expectedMatches);
  const ours: number[] = [];
  const peer: number[] = [];
  const jsonPath: number[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await searchRound(searchBenchTopic, messages, expectedMatches));
    peer.push(kcatRound(searchBenchTopic, messages, expectedMatches));
    // For the record: a JSON path test decodes and parses every value (no batch can be skipped).
    jsonPath.push(await searchRound(searchBenchTopic, messages, expectedMatches, `payload.note == "${needle}"`));
    console.error(
      `bench: round ${round + 1}: ours ${Math.round(ours.at(-1)!)} messages/s, kcat | grep ${Math.round(peer.at(-1)!)} messages/s; ours with a JSON path filter ${Math.round(jsonPath.at(-1)!)} messages/s`,
    );
  }
  const oursValue = Math.round(median(ours));
  const peerValue = Math.round(median(peer));
  return {
    bench: codec === "none" ? "kafka-search" : `kafka-search-${codec}`,
    unit: "messages/s",
    ours: oursValue,
    oursDoes: `the messages route handler in process: GET /api/kafka/topics/${searchBenchTopic}/messages?start=earliest&filter=value contains "${needle}"&maxScan=${messages} — planning (Metadata, ListOffsets), Fetch of every partition from the earliest offset, the filter on every record, the server-sent event stream read to its end`,
    peer: "kcat | grep",
    peerDoes: `kcat -C -o beginning -e -f '%s\\n' over every partition of the same topic piped into grep -c -F "${needle}"; timed until grep exits`,
    peerValue,
    ratio: Number((oursValue / peerValue).toFixed(2)),
    higherIsBetter: true,
    n: rounds,
    warmup: 1,
    messages,
    compression: codec,
    matches: expectedMatches,
    oursJsonPathFilter: Math.round(median(jsonPath)),
    measured: "the messages route handler in-process (planning + SSE stream), value contains filter",
  };
}
