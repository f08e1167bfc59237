import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { GroupsTable } from "@/components/kafka/groups-table";

export const metadata: Metadata = { title: "Consumer groups" };

export default function GroupsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader
        title="Consumer groups"
        description="State, members and lag in messages and in time (age of the oldest unread message), refreshed every 3 s (never more than 5 s old). Open a group for its members, lag history and offset reset."
      />
      <Suspense>
        <GroupsTable />
      </Suspense>
    </div>
  );
}
