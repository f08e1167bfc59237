import type { Metadata } from "next";
import { Suspense } from "react";
import { NewReplayLink, ReplayJobsList } from "@/components/replay/replay-jobs-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Replay" };

export default function ReplayPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader
          title="Replay"
          description="Re-publish events to a topic, rewind a consumer group or rebuild a service's projection, with a dry run first; jobs refresh every 3 s."
        />
        <NewReplayLink />
      </div>
      <Suspense>
        <ReplayJobsList />
      </Suspense>
    </div>
  );
}
