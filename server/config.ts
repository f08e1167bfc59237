import "server-only";
import { z } from "zod";

const brokerList = z
  .string()
  .transform((value) => value.split(",").map((broker) => broker.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[^\s:/]+:\d{1,5}$/, "each broker must be host:port"))
      .min(1, "needs at least one host:port"),
  );

const configSchema = z.object({
  CLUSTER_NAME: z.string().min(1).max(64).default("local"),
  KAFKA_BROKERS: brokerList.default(["127.0.0.1:19092"]),
  KAFKA_CLIENT_ID: z.string().min(1).default("eventdeck"),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/.+/, "must start with mongodb:// or mongodb+srv://")
    .default("mongodb://127.0.0.1:27018/"),
  PROMETHEUS_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://127.0.0.1:19090"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Budget for one backend call made while serving a request. */
  BACKEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3000),
  /** The database where the console keeps its own records: replay jobs and the audit log. */
  CONSOLE_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, "letters, digits, '_' and '-' only")
    .default("eventdeck"),
  /**
   * Services that expose /admin/projections (rebuildable read models), as name=url pairs;
   * the default is the demo storefront on the stack's ports.
   */
  SERVICES: z
    .string()
    .default("accounts=http://127.0.0.1:19101,orders=http://127.0.0.1:19102,fulfillment=http://127.0.0.1:19103")
    .transform((value) => value.split(",").map((pair) => pair.trim()).filter(Boolean))
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,62}=https?:\/\/[^\s,]+$/, "each entry must be name=http(s)://host:port")
          .transform((pair) => ({ name: pair.slice(0, pair.indexOf("=")), url: pair.slice(pair.indexOf("=") + 1).replace(/\/+$/, "") })),
      ),
    ),
  /** Whether this process runs replay jobs (off: it only serves the UI; another instance runs them). */
  REPLAY_WORKER: z.enum(["on", "off"]).default("on"),
  /** Sign-in: local users from AUTH_USERS_FILE (the default), an OpenID Connect provider, or off (everyone is admin; a banner says so). */
  AUTH: z.enum(["local", "oidc", "off"]).default("local"),
  /** The local users: JSON `{"users":[{"username","role","passwordHash"}]}` (argon2id hashes; `npm run user -- add <name> <role>` writes it). */
  AUTH_USERS_FILE: z.string().min(1).default(".eventdeck/users.json"),
  /** Seals session cookies; at least 32 characters. Without it each start makes a new one (sessions end on restart). */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(8),
  /** true: every change is refused, for everyone. */
  READ_ONLY: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Collections whose documents viewers may not read, as db.collection or db.* (comma-separated). */
  SENSITIVE_COLLECTIONS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^.\s]+\.(\*|[^\s]+)$/, "each entry must be db.collection or db.*"))),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses settings from an env-like record; throws a ConfigError whose message names the first bad setting. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const setting = String(issue?.path[0] ?? "config");
  // The URI may carry credentials: name the setting, never echo its value.
  throw new ConfigError(`Invalid setting ${setting}: ${issue?.message ?? "invalid value"}`);
}

const cache = globalThis as unknown as { eventdeckConfig?: AppConfig };

/** The validated configuration of this process, read from the environment once. */
export function getConfig(): AppConfig {
  cache.eventdeckConfig ??= parseConfig(process.env);
  return cache.eventdeckConfig;
}
