import type { Metadata } from "next";
import { Suspense } from "react";
import { DocumentsView } from "@/components/mongo/documents-view";
import { decodeSegment } from "@/components/mongo/page-param";

type Props = { params: Promise<{ db: string; collection: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { db, collection } = await params;
  return { title: `${decodeSegment(db)}.${decodeSegment(collection)} · MongoDB` };
}

export default async function MongoDocumentsPage({ params }: Props) {
  const { db, collection } = await params;
  return (
    <Suspense>
      <DocumentsView db={decodeSegment(db)} collection={decodeSegment(collection)} />
    </Suspense>
  );
}
