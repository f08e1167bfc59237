import type { Metadata } from "next";
import Link from "next/link";
import { TopicDetailView } from "@/components/kafka/topic-detail";

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).topic) };
}

export default async function TopicPage({ params }: Props) {
  const name = decodeURIComponent((await params).topic);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/kafka/topics" className="hover:underline">
          Topics
        </Link>{" "}
        / <span className="font-mono text-ink">{name}</span>
      </nav>
      <h1 className="font-mono text-xl font-semibold tracking-tight">{name}</h1>
      <TopicDetailView name={name} />
    </div>
  );
}
