import { describe, expect, it } from "vitest";
import { defaultReplayForm, newReplayHref, replayFormFrom, replayFormQuery, replaySpecOf } from "./form";

const form = (query: string) => replayFormFrom(new URLSearchParams(query));

describe("replayFormFrom", () => {
  it("reads a re-publish link; from/to numbers mean offsets", () => {
    const values = form("kind=republish&topic=orders&partitions=0,2&from=10&to=200&filter=payload.status%20%3D%3D%20%22rejected%22");
    expect(values).toMatchObject({
      kind: "republish",
      topic: "orders",
      partitions: "0,2",
      range: "offsets",
      from: "10",
      to: "200",
      filter: 'payload.status == "rejected"',
    });
  });
  it("takes ISO ends as a time range, and a group as a reprocess", () => {
    expect(form("topic=t&from=2024-05-01T00:00:00Z").range).toBe("time");
    expect(form("group=billing&topic=orders")).toMatchObject({ kind: "reprocess", group: "billing", topic: "orders", rewind: "earliest" });
  });
  it("ignores unknown kinds and modes", () => {
    expect(form("kind=delete&range=forever&rewind=latest&mode=everything")).toMatchObject({
      kind: "republish",
      range: "all",
      rewind: "earliest",
      mode: "shadow",
    });
  });
  it("reads a rebuild link; a projection without a kind means a rebuild", () => {
    expect(form("kind=rebuild&service=orders&projection=customers&mode=in-place")).toMatchObject({
      kind: "rebuild",
      service: "orders",
      projection: "customers",
      mode: "in-place",
    });
    expect(form("service=orders&projection=customers")).toMatchObject({ kind: "rebuild", mode: "shadow" });
  });
});

describe("replayFormQuery", () => {
  it("keeps only what the kind uses, and round-trips", () => {
    const values = { ...defaultReplayForm, topic: "orders", range: "offsets" as const, from: "5", group: "ignored", target: "orders" };
    const query = replayFormQuery(values);
    expect(query).toBe("kind=republish&topic=orders&range=offsets&from=5");
    expect(form(query)).toMatchObject({ topic: "orders", range: "offsets", from: "5", group: "", target: "" });
  });
  it("keeps a rebuild's service, projection and mode", () => {
    expect(newReplayHref({ kind: "rebuild", service: "orders", projection: "customers", topic: "ignored" })).toBe(
      "/replay/new?kind=rebuild&service=orders&projection=customers&mode=shadow",
    );
  });
  it("links to a prefilled reprocess", () => {
    expect(newReplayHref({ kind: "reprocess", group: "g 1" })).toBe("/replay/new?kind=reprocess&group=g+1&rewind=earliest");
  });
});

describe("replaySpecOf", () => {
  it("builds a re-publish spec; the target defaults to the source", () => {
    expect(replaySpecOf({ ...defaultReplayForm, topic: "orders", partitions: "2, 0,2", range: "offsets", from: "10", rate: "500" }).spec).toEqual({
      kind: "republish",
      source: { topic: "orders", partitions: [0, 2], range: { kind: "offsets", from: "10" } },
      filter: "",
      target: { topic: "orders" },
      ratePerSecond: 500,
    });
  });
  it("names the fields that are wrong", () => {
    const { problems } = replaySpecOf({ ...defaultReplayForm, topic: "", partitions: "a", range: "offsets", from: "9", to: "3", filter: 'x = "1"', rate: "0" });
    expect(Object.keys(problems ?? {}).sort()).toEqual(["filter", "partitions", "rate", "to", "topic"]);
  });
  it("builds reprocess specs and wants a shift backwards", () => {
    expect(replaySpecOf({ ...defaultReplayForm, kind: "reprocess", group: "billing", rewind: "shift", shift: "-50" }).spec).toEqual({
      kind: "reprocess",
      groupId: "billing",
      to: { kind: "shift", by: -50 },
    });
    expect(replaySpecOf({ ...defaultReplayForm, kind: "reprocess", group: "billing", rewind: "shift", shift: "5" }).problems).toHaveProperty("shift");
  });
  it("builds rebuild specs once a projection is chosen", () => {
    expect(replaySpecOf({ ...defaultReplayForm, kind: "rebuild", service: "orders", projection: "customers", mode: "in-place" }).spec).toEqual({
      kind: "rebuild",
      service: "orders",
      projection: "customers",
      mode: "in-place",
    });
    expect(replaySpecOf({ ...defaultReplayForm, kind: "rebuild", service: "orders" }).problems).toHaveProperty("projection");
    expect(replaySpecOf({ ...defaultReplayForm, kind: "rebuild", service: "Orders!", projection: "customers" }).problems).toHaveProperty("projection");
  });
});
