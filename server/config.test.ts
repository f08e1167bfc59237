import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig", () => {
  it("defaults every setting to the local stack", () => {
    const config = parseConfig({});
    expect(config.KAFKA_BROKERS).toEqual(["127.0.0.1:19092"]);
    expect(config.MONGODB_URI).toBe("mongodb://127.0.0.1:27018/");
    expect(config.PROMETHEUS_URL).toBe("http://127.0.0.1:19090");
    expect(config.PORT).toBe(3000);
  });

  it("splits and trims a broker list", () => {
    expect(parseConfig({ KAFKA_BROKERS: "a:9092, b:9093 ," }).KAFKA_BROKERS).toEqual(["a:9092", "b:9093"]);
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ PORT: "" }).PORT).toBe(3000);
  });

  it.each([
    ["KAFKA_BROKERS", "localhost"],
    ["MONGODB_URI", "postgres://x"],
    ["PROMETHEUS_URL", "ftp://prom"],
    ["PORT", "70000"],
    ["PORT", "abc"],
  ])("names %s when its value %j is bad", (setting, value) => {
    expect(() => parseConfig({ [setting]: value })).toThrow(new RegExp(`^Invalid setting ${setting}: `));
  });

  it("never echoes a credential from a bad URI", () => {
    expect(() => parseConfig({ MONGODB_URI: "mongo://admin:hunter2@db" })).toThrow(/^(?!.*hunter2)/);
  });
});
