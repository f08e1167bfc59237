import type { Metadata } from "next";
import { Suspense } from "react";
import { ExploreView } from "@/components/metrics/explore-view";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";

export const metadata: Metadata = { title: "Explore metrics" };

export default function ExplorePage() {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <BreadcrumbHeader trail={[{ label: "Metrics", href: "/metrics" }, { label: "Explore" }]} title="Explore" description="Run PromQL against Prometheus." />
      <Suspense>
        <ExploreView />
      </Suspense>
    </div>
  );
}
