import type { Metadata } from "next";
import { KafkaOverviewView } from "@/components/kafka/kafka-overview";

export const metadata: Metadata = { title: "Kafka" };

export default function KafkaPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Kafka</h1>
        <p className="text-sm text-muted">Brokers, partition health and consumer lag across the cluster, refreshed every 5 s.</p>
      </div>
      <KafkaOverviewView />
    </div>
  );
}
