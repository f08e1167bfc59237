import type { Metadata } from "next";
import { Suspense } from "react";
import { CreateTopicButton } from "@/components/kafka/create-topic-form";
import { TopicsTable } from "@/components/kafka/topics-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Topics" };

export default function TopicsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Topics" description="Partitions, replication and retained messages of every topic, refreshed every 10 s." />
        <CreateTopicButton />
      </div>
      <Suspense>
        <TopicsTable />
      </Suspense>
    </div>
  );
}
