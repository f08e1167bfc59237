import type { Metadata } from "next";
import { Suspense } from "react";
import { CollectionsTable } from "@/components/mongo/collections-table";
import { decodeSegment } from "@/components/mongo/page-param";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";

type Props = { params: Promise<{ db: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodeSegment((await params).db)} · MongoDB` };
}

export default async function MongoCollectionsPage({ params }: Props) {
  const db = decodeSegment((await params).db);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <BreadcrumbHeader
        trail={[
          { label: "MongoDB", href: "/mongo" },
          { label: db, mono: true },
        ]}
        title={<span className="font-mono">{db}</span>}
        description="Collections with document counts (estimated from statistics unless counted), sizes and indexes."
      />
      <Suspense>
        <CollectionsTable db={db} />
      </Suspense>
    </div>
  );
}
