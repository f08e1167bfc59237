import "server-only";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { systemConfigSchema, type SystemConfig } from "@/lib/schemas/system-file";
import { getConfig } from "../config";
import { AppError } from "../http/errors";

const empty: SystemConfig = systemConfigSchema.parse({ eventdeck: {} }).eventdeck;

const cache = globalThis as unknown as { eventdeckSystem?: { path: string; mtimeMs: number; config: SystemConfig } };

/** Parses the text of a system config file; throws an AppError naming the first bad entry. */
export function parseSystemConfig(text: string, path: string): SystemConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError("CONFIG_INVALID", `${path} is not JSON: ${(error as Error).message}`);
  }
  const result = systemConfigSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AppError("CONFIG_INVALID", `${path}: ${issue.path.join(".") || "the file"}: ${issue.message}`);
  }
  return result.data.eventdeck;
}

/**
 * The system declarations from SYSTEM_CONFIG_FILE, read again when the file changes (no
 * restart to add a service). A missing file is an empty declaration: the map then shows
 * only what Kafka and the metrics tell.
 */
export function getSystemConfig(): SystemConfig {
  const path = resolve(getConfig().SYSTEM_CONFIG_FILE);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return empty;
  }
  const hit = cache.eventdeckSystem;
  if (hit && hit.path === path && hit.mtimeMs === mtimeMs) return hit.config;
  const config = parseSystemConfig(readFileSync(path, "utf8"), getConfig().SYSTEM_CONFIG_FILE);
  cache.eventdeckSystem = { path, mtimeMs, config };
  return config;
}

/** Topics and groups of the system: those matching the declared patterns, never Kafka's own. */
export function systemScope(config: SystemConfig) {
  const topics = config.match.topics ? new RegExp(config.match.topics) : null;
  const groups = config.match.groups ? new RegExp(config.match.groups) : null;
  return {
    topic: (name: string) => !name.startsWith("__") && (!topics || topics.test(name)),
    group: (id: string) => !groups || groups.test(id),
  };
}
