import { describe, expect, it } from "vitest";
import { readLimitedJsonBody } from "./body";

const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readLimitedJsonBody", () => {
  it("reads JSON within the limit, an empty body as {}", async () => {
    expect(await readLimitedJsonBody(post(`{"a": 1}`), 100)).toEqual({ a: 1 });
    expect(await readLimitedJsonBody(new Request("http://localhost/x", { method: "DELETE" }), 100)).toEqual({});
  });

  it("answers 413 past the limit, declared or streamed, and 400 for what is not JSON", async () => {
    await expect(readLimitedJsonBody(post("x".repeat(200)), 100)).rejects.toMatchObject({ status: 413 });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("y".repeat(50)));
        controller.close();
      },
    });
    await expect(readLimitedJsonBody(post(stream), 100)).rejects.toMatchObject({ status: 413, code: "TOO_LARGE" });
    await expect(readLimitedJsonBody(post("{nope"), 100)).rejects.toMatchObject({ status: 400 });
  });
});
