import "server-only";
import { readFileSync } from "node:fs";
import type { KafkaConfig } from "kafkajs";
import { getConfig } from "../config";
import { AppError } from "../http/errors";

/** TLS and SASL settings for every kafkajs client of the console (console, message scans, replay), from the configuration. */
export function kafkaConnectionOptions(): Pick<KafkaConfig, "ssl" | "sasl"> {
  const config = getConfig();
  const pem = (setting: "KAFKA_TLS_CA_FILE" | "KAFKA_TLS_CERT_FILE" | "KAFKA_TLS_KEY_FILE") => {
    const file = config[setting];
    if (!file) return undefined;
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new AppError("KAFKA_UNAVAILABLE", `The console cannot read ${setting} (${file}): ${reason}`);
    }
  };
  const options: Pick<KafkaConfig, "ssl" | "sasl"> = {};
  if (config.KAFKA_TLS)
    options.ssl = { ca: pem("KAFKA_TLS_CA_FILE"), cert: pem("KAFKA_TLS_CERT_FILE"), key: pem("KAFKA_TLS_KEY_FILE"), rejectUnauthorized: true };
  if (config.KAFKA_SASL_MECHANISM) {
    options.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME!,
      password: config.KAFKA_SASL_PASSWORD!,
    } as KafkaConfig["sasl"];
  }
  return options;
}
