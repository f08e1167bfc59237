import type { Metadata } from "next";
import { BrokersTable } from "@/components/kafka/brokers-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Brokers" };

export default function BrokersPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader
        title="Brokers"
        description="Address, rack, partition leadership and bytes on disk of every broker, refreshed every 10 s. Open one for its log directories and configs."
      />
      <BrokersTable />
    </div>
  );
}
