import type { Metadata } from "next";
import { Suspense } from "react";
import { TraceView } from "@/components/system/trace-view";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";

export const metadata: Metadata = { title: "Trace" };

export default function TracePage() {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <BreadcrumbHeader
        trail={[{ href: "/system", label: "System" }, { label: "Trace" }]}
        title="Trace"
        description="Every event about one entity across the topics, what each service stores for it, and where each consumer stands."
      />
      <Suspense>
        <TraceView />
      </Suspense>
    </div>
  );
}
