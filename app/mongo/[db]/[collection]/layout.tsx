import type { ReactNode } from "react";
import { CollectionTabs } from "@/components/mongo/collection-tabs";
import { decodeSegment } from "@/components/mongo/page-param";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";

type Props = { params: Promise<{ db: string; collection: string }>; children: ReactNode };

/** Every page of one collection: where it is, then the Documents · Indexes · Aggregate tabs. */
export default async function CollectionLayout({ params, children }: Props) {
  const { db: rawDb, collection: rawCollection } = await params;
  const db = decodeSegment(rawDb);
  const collection = decodeSegment(rawCollection);
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <BreadcrumbHeader
        trail={[
          { label: "MongoDB", href: "/mongo" },
          { label: db, href: `/mongo/${encodeURIComponent(db)}`, mono: true },
          { label: collection, mono: true },
        ]}
        title={<span className="font-mono">{collection}</span>}
      />
      <CollectionTabs db={db} collection={collection} />
      {children}
    </div>
  );
}
