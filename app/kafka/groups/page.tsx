import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { GroupsTable } from "@/components/kafka/groups-table";

export const metadata: Metadata = { title: "Consumer groups" };

export default function GroupsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader title="Consumer groups" description="State, members and lag per partition — partitions without a committed offset included — refreshed every 5 s." />
      <GroupsTable />
    </div>
  );
}
