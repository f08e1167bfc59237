import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Suspense } from "react";
import { TopicsTable } from "@/components/kafka/topics-table";

export const metadata: Metadata = { title: "Topics" };

export default function TopicsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader title="Topics" description="Partitions, replication and retained messages of every topic, refreshed every 10 s." />
      <Suspense>
        <TopicsTable />
      </Suspense>
    </div>
  );
}
