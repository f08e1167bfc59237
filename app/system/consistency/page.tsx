import type { Metadata } from "next";
import { ConsistencyView } from "@/components/system/consistency-view";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";

export const metadata: Metadata = { title: "Consistency" };

export default function ConsistencyPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <BreadcrumbHeader
        trail={[{ href: "/system", label: "System" }, { label: "Consistency" }]}
        title="Consistency checks"
        description="Data one service copies from another, compared over whole collections: which copies are stale, for how long, and a replay of the entity's events to repair them."
      />
      <ConsistencyView />
    </div>
  );
}
