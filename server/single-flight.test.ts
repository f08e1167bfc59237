import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight";

describe("singleFlight", () => {
  it("runs one call for concurrent callers of the same key", async () => {
    let calls = 0;
    let release!: (value: number) => void;
    const call = () => {
      calls++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = singleFlight("k", call);
    const second = singleFlight("k", call);
    release(42);
    expect(await Promise.all([first, second])).toEqual([42, 42]);
    expect(calls).toBe(1);
  });

  it("starts a new call once the previous one settled, also after a failure", async () => {
    let calls = 0;
    await expect(singleFlight("f", async () => (calls++, Promise.reject(new Error("down"))))).rejects.toThrow("down");
    expect(await singleFlight("f", async () => (calls++, "up"))).toBe("up");
    expect(calls).toBe(2);
  });

  it("keeps different keys apart", async () => {
    const [a, b] = await Promise.all([singleFlight("a", async () => "a"), singleFlight("b", async () => "b")]);
    expect([a, b]).toEqual(["a", "b"]);
  });
});
