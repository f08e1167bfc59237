import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareDocuments } from "./consistency";
import { parseSystemConfig } from "./system-file";
import { lagHealth, serviceOfGroup } from "./map";

const shipped = parseSystemConfig(readFileSync("eventdeck.config.json", "utf8"), "eventdeck.config.json");
const copy = shipped.copies[0]!;
const replay = { topic: copy.topic, partition: 1, key: "c1" };

describe("the system config", () => {
  it("reads the shipped eventdeck.config.json, defaults filled in", () => {
    expect(shipped.services.map((s) => s.name)).toEqual(["accounts", "orders", "fulfillment"]);
    expect(shipped.entities.find((e) => e.name === "order")?.related).toEqual([{ entity: "customer", field: "customerId" }]);
    expect(shipped.metrics.produced).toBe("storefront_events_produced_total");
    expect(copy.versionField).toBe("version");
  });

  it("names the first bad entry of a broken file", () => {
    const bad = (eventdeck: unknown) => () => parseSystemConfig(JSON.stringify({ eventdeck }), "x.json");
    expect(bad({ match: { topics: "(" } })).toThrow("x.json: eventdeck.match.topics: not a valid regular expression");
    expect(bad({ entities: [{ name: "order", topics: ["t"], related: [{ entity: "invoice", field: "invoiceId" }] }] })).toThrow('no entity "invoice"');
    expect(bad({ servces: [] })).toThrow(/servces/);
    expect(() => parseSystemConfig("{", "x.json")).toThrow("x.json is not JSON");
  });
});

describe("comparing a copy with its source", () => {
  const source = { _id: "c1", name: "Ada", email: "a@x", status: "active", creditLimit: 10, version: 3, updatedAt: "2026-01-01T00:00:00.000Z" };
  const now = Date.parse("2026-01-01T00:01:00.000Z");

  it("is consistent when the declared fields agree, whatever else differs", () => {
    const result = compareDocuments(copy, "c1", source, { ...source, version: 3, eventId: "e" }, replay, now);
    expect(result).toMatchObject({ state: "consistent", differences: [], replay: null, staleSeconds: null });
  });

  it("is stale when the copy is behind the source's version, with how long and where to replay from", () => {
    const result = compareDocuments(copy, "c1", source, { ...source, name: "Old", version: 2 }, replay, now);
    expect(result).toMatchObject({
      state: "stale",
      sourceVersion: 3,
      copyVersion: 2,
      staleSeconds: 60,
      replay,
      differences: [{ field: "name", source: "Ada", copy: "Old" }],
    });
  });

  it("is diverged when it differs without being behind, and compares types exactly", () => {
    expect(compareDocuments(copy, "c1", source, { ...source, creditLimit: "10" }, replay, now)).toMatchObject({
      state: "diverged",
      differences: [{ field: "creditLimit", source: 10, copy: "10" }],
    });
  });

  it("is missing or orphan when one side has no document, and nothing when neither has", () => {
    expect(compareDocuments(copy, "c1", source, null, replay, now)).toMatchObject({ state: "missing", staleSeconds: 60, replay });
    expect(compareDocuments(copy, "c1", null, source, replay, now)).toMatchObject({ state: "orphan", replay: null });
    expect(compareDocuments(copy, "c1", null, null, replay, now)).toBeNull();
  });
});

describe("the map's health and ownership", () => {
  it("flags a group without members that has lag as critical, a slow one as lagging", () => {
    expect(lagHealth(0, 5n, 3)).toBe("critical");
    expect(lagHealth(0, 0n, null)).toBe("warning");
    expect(lagHealth(2, 5n, 15)).toBe("warning");
    expect(lagHealth(2, 5n, 120)).toBe("critical");
    expect(lagHealth(2, 0n, null)).toBe("ok");
  });

  it("gives a group to the service that declares it, else to the one whose client id its members carry", () => {
    expect(serviceOfGroup(shipped, "orders.saga", ["orders"])).toBe("orders");
    expect(serviceOfGroup(shipped, "anything", ["fulfillment"])).toBe("fulfillment");
    expect(serviceOfGroup(shipped, "console", ["eventdeck"])).toBeNull();
    const declared = { ...shipped, services: shipped.services.map((s) => (s.name === "accounts" ? { ...s, groups: ["audit-trail"] } : s)) };
    expect(serviceOfGroup(declared, "audit-trail", [])).toBe("accounts");
  });
});
