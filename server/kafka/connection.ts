import "server-only";
import { readFileSync } from "node:fs";
import type { KafkaConfig } from "kafkajs";
import { getConfig } from "../config";

/** TLS and SASL settings for every kafkajs client of the console (console, message scans, replay), from the configuration. */
export function kafkaConnectionOptions(): Pick<KafkaConfig, "ssl" | "sasl"> {
  const config = getConfig();
  const pem = (file: string | undefined) => (file ? readFileSync(file, "utf8") : undefined);
  const options: Pick<KafkaConfig, "ssl" | "sasl"> = {};
  if (config.KAFKA_TLS) options.ssl = { ca: pem(config.KAFKA_TLS_CA_FILE), cert: pem(config.KAFKA_TLS_CERT_FILE), key: pem(config.KAFKA_TLS_KEY_FILE), rejectUnauthorized: true };
  if (config.KAFKA_SASL_MECHANISM) {
    options.sasl = { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME!, password: config.KAFKA_SASL_PASSWORD! } as KafkaConfig["sasl"];
  }
  return options;
}
