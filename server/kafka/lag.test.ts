import { describe, expect, it } from "vitest";
import { partitionLag, sumLag } from "./lag";

const marks = { partition: 0, low: "10", high: "25", stable: "25" };

describe("partitionLag", () => {
  it("is the distance from the committed offset to the end", () => {
    expect(partitionLag("t", marks, "20")).toEqual({
      topic: "t",
      partition: 0,
      committedOffset: "20",
      endOffset: "25",
      lag: "5",
      inOpenTransactions: "0",
      lagSeconds: null,
    });
  });

  it("counts every retained message for a partition without a committed offset", () => {
    expect(partitionLag("t", marks, "-1")).toMatchObject({ committedOffset: null, lag: "15" });
    expect(partitionLag("t", marks, undefined)).toMatchObject({ committedOffset: null, lag: "15" });
  });

  it("counts from the low watermark when retention removed unread messages", () => {
    expect(partitionLag("t", marks, "3").lag).toBe("15");
  });

  it("is never negative", () => {
    expect(partitionLag("t", marks, "30").lag).toBe("0");
  });

  it("counts to the last stable offset and reports records of open transactions apart", () => {
    const open = { partition: 0, low: "0", high: "30", stable: "22" };
    expect(partitionLag("t", open, "20")).toMatchObject({ lag: "2", inOpenTransactions: "8" });
    // A group already past the stable offset (read_uncommitted) waits only for what is left.
    expect(partitionLag("t", open, "26")).toMatchObject({ lag: "0", inOpenTransactions: "4" });
  });

  it("keeps offsets past 2^53 exact", () => {
    const big = { partition: 1, low: "0", high: "9007199254740995", stable: "9007199254740995" };
    expect(partitionLag("t", big, "9007199254740990").lag).toBe("5");
  });
});

describe("sumLag", () => {
  it("adds partition lags exactly", () => {
    expect(sumLag([partitionLag("t", marks, "20"), partitionLag("t", marks, "-1")])).toBe("20");
  });
});
