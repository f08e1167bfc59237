import type { Metadata } from "next";
import { SystemOverview } from "@/components/system/system-overview";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "System" };

export default function SystemPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <PageHeader
        title="System"
        description="The services, the topics between them and their databases, live; what each topic carries and the event envelope."
      />
      <SystemOverview />
    </div>
  );
}
