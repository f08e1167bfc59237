import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { KafkaOverviewView } from "@/components/kafka/kafka-overview";

export const metadata: Metadata = { title: "Kafka" };

export default function KafkaPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader title="Kafka" description="Brokers, partition health and consumer lag across the cluster, refreshed every 5 s." />
      <KafkaOverviewView />
    </div>
  );
}
