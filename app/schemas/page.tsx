import type { Metadata } from "next";
import { Suspense } from "react";
import { SubjectsTable } from "@/components/schemas/subjects-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Schemas" };

export default function SchemasPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader
        title="Schemas"
        description="Subjects of the Schema Registry: the latest version of each, its type, compatibility level and the topic it belongs to. Open a subject for its versions, a diff between any two, a compatibility check and registration."
      />
      <Suspense>
        <SubjectsTable />
      </Suspense>
    </div>
  );
}
