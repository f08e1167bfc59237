import type { Metadata } from "next";
import { Suspense } from "react";
import { NewReplay } from "@/components/replay/new-replay";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";

export const metadata: Metadata = { title: "New replay" };

export default function NewReplayPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <BreadcrumbHeader
        trail={[{ label: "Replay", href: "/replay" }, { label: "New" }]}
        title="New replay"
        description="Describe what to replay, check the dry run, then start it. The address bar keeps the form, so it can be shared."
      />
      <Suspense>
        <NewReplay />
      </Suspense>
    </div>
  );
}
