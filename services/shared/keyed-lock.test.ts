import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { KeyedLock } from "./keyed-lock";

describe("KeyedLock", () => {
  it("runs work for one key one at a time, in arrival order", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const job = (name: string, ms: number) =>
      lock.run("k", async () => {
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
      });
    await Promise.all([job("a", 20), job("b", 1), job("c", 1)]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("lets different keys run at the same time", async () => {
    const lock = new KeyedLock();
    let running = 0;
    let peak = 0;
    const job = (key: string) =>
      lock.run(key, async () => {
        peak = Math.max(peak, ++running);
        await sleep(10);
        running--;
      });
    await Promise.all([job("a"), job("b"), job("c")]);
    expect(peak).toBe(3);
  });

  it("releases the key when the work fails", async () => {
    const lock = new KeyedLock();
    await expect(lock.run("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await lock.run("k", async () => "next")).toBe("next");
  });
});
