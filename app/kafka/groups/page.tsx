import type { Metadata } from "next";
import { GroupsTable } from "@/components/kafka/groups-table";

export const metadata: Metadata = { title: "Consumer groups" };

export default function GroupsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Consumer groups</h1>
        <p className="text-sm text-muted">State, members and lag per partition — partitions without a committed offset included — refreshed every 5 s.</p>
      </div>
      <GroupsTable />
    </div>
  );
}
