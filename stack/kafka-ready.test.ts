import { describe, expect, it } from "vitest";
import { coordinatorPartitionOf, idsCoveringCoordinators, javaStringHash } from "./kafka-ready";

describe("coordinator partitions", () => {
  it("hashes ids as Java's String.hashCode does", () => {
    // What Java 17 prints for these strings' hashCode(), a long one overflowing int32.
    expect(javaStringHash("")).toBe(0);
    expect(javaStringHash("a")).toBe(97);
    expect(javaStringHash("hello")).toBe(99162322);
    expect(javaStringHash("eventdeck-stack-ready-group-0")).toBe(1437755689);
    expect(javaStringHash("eventdeck-stack-ready-group-0")).toBe(javaReference("eventdeck-stack-ready-group-0"));
    expect(javaStringHash("the quick brown fox jumps over the lazy dog")).toBe(-2082818701);
  });

  it("places ids as Kafka does (abs of the hash modulo the partitions) and finds one id for each partition", () => {
    // Integer.MIN_VALUE & 0x7fffffff is 0, where Math.abs would stay negative: "polygenelubricants".hashCode() == Integer.MIN_VALUE.
    expect(javaStringHash("polygenelubricants")).toBe(-2147483648);
    expect(coordinatorPartitionOf("polygenelubricants", 50)).toBe(0);
    const ids = idsCoveringCoordinators("probe", 7);
    expect(ids.map((id) => coordinatorPartitionOf(id, 7))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

/** The hash computed the slow way, with BigInt arithmetic reduced to a signed 32-bit integer at the end. */
function javaReference(text: string): number {
  let hash = 0n;
  for (const char of text) hash = (hash * 31n + BigInt(char.charCodeAt(0))) % 2n ** 32n;
  return Number(BigInt.asIntN(32, hash));
}
