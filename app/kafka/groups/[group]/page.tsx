import type { Metadata } from "next";
import Link from "next/link";
import { GroupDetailView } from "@/components/kafka/group-detail";

type Props = { params: Promise<{ group: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).group) };
}

export default async function GroupPage({ params }: Props) {
  const groupId = decodeURIComponent((await params).group);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/kafka/groups" className="hover:underline">
          Consumer groups
        </Link>{" "}
        / <span className="font-mono text-ink">{groupId}</span>
      </nav>
      <h1 className="font-mono text-xl font-semibold tracking-tight">{groupId}</h1>
      <GroupDetailView groupId={groupId} />
    </div>
  );
}
