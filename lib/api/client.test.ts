import { afterEach, describe, expect, it, vi } from "vitest";
import { csrfHeader } from "@/lib/auth";
import { apiCall, apiEvents, apiPrefix, apiResponse, apiUrl } from "./client";
import { ApiError } from "./fetch-json";

const fetchMock = vi.fn<typeof fetch>();
vi.stubGlobal("fetch", fetchMock);
afterEach(() => fetchMock.mockReset());

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const stream = (text: string) => new Response(text, { status: 200, headers: { "content-type": "text/event-stream" } });
const lastCall = () => {
  const [url, init] = fetchMock.mock.calls.at(-1)!;
  return { url, init: init!, headers: init!.headers as Record<string, string> };
};

describe("apiUrl", () => {
  it("fills and encodes path parameters and leaves out unset query values", () => {
    expect(apiUrl("GET /api/kafka/topics/[topic]", { params: { topic: "a/b c" } })).toBe("/api/kafka/topics/a%2Fb%20c");
    expect(apiUrl("GET /api/mongo/databases", { query: { system: undefined } })).toBe("/api/mongo/databases");
    expect(apiUrl("GET /api/prometheus/label-values", { query: { label: "job", match: "" } })).toBe("/api/prometheus/label-values?label=job&match=");
    expect(apiUrl("GET /api/auth/oidc/start", { query: { returnTo: "/kafka?x=1&y=2" } })).toBe("/api/auth/oidc/start?returnTo=%2Fkafka%3Fx%3D1%26y%3D2");
  });

  it("gives a catch-all route's fixed prefix", () => {
    expect(apiPrefix("GET /api/prometheus/autocomplete/[...path]")).toBe("/api/prometheus/autocomplete");
    expect(apiPrefix("GET /api/kafka/topics")).toBe("/api/kafka/topics");
  });
});

describe("apiCall", () => {
  it("sends a JSON body with the method and the CSRF header", async () => {
    fetchMock.mockResolvedValue(json({ deleted: "orders" }));
    await apiCall("DELETE /api/kafka/topics/[topic]", { params: { topic: "orders" }, body: { confirm: "orders" } });
    const { url, init, headers } = lastCall();
    expect([url, init.method, init.body]).toEqual(["/api/kafka/topics/orders", "DELETE", '{"confirm":"orders"}']);
    expect(headers).toMatchObject({ "content-type": "application/json", [csrfHeader]: "1" });
  });

  it("sends a text body as JSON lines, and no CSRF header with a GET", async () => {
    fetchMock.mockResolvedValue(json({ inserted: 1, failed: [] }));
    await apiCall("POST /api/mongo/databases/[db]/collections/[collection]/import", { params: { db: "shop", collection: "orders" }, body: '{"a":1}\n' });
    expect(lastCall().headers["content-type"]).toBe("application/x-ndjson");
    expect(lastCall().init.body).toBe('{"a":1}\n');
    fetchMock.mockResolvedValue(json({ brokers: [] }));
    await apiCall("GET /api/kafka/brokers");
    expect(lastCall().headers[csrfHeader]).toBeUndefined();
  });

  it("resolves a 204 to undefined and throws the server's error as ApiError", async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(apiCall("POST /api/auth/signout")).resolves.toBeUndefined();
    fetchMock.mockResolvedValue(json({ error: { code: "TOPIC_NOT_FOUND", message: "No topic orders" } }, 404));
    await expect(apiCall("GET /api/kafka/topics/[topic]", { params: { topic: "orders" } })).rejects.toMatchObject({
      status: 404,
      code: "TOPIC_NOT_FOUND",
      message: "No topic orders",
    });
  });
});

describe("apiResponse", () => {
  it("answers the Response of a 2xx and throws ApiError otherwise", async () => {
    fetchMock.mockResolvedValue(new Response("a\nb\n", { status: 200 }));
    const key = "GET /api/mongo/databases/[db]/collections/[collection]/export";
    const response = await apiResponse(key, { params: { db: "shop", collection: "orders" }, query: { format: "csv" } });
    expect(await response.text()).toBe("a\nb\n");
    expect(lastCall().url).toBe("/api/mongo/databases/shop/collections/orders/export?format=csv");
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(apiResponse(key, { params: { db: "shop", collection: "orders" } })).rejects.toMatchObject({ status: 0, code: "NETWORK" });
  });
});

describe("apiEvents", () => {
  it("hands each event over with its name and parsed data", async () => {
    fetchMock.mockResolvedValue(stream('event: start\ndata: {"type":"start","total":2}\n\nevent: done\ndata: {"type":"done","reason":"end"}\n\n'));
    const events: unknown[] = [];
    const onOpen = vi.fn();
    await apiEvents("GET /api/kafka/topics/[topic]/messages", { params: { topic: "orders" } }, (event) => events.push(event), { onOpen });
    expect(onOpen).toHaveBeenCalledOnce();
    expect(events).toEqual([
      { event: "start", data: { type: "start", total: 2 } },
      { event: "done", data: { type: "done", reason: "end" } },
    ]);
    expect(lastCall().headers.accept).toBe("text/event-stream");
  });

  it("throws ApiError before any event when the answer is not a stream", async () => {
    fetchMock.mockResolvedValue(json({ error: { code: "BAD_REQUEST", message: "filter: bad" } }, 400));
    const onEvent = vi.fn();
    const failure = apiEvents("GET /api/kafka/topics/[topic]/messages", { params: { topic: "orders" } }, onEvent);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, message: "filter: bad" });
    expect(onEvent).not.toHaveBeenCalled();
  });
});
