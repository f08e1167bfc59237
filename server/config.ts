import "server-only";
import { readFileSync } from "node:fs";
import { z } from "zod";

const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:/]+:\d{1,5}$/, "each broker must be host:port")).min(1, "needs at least one host:port"));

const configSchema = z.object({
  CLUSTER_NAME: z.string().min(1).max(64).default("local"),
  KAFKA_BROKERS: brokerList.default(["127.0.0.1:19092"]),
  KAFKA_CLIENT_ID: z.string().min(1).default("eventdeck"),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/.+/, "must start with mongodb:// or mongodb+srv://")
    .default("mongodb://127.0.0.1:27018/"),
  PROMETHEUS_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://127.0.0.1:19090"),
  /** A Confluent-compatible Schema Registry (Confluent, Apicurio's /apis/ccompat/v7, Karapace, Redpanda); "off" turns decoding by schema off. */
  SCHEMA_REGISTRY_URL: z
    .union([z.literal("off"), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL or "off"' })])
    .default("http://127.0.0.1:19081/apis/ccompat/v7"),
  /** Basic auth to the registry (the password may come from a file), or a bearer token (also from a file). */
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().min(1).optional(),
  SCHEMA_REGISTRY_TOKEN: z.string().min(1).optional(),
  /** A PEM file of the CA(s) the registry's TLS certificate is checked against. */
  SCHEMA_REGISTRY_CA_FILE: z.string().min(1).optional(),
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
    .transform((value) =>
      value
        .split(",")
        .map((pair) => pair.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,62}=https?:\/\/[^\s,]+$/, "each entry must be name=http(s)://host:port")
          .transform((pair) => ({ name: pair.slice(0, pair.indexOf("=")), url: pair.slice(pair.indexOf("=") + 1).replace(/\/+$/, "") })),
      ),
    ),
  /** The system view's declarations (services' databases, entities, copied data): JSON with an `eventdeck` section. A missing file means discovery only. */
  SYSTEM_CONFIG_FILE: z.string().min(1).default("eventdeck.config.json"),
  /** Whether this process runs replay jobs (off: it only serves the UI; another instance runs them). */
  REPLAY_WORKER: z.enum(["on", "off"]).default("on"),
  /** Sign-in: local users from AUTH_USERS_FILE (the default), an OpenID Connect provider, or off (everyone is admin; a banner says so). */
  AUTH: z.enum(["local", "oidc", "off"]).default("local"),
  /** The local users: JSON `{"users":[{"username","role","passwordHash"}]}` (argon2id hashes; `npm run user -- add <name> <role>` writes it). */
  AUTH_USERS_FILE: z.string().min(1).default(".eventdeck/users.json"),
  /** Seals session cookies; at least 32 characters. Without it each start makes a new one (sessions end on restart). */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(8),
  /** true: every change is refused, for everyone. */
  READ_ONLY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Collections whose documents viewers may not read, as db.collection or db.* (comma-separated). */
  SENSITIVE_COLLECTIONS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[^.\s]+\.(\*|[^\s]+)$/, "each entry must be db.collection or db.*"))),
  /** Kafka SASL: plain, scram-sha-256 or scram-sha-512 (user name and password below; the password may come from a file). */
  KAFKA_SASL_MECHANISM: z.enum(["plain", "scram-sha-256", "scram-sha-512"]).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** TLS to the brokers; CA, client certificate and key as PEM files. */
  KAFKA_TLS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  KAFKA_TLS_CERT_FILE: z.string().min(1).optional(),
  KAFKA_TLS_KEY_FILE: z.string().min(1).optional(),
  /** OpenID Connect (AUTH=oidc): the issuer, this console's client, and the claim that carries the role. */
  /** The console's address as browsers reach it (for the OIDC callback); default: taken from each request's Host. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_ROLE_CLAIM: z.string().min(1).default("eventdeck_role"),
  OIDC_DEFAULT_ROLE: z.enum(["none", "viewer", "operator", "admin"]).default("viewer"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Every setting the console reads, set or not. */
export const settingNames: readonly string[] = Object.keys(configSchema.shape);

/** Settings that only make sense together. */
function checkCombinations(config: AppConfig, ctx: z.RefinementCtx): void {
  if (config.KAFKA_SASL_MECHANISM && (!config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({
      code: "custom",
      path: ["KAFKA_SASL_MECHANISM"],
      message: "needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)",
    });
  }
  if (!!config.SCHEMA_REGISTRY_USERNAME !== !!config.SCHEMA_REGISTRY_PASSWORD) {
    ctx.addIssue({
      code: "custom",
      path: ["SCHEMA_REGISTRY_USERNAME"],
      message: "basic auth needs both SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD",
    });
  }
  if (config.SCHEMA_REGISTRY_TOKEN && config.SCHEMA_REGISTRY_USERNAME) {
    ctx.addIssue({ code: "custom", path: ["SCHEMA_REGISTRY_TOKEN"], message: "give either a bearer token or a user name and password, not both" });
  }
  if (config.AUTH === "oidc" && (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID)) {
    ctx.addIssue({
      code: "custom",
      path: ["AUTH"],
      message: "AUTH=oidc needs OIDC_ISSUER and OIDC_CLIENT_ID (and OIDC_CLIENT_SECRET unless the client is public)",
    });
  }
}

export class ConfigError extends Error {}

/** Settings that may be given as a file (`<NAME>_FILE`, e.g. a mounted secret) instead of their value. */
export const fileSettings = [
  "MONGODB_URI",
  "KAFKA_SASL_PASSWORD",
  "SESSION_SECRET",
  "OIDC_CLIENT_SECRET",
  "SCHEMA_REGISTRY_PASSWORD",
  "SCHEMA_REGISTRY_TOKEN",
] as const;

/** Settings never shown or logged: the config view replaces them (and credentials in URIs) with ***. */
export const secretSettings = new Set<string>([
  "KAFKA_SASL_PASSWORD",
  "SESSION_SECRET",
  "OIDC_CLIENT_SECRET",
  "SCHEMA_REGISTRY_PASSWORD",
  "SCHEMA_REGISTRY_TOKEN",
]);

function readSettingFiles(env: Record<string, string>): Record<string, string> {
  const resolved = { ...env };
  for (const name of fileSettings) {
    const file = env[`${name}_FILE`];
    if (!file || env[name]) continue;
    try {
      resolved[name] = readFileSync(file, "utf8").trim();
    } catch {
      throw new ConfigError(`Invalid setting ${name}_FILE: cannot read ${file}`);
    }
  }
  return resolved;
}

/** Parses settings from an env-like record; throws a ConfigError whose message names the first bad setting. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const present = readSettingFiles(
    Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")),
  );
  const result = configSchema.superRefine(checkCombinations).safeParse(present);
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
