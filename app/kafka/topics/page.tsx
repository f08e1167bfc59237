import type { Metadata } from "next";
import { Suspense } from "react";
import { TopicsTable } from "@/components/kafka/topics-table";

export const metadata: Metadata = { title: "Topics" };

export default function TopicsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Topics</h1>
        <p className="text-sm text-muted">Partitions, replication and retained messages of every topic, refreshed every 10 s.</p>
      </div>
      <Suspense>
        <TopicsTable />
      </Suspense>
    </div>
  );
}
