import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
// compose.yaml publishes the stack's default ports, whatever this run moved them to.
import { apicurioVersion, defaultPorts as ports } from "@/stack/settings";

const root = join(import.meta.dirname, "..");
const compose = parse(readFileSync(join(root, "compose.yaml"), "utf8")) as {
  services: Record<string, { image?: string; build?: unknown; command?: string[]; ports?: string[]; environment?: Record<string, string>; volumes?: string[] }>;
};

function hostPort(service: string): number {
  const mapping = compose.services[service]?.ports?.[0] ?? "";
  return Number(mapping.split(":").at(-2));
}

describe("compose.yaml", () => {
  it("runs the stack on official images plus the console built from this repo", () => {
    expect(compose.services.kafka?.image).toMatch(/^apache\/kafka:4\./);
    expect(compose.services.mongo?.image).toMatch(/^mongo:/);
    expect(compose.services.prometheus?.image).toMatch(/^prom\/prometheus:/);
    expect(compose.services["schema-registry"]?.image).toBe(`apicurio/apicurio-registry:${apicurioVersion}`);
    expect(compose.services.console?.build).toEqual({ context: ".", target: "console" });
  });

  it("runs the storefront services against the compose Kafka and MongoDB", () => {
    for (const name of ["accounts", "orders", "fulfillment"] as const) {
      const service = compose.services[name];
      expect(service?.command).toEqual(["node", "--import", "tsx", `services/${name}/main.ts`]);
      expect(service?.environment?.KAFKA_BROKERS).toBe("kafka:9092");
      expect(hostPort(name)).toBe(ports[name]);
    }
  });

  it("publishes the same host ports as the local stack", () => {
    expect(hostPort("kafka")).toBe(ports.kafka);
    expect(hostPort("mongo")).toBe(ports.mongo);
    expect(hostPort("prometheus")).toBe(ports.prometheus);
    expect(hostPort("schema-registry")).toBe(ports.schemaRegistry);
  });

  it("points the console at the compose services", () => {
    const env = compose.services.console?.environment ?? {};
    expect(env.KAFKA_BROKERS).toBe("kafka:9092");
    expect(env.MONGODB_URI).toBe("mongodb://mongo:27017/");
    expect(env.PROMETHEUS_URL).toBe("http://prometheus:9090");
    expect(env.SCHEMA_REGISTRY_URL).toBe("http://schema-registry:8080/apis/ccompat/v7");
  });

  it("mounts a Prometheus config that scrapes the console", () => {
    const mount = compose.services.prometheus?.volumes?.find((v) => v.endsWith(":/etc/prometheus/prometheus.yml:ro"));
    const config = parse(readFileSync(join(root, mount!.split(":")[0]!), "utf8")) as {
      scrape_configs: Array<{ metrics_path?: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const job = config.scrape_configs.find((j) => j.metrics_path === "/api/metrics");
    expect(job?.static_configs[0]?.targets).toEqual(["console:3000"]);
  });

  // Docker's compose plugin where there is one, else the standalone docker-compose (Debian's
  // package; `npm run stack -- install` installs it): both check the file against the compose schema.
  const implementation = ((): string[] | undefined => {
    if (spawnSync("docker", ["compose", "version"], { stdio: "ignore" }).status === 0) return ["docker", "compose"];
    if (spawnSync("docker-compose", ["version"], { stdio: "ignore" }).status === 0) return ["docker-compose"];
    return undefined;
  })();
  const composeConfig = (file: string) => {
    if (!implementation) throw new Error("no compose implementation: install Debian's docker-compose (`npm run stack -- install` does)");
    const [command, ...args] = implementation;
    return spawnSync(command!, [...args, "-f", file, "config", "-q"], { encoding: "utf8" });
  };

  it("is valid for `docker compose config`", () => {
    const result = composeConfig(join(root, "compose.yaml"));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("is checked by a validator that refuses a broken file (a dependency on a service that does not exist)", () => {
    const dir = mkdtempSync(join(tmpdir(), "eventdeck-compose-"));
    try {
      const broken = readFileSync(join(root, "compose.yaml"), "utf8").replace(
        "depends_on: [accounts, orders, fulfillment]",
        "depends_on: [accounts, orders, shipping]",
      );
      expect(broken).toContain("shipping");
      writeFileSync(join(dir, "compose.yaml"), broken);
      const result = composeConfig(join(dir, "compose.yaml"));
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/shipping/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
