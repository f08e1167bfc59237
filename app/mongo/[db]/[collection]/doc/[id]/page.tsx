import type { Metadata } from "next";
import { decodeSegment } from "@/components/mongo/page-param";
import { DocumentEditor } from "@/components/mongo/document-editor";

type Props = { params: Promise<{ db: string; collection: string; id: string }>; searchParams: Promise<{ copy?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { collection, id } = await params;
  return { title: `${decodeSegment(id) === "new" ? "New document" : decodeSegment(id)} · ${decodeSegment(collection)}` };
}

/** One document (`new` = insert one; `?copy=<id>` = insert a copy of that document). */
export default async function DocumentPage({ params, searchParams }: Props) {
  const { db, collection, id } = await params;
  const { copy } = await searchParams;
  const names = { db: decodeSegment(db), collection: decodeSegment(collection) };
  const segment = decodeSegment(id);
  return (
    <div className="space-y-4">
      <DocumentEditor {...names} segment={segment} copyOf={segment === "new" && typeof copy === "string" ? copy : undefined} />
    </div>
  );
}
