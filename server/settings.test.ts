import { afterEach, describe, expect, it } from "vitest";
import { describeSettings } from "./settings";

const resetConfig = () => ((globalThis as { eventdeckConfig?: unknown }).eventdeckConfig = undefined);

describe("describeSettings", () => {
  afterEach(resetConfig);

  it("never shows a secret, a password in a URI, or a secret read from a file", () => {
    const env = {
      MONGODB_URI: "mongodb://app:hunter2secret@db.example:27017/?authSource=admin",
      KAFKA_SASL_MECHANISM: "scram-sha-512",
      KAFKA_SASL_USERNAME: "console",
      KAFKA_SASL_PASSWORD: "sasl-secret-value",
      SESSION_SECRET: "a session secret that is long enough to be used",
      PROMETHEUS_URL: "https://scraper:prom-secret@prom.example",
      SERVICES: "orders=http://svc:svc-secret@127.0.0.1:19102",
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    resetConfig();
    try {
      const settings = describeSettings(env);
      const text = JSON.stringify(settings);
      for (const secret of ["hunter2secret", "sasl-secret-value", "a session secret", "prom-secret", "svc-secret"]) expect(text).not.toContain(secret);
      expect(settings.find((s) => s.name === "KAFKA_SASL_PASSWORD")).toEqual({
        name: "KAFKA_SASL_PASSWORD",
        value: "***",
        source: "environment",
        secret: true,
      });
      expect(settings.find((s) => s.name === "MONGODB_URI")?.value).toBe("mongodb://***@db.example:27017/?authSource=admin");
      expect(settings.find((s) => s.name === "KAFKA_SASL_USERNAME")?.value).toBe("console");
      expect(settings.find((s) => s.name === "OIDC_CLIENT_SECRET")).toMatchObject({ value: null, secret: true });
    } finally {
      process.env = saved;
    }
  });
});
