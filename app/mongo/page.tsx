import type { Metadata } from "next";
import { Suspense } from "react";
import { DatabasesTable } from "@/components/mongo/databases-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "MongoDB" };

export default function MongoDatabasesPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader title="MongoDB" description="Databases with their size on disk, data size and collections, refreshed every 15 s." />
      <Suspense>
        <DatabasesTable />
      </Suspense>
    </div>
  );
}
