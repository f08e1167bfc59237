import "server-only";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { getConfig } from "../config";
import { closeOnShutdown } from "../shutdown";

interface KafkaClients {
  kafka: Kafka;
  admin?: Promise<Admin>;
}

const cache = globalThis as unknown as { eventdeckKafka?: KafkaClients };

function getKafka(): KafkaClients {
  if (!cache.eventdeckKafka) {
    const config = getConfig();
    cache.eventdeckKafka = {
      kafka: new Kafka({
        clientId: config.KAFKA_CLIENT_ID,
        brokers: config.KAFKA_BROKERS,
        logLevel: logLevel.NOTHING,
        connectionTimeout: Math.min(config.BACKEND_TIMEOUT_MS, 3000),
        requestTimeout: config.BACKEND_TIMEOUT_MS,
        // Fail fast: the console answers with a clear 503 rather than retrying for half a minute.
        retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
      }),
    };
    closeOnShutdown("kafka", async () => (await cache.eventdeckKafka?.admin)?.disconnect());
  }
  return cache.eventdeckKafka;
}

/** The process's one connected kafkajs admin client; a failed connect is forgotten so the next call tries again. */
export function getKafkaAdmin(): Promise<Admin> {
  const clients = getKafka();
  if (!clients.admin) {
    const admin = clients.kafka.admin();
    clients.admin = admin.connect().then(
      () => admin,
      (error: unknown) => {
        clients.admin = undefined;
        throw error;
      },
    );
  }
  return clients.admin;
}
