import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ports, readinessTimeoutMs, stackSourceDir, stateDir } from "./settings";
import { ensureDebianPackage } from "./apt";
import { assertRunning, claimPort, ensureDir, logFile, runningPid, startDaemon, stopDaemon, waitUntil } from "./proc";

const prometheusBinary = "/usr/bin/prometheus";
export const prometheusUrl = `http://127.0.0.1:${ports.prometheus}`;

function writeTargets(dir: string): void {
  const targets = ensureDir(join(dir, "targets"));
  const file = (name: string, target: string, labels: Record<string, string>) =>
    writeFileSync(join(targets, name), JSON.stringify([{ targets: [target], labels }], null, 2));
  file("console.json", `127.0.0.1:${ports.console}`, { service: "eventdeck" });
  file("ferretdb.json", `127.0.0.1:${ports.mongoDebug}`, { service: "ferretdb" });
  writeFileSync(
    join(targets, "services-storefront.json"),
    JSON.stringify(
      (["accounts", "orders", "fulfillment"] as const).map((service) => ({ targets: [`127.0.0.1:${ports[service]}`], labels: { service } })),
      null,
      2,
    ),
  );
}

/** Starts Prometheus from Debian's package with the project's config and waits for `/-/ready`. */
export async function startPrometheus(): Promise<string> {
  const dir = ensureDir(join(stateDir, "prometheus"));
  // Targets are rewritten on every `up` so a changed PORT is picked up without a restart.
  writeTargets(dir);
  if (runningPid("prometheus") || claimPort("prometheus", ports.prometheus, "EVENTDECK_PROMETHEUS_PORT", prometheusBinary)) {
    return `Prometheus already running on ${prometheusUrl}`;
  }
  ensureDebianPackage(prometheusBinary, "prometheus");
  copyFileSync(join(stackSourceDir, "prometheus", "prometheus.yml"), join(dir, "prometheus.yml"));
  startDaemon("prometheus", prometheusBinary, [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${ensureDir(join(dir, "data"))}`,
    `--web.listen-address=127.0.0.1:${ports.prometheus}`,
    "--web.enable-lifecycle",
    "--log.level=warn",
  ]);
  await waitUntil(
    "Prometheus",
    async () => {
      assertRunning("prometheus");
      const response = await fetch(`${prometheusUrl}/-/ready`, { signal: AbortSignal.timeout(1000) });
      return response.ok;
    },
    readinessTimeoutMs,
    logFile("prometheus"),
  );
  return `Prometheus on ${prometheusUrl}`;
}

export async function stopPrometheus(): Promise<boolean> {
  return stopDaemon("prometheus");
}

export function prometheusStatus(): string {
  return runningPid("prometheus") ? `prometheus: running on ${prometheusUrl}` : "prometheus: stopped";
}
