import type { Metadata } from "next";
import { decodeSegment } from "@/components/mongo/page-param";
import { IndexList } from "@/components/mongo/index-list";

type Props = { params: Promise<{ db: string; collection: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Indexes · ${decodeSegment((await params).collection)}` };
}

export default async function IndexesPage({ params }: Props) {
  const { db, collection } = await params;
  const names = { db: decodeSegment(db), collection: decodeSegment(collection) };
  return (
    <div className="space-y-4">
      <IndexList {...names} />
    </div>
  );
}
