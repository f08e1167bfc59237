import type { Metadata } from "next";
import { Suspense } from "react";
import { AggregateRunner } from "@/components/mongo/aggregate-runner";
import { decodeSegment } from "@/components/mongo/page-param";

type Props = { params: Promise<{ db: string; collection: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Aggregate · ${decodeSegment((await params).collection)}` };
}

export default async function AggregatePage({ params }: Props) {
  const { db, collection } = await params;
  const names = { db: decodeSegment(db), collection: decodeSegment(collection) };
  return (
    <div className="space-y-4">
      <Suspense>
        <AggregateRunner {...names} />
      </Suspense>
    </div>
  );
}
