import { z } from "zod";

/** Settings every storefront service reads; each service extends this with its own. */
export const baseConfigSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default("127.0.0.1:19092")
    .transform((value) =>
      value
        .split(",")
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// URI")
    .default("mongodb://127.0.0.1:27018/"),
  /**
   * Prefix for topic, database and consumer group names, so a test can run its own
   * storefront beside the demo's on the same stack ("" for the demo).
   */
  STOREFRONT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]*$/, "lowercase letters and digits only")
    .default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The Schema Registry (Confluent's API) of the events written in Avro. */
  SCHEMA_REGISTRY_URL: z
    .url({ protocol: /^https?$/ })
    .default("http://127.0.0.1:19081/apis/ccompat/v7")
    .transform((url) => url.replace(/\/+$/, "")),
});

/** Parses a service's settings from the environment; a bad value exits with one line naming it. */
export function loadServiceConfig<S extends z.ZodType>(service: string, schema: S): z.infer<S> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  console.error(`${service}: Invalid setting ${String(issue?.path[0] ?? "config")}: ${issue?.message}`);
  process.exit(1);
}

/** Names of a storefront's topics, databases and groups within its namespace. */
export function names(namespace: string) {
  const topic = (name: string) => (namespace ? `${namespace}.${name}` : name);
  return {
    topics: {
      customerChange: topic("accounts.customer.change"),
      orderChange: topic("orders.order.change"),
      fulfillmentChange: topic("fulfillment.order.change"),
    },
    database: (service: string) => (namespace ? `${namespace}_${service}` : service),
    group: (name: string) => (namespace ? `${namespace}.${name}` : name),
  };
}
export type StorefrontNames = ReturnType<typeof names>;
