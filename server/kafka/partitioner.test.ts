import { describe, expect, it } from "vitest";
import { partitionForKey } from "./partitioner";

// Kafka's own murmur2 test vectors (the Java client's UtilsTest): a key lands where a Java producer puts it.
const javaMurmur2: Array<[string, number]> = [
  ["21", -973932308],
  ["foobar", -790332482],
  ["a-little-bit-long-string", -985981536],
  ["a-little-bit-longer-string", -1486304829],
  ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
  ["abc", 479470107],
];

describe("partitionForKey", () => {
  it.each(javaMurmur2)("puts %s where Kafka's default partitioner does", (key, hash) => {
    for (const partitions of [1, 3, 12, 1000]) expect(partitionForKey(key, partitions)).toBe((hash & 0x7fffffff) % partitions);
  });

  it("takes bytes and text alike", () => {
    expect(partitionForKey(Buffer.from("order-1"), 7)).toBe(partitionForKey("order-1", 7));
  });
});
