import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { ports } from "@/stack/settings";

/** Addresses of the stack `npm run stack -- up` started (same env overrides as the stack). */
export const stackAddresses = {
  kafkaBrokers: [`127.0.0.1:${ports.kafka}`],
  mongoUri: `mongodb://127.0.0.1:${ports.mongo}/`,
  prometheusUrl: `http://127.0.0.1:${ports.prometheus}`,
  schemaRegistryUrl: `http://127.0.0.1:${ports.schemaRegistry}/apis/ccompat/v7`,
};

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function testKafka(clientId = uniqueName("test")): Kafka {
  return new Kafka({ clientId, brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING });
}
